// grader/GraderKit/Batch/GradingSession.swift -- one `grader grade` run, start to reports.
//
// Problems with the kit (unknown assignment, a script that names a kernel
// test the image lacks) stop the run before anything is graded, with every
// faulty file named: grading against a broken kit would give everyone a
// wrong score. Problems with a submission never stop the run.

import Foundation

/// A prepared grading run: the kit, the validated assignment, the options.
public struct GradingSession: Sendable {
    /// Grades one submission.
    public let grader: SubmissionGrader

    /// Loads and validates the assignment, ready to grade.
    ///
    /// Steps: 1. the kit and the assignment folder; 2. the kernel tests
    /// the image will hold; 3. the rubric and scripts, checked against them.
    /// The default builder shares one Machine module per content through
    /// the options' machine cache (`<kit>/build/machine-cache` when unset).
    ///
    /// The default booter runs qemu, or the host program with
    /// `options.host`; it has a reference oracle (ReferenceOracle) when a
    /// script asks for one.
    public init(kit: Kit, options: GradingOptions, builder: (any ImageBuilding)? = nil,
                booter: (any TestBooting)? = nil) throws {
        // 1.
        let folder = try kit.assignmentFolder(options.assignment)
        // 2.
        let kernelTests = KernelTestNames.declared(in: folder)
        // 3.
        let loader = AssignmentLoader(kernelTests: kernelTests)
        let assignment = try loader.load(folder: folder, selection: options.publicOnly ? .publicOnly : .all)
        let cache = MachineCache(folder: options.machineCacheFolder ?? kit.defaultMachineCache)
        let selfChecks = options.selfChecks ? SelfChecks.names(in: folder) : []
        let machine: KernelMachine = options.host ? .host : .qemu
        let oracle = assignment.scripts.contains(where: \.usesReferenceOracle)
            ? ReferenceOracle(kitRoot: kit.root, assignment: assignment.id) : nil
        var grader = try SubmissionGrader(kit: kit, assignment: assignment, options: options,
                                      builder: builder ?? MakeImageBuilder(machineCache: cache, machine: machine),
                                      booter: booter ?? QemuTestBooter(qemu: options.host ? .host : QemuRunner(),
                                                                       oracle: oracle),
                                      selfChecks: selfChecks)
        grader.hardwareTests = options.host ? KernelTestNames.declaredInHardwareSources(in: folder) : []
        self.grader = grader
    }

    /// The submissions the arguments name, in this run's shard.
    public func sources(for arguments: [String]) -> [SubmissionSource] {
        let markers = Set(grader.assignment.rubric.studentFiles.compactMap { GlobPattern($0).literalHead })
        return grader.options.shard.select(SubmissionList.expand(arguments, markers: markers))
    }

    /// Grades `sources`, `jobs` at a time, drawing a progress bar on a
    /// terminal; returns the report (with each submission's notes and the
    /// run's timeout scale) and every graded submission.
    public func run(_ sources: [SubmissionSource]) async -> (report: GradeReport, graded: [GradedSubmission]) {
        let startedAt = ISO8601DateFormatter().string(from: Date())
        let bar = ProgressBar(total: sources.count)
        let graded = await BatchGrader(grader: grader, jobs: grader.options.jobs).grade(sources) { done, last in
            bar.update(done: done, label: last.result.student)
        }
        bar.finish()
        let report = GradeReport(startedAt: startedAt, submissions: graded.map(\.result),
                                 timeoutScale: grader.options.timeoutScale)
        return (report, graded)
    }
}

extension SubmissionResult {
    /// True when the submission built and every test passed: what makes
    /// `grader grade` exit with status 0.
    public var isCompletePass: Bool {
        built && !tests.isEmpty && tests.allSatisfy { $0.verdict == .pass }
    }
}

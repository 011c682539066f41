// grader/GraderKit/Mutation/MutationRun.swift -- grading mutants with the batch machinery.
//
// Each mutant becomes a submission: the reference's owned files (core and
// machine), one of them changed, written to <out>/mutants/<id>/. The
// batch grader grades them `jobs` at a time like students' work (the
// Machine module is built once per content and shared: only a machine
// mutant rebuilds it; the core and the tests compile per mutant), with
// the full suite, public and hidden. Each outcome is kept at
// <out>/results/<id>.json as soon as it is known, so an interrupted run
// resumes where it stopped.

import Foundation

/// What happened to one mutant.
public enum MutantStatus: String, Sendable, Codable {
    /// A test failed or lost points: the suite catches this bug.
    case killed
    /// Every test passed with full points: the suite misses this bug.
    case survived
    /// The mutant did not compile; it says nothing about the tests.
    case stillborn = "did-not-compile"
    /// The grading machinery failed (qemu would not start); graded again
    /// by `--resume`.
    case infrastructure
}

/// A test a killed mutant failed, and how.
public struct FailedTest: Sendable, Codable, Equatable {
    /// The script's name.
    public var name: String
    /// "public" or "hidden".
    public var visibility: String
    /// The verdict (`fail`, `panic`, `wrong-output`, ...).
    public var verdict: String
    /// Points kept of the test's points.
    public var points: Double
    public var maxPoints: Double
}

/// One mutant and its outcome.
public struct MutantResult: Sendable, Codable, Equatable {
    /// The mutant.
    public var mutant: Mutant
    /// Its outcome.
    public var status: MutantStatus
    /// The tests that failed or lost points (killed mutants).
    public var failedTests: [FailedTest]
    /// The score the mutant got, out of `maxScore`.
    public var score: Double
    public var maxScore: Double
    /// Seconds spent building and grading it.
    public var seconds: Double

    /// An outcome with every field given.
    public init(mutant: Mutant, status: MutantStatus, failedTests: [FailedTest], score: Double, maxScore: Double,
                seconds: Double) {
        self.mutant = mutant
        self.status = status
        self.failedTests = failedTests
        self.score = score
        self.maxScore = maxScore
        self.seconds = seconds
    }

    /// The outcome `result` (the grade of `mutant`) means.
    ///
    /// Steps: 1. no build: stillborn, or infrastructure when the grader
    /// could not build at all; 2. any infrastructure verdict: unknown;
    /// 3. a test not passed or not at full points: killed; else survived.
    public init(mutant: Mutant, result: SubmissionResult) {
        self.mutant = mutant
        score = result.score
        maxScore = result.maxScore
        seconds = result.duration
        failedTests = result.tests.filter { $0.verdict != .pass || $0.points < $0.maxPoints }.map {
            FailedTest(name: $0.name, visibility: $0.visibility, verdict: $0.verdict.rawValue,
                       points: $0.points, maxPoints: $0.maxPoints)
        }
        // 1.
        let infrastructure = result.tests.contains { $0.verdict == .infrastructure }
        if !result.built {
            status = infrastructure ? .infrastructure : .stillborn
            failedTests = []
        } else if infrastructure {
            // 2.
            status = .infrastructure
        } else {
            // 3.
            status = failedTests.isEmpty ? .survived : .killed
        }
    }

    /// True when a public test killed it.
    public var killedByPublic: Bool {
        status == .killed && failedTests.contains { $0.visibility == "public" }
    }
}

/// Errors that stop a mutation run before the mutants are graded.
public struct MutationRunError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
}

/// A mutation run: the mutants, the grader, the out folder.
public struct MutationRun: Sendable {
    /// Grades one submission (built from the kit, the full suite).
    public let grader: SubmissionGrader
    /// Where mutants, results and reports go.
    public let out: URL
    /// Mutants graded at once.
    public let jobs: Int

    /// A run grading with `grader` into `out`, `jobs` at a time.
    public init(grader: SubmissionGrader, out: URL, jobs: Int) {
        self.grader = grader
        self.out = out
        self.jobs = max(1, jobs)
    }

    /// The reference's owned files (relative to reference/), sorted.
    public func ownedFiles() -> [String] {
        let reference = grader.kit.root.appendingPathComponent("reference")
        let owned = grader.assignment.rubric.studentFiles.map(GlobPattern.init)
        let enumerator = FileManager.default.enumerator(atPath: reference.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".swift"), owned.anyMatches(path) { files.append(path) }
        }
        return files.sorted()
    }

    /// The reference's owned machine files (relative to machine/, the
    /// rubric's `machine_files`), sorted.
    public func ownedMachineFiles() -> [String] {
        let machine = grader.kit.root.appendingPathComponent("machine")
        let owned = grader.assignment.rubric.machineFiles.map(GlobPattern.init)
        return FileTree.files(under: machine).filter { $0.hasSuffix(".swift") && owned.anyMatches($0) }
    }

    /// The stored outcome of mutant `id`, if any.
    public func stored(_ id: String) -> MutantResult? {
        let url = out.appendingPathComponent("results/\(id).json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(MutantResult.self, from: data)
    }

    /// Grades `mutants`; with `resume`, a mutant with a stored outcome
    /// (other than infrastructure) is not graded again.
    ///
    /// Steps: 1. unless every mutant has its outcome, grade the unchanged
    /// reference first: a suite it does not pass at full points cannot
    /// judge mutants; 2. write each mutant to
    /// be graded as a submission; 3. grade them in parallel, storing each
    /// outcome as it arrives; 4. every outcome, in the mutants' order.
    public func run(_ mutants: [Mutant], resume: Bool,
                    progress: @escaping @Sendable (Int, Int, MutantResult) -> Void = { _, _, _ in }) async throws
        -> [MutantResult] {
        let owned = ownedFiles()
        try FileManager.default.createDirectory(at: out.appendingPathComponent("results"),
                                                withIntermediateDirectories: true)
        let pending = mutants.filter { mutant in
            guard resume, let done = stored(mutant.id) else { return true }
            return done.status == .infrastructure
        }
        // 1.
        if !pending.isEmpty || mutants.isEmpty {
            let reference = await grader.grade(try write(nil, owned: owned))
            guard reference.result.built, reference.result.score == reference.result.maxScore else {
                throw MutationRunError(description: "the reference scores \(reference.result.score) / "
                                       + "\(reference.result.maxScore) (\(Self.why(reference.result))): "
                                       + "fix it or the suite before judging mutants")
            }
        }
        // 2.
        let sources = try pending.map { try write($0, owned: owned) }
        // 3.
        let byID = Dictionary(uniqueKeysWithValues: pending.map { ($0.id, $0) })
        let folder = out
        _ = await BatchGrader(grader: grader, jobs: jobs).grade(sources) { done, graded in
            guard let mutant = byID[graded.result.student] else { return }
            let outcome = MutantResult(mutant: mutant, result: graded.result)
            MutationRun.store(outcome, in: folder)
            progress(done, sources.count, outcome)
        }
        // 4.
        return mutants.compactMap { stored($0.id) }
    }

    /// Why a graded reference lost points: its build's first lines, or
    /// each test that did not pass with its verdict and message.
    static func why(_ result: SubmissionResult) -> String {
        guard result.built else {
            return "it does not build: " + (result.buildLog ?? "").split(separator: "\n").prefix(3).joined(separator: " / ")
        }
        return result.tests.filter { $0.verdict != .pass }
            .map { "\($0.name): \($0.verdict.rawValue)" + ($0.message.map { " (\($0))" } ?? "") }
            .joined(separator: "; ")
    }

    /// Writes `mutant` (nil: the reference unchanged) as a submission
    /// folder holding every owned file (the core's at its root, the
    /// machine's in machine/, where the overlay looks for them; a
    /// machine mutant's path starts with `machine/`); returns it as a source.
    func write(_ mutant: Mutant?, owned: [String]) throws -> SubmissionSource {
        let name = mutant?.id ?? "reference"
        let folder = out.appendingPathComponent("mutants/\(name)")
        let reference = grader.kit.root.appendingPathComponent("reference")
        try? FileManager.default.removeItem(at: folder)
        let sources = owned.map { (path: $0, from: reference.appendingPathComponent($0)) }
            + ownedMachineFiles().map { (path: "machine/" + $0, from: grader.kit.root.appendingPathComponent("machine/" + $0)) }
        for (path, source) in sources {
            var text = try String(contentsOf: source, encoding: .utf8)
            if let mutant, mutant.path == path { text = mutant.apply(to: text) }
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: target)
        }
        return SubmissionSource(name: name, location: folder.path, kind: .directory)
    }

    /// Stores `outcome` under <folder>/results/<id>.json.
    static func store(_ outcome: MutantResult, in folder: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(outcome) else { return }
        try? AtomicFile.write(data, to: folder.appendingPathComponent("results/\(outcome.mutant.id).json"))
    }
}

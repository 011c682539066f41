// grader/GraderKit/Calibration/Calibrator.swift -- measures this host on the reference.
//
// The reference kernel passes every test, so how long its tests take on
// this host, compared to the nominal figure, says how much slower the host
// is. Each test is booted a few times and the median taken, so one slow
// boot (another process on the CPU) does not skew the scale.

import Foundation

/// Measures boot-to-verdict times on the reference.
public struct Calibrator: Sendable {
    /// The kit measured.
    public let kit: Kit
    /// Boots per kernel test.
    public let rounds: Int

    /// A calibrator booting each test `rounds` times.
    public init(kit: Kit, rounds: Int = 3) {
        self.kit = kit
        self.rounds = max(1, rounds)
    }

    /// The assignment to measure: the given one, or the first with a rubric.
    public func assignment(_ requested: String?) throws -> String {
        if let requested { return try kit.assignmentFolder(requested).lastPathComponent }
        let gradable = kit.assignments.filter {
            FileManager.default.fileExists(atPath: kit.root.appendingPathComponent("assignments/\($0)/rubric.yaml").path)
        }
        guard let first = gradable.first else { throw KitError.unknownAssignment(name: "(any with a rubric)", known: []) }
        return first
    }

    /// Builds the reference image of `assignment` and times its tests.
    ///
    /// Steps:
    /// 1. build the reference image in a scratch folder;
    /// 2. boot every scripted test `rounds` times, with its conversation,
    ///    under three times its timeout, keeping the times of the passes
    ///    (tests without a script may end badly on purpose);
    /// 3. the median and the derived scale.
    public func measure(assignment: String) async throws -> Calibration {
        // 1.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grader-calibrate-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let build = KernelBuild(kitRoot: kit.root.path, assignment: assignment, core: "reference",
                                buildDirectory: scratch.path)
        guard case let .built(image) = try await build.run() else {
            throw CalibrationError.referenceDoesNotBuild(assignment: assignment)
        }
        // 2.
        let folder = try kit.assignmentFolder(assignment)
        let scripts = try AssignmentLoader(kernelTests: KernelTestNames.declared(in: folder)).load(folder: folder)
        let options = GradingOptions(assignment: assignment, timeoutScale: 3)
        let booter = QemuTestBooter()
        var times: [Double] = []
        var passTotal = 0.0
        for round in 1 ... rounds {
            for script in scripts.scripts {
                let run = try await booter.boot(script, image: image, limits: options.limits(for: script, in: scripts))
                guard run.verdict == .pass else { continue }
                times.append(run.duration)
                if round == 1 { passTotal += run.duration }
            }
        }
        // 3.
        guard !times.isEmpty else { throw CalibrationError.nothingMeasured(assignment: assignment) }
        let median = times.sorted()[times.count / 2]
        return Calibration(timeoutScale: Calibration.scale(forMedian: median), medianBootSeconds: median,
                           referenceTestSeconds: passTotal, runs: times.count, assignment: assignment,
                           measuredAt: ISO8601DateFormatter().string(from: Date()))
    }
}

/// Why the host could not be measured.
public enum CalibrationError: Error, Sendable, CustomStringConvertible {
    /// The reference itself does not build: fix the kit first.
    case referenceDoesNotBuild(assignment: String)
    /// No test reached a verdict.
    case nothingMeasured(assignment: String)

    /// One line naming the assignment.
    public var description: String {
        switch self {
        case let .referenceDoesNotBuild(assignment):
            return "the reference does not build for \(assignment): run `make image ASSIGNMENT=\(assignment)`"
        case let .nothingMeasured(assignment):
            return "no kernel test of \(assignment) reached a verdict; is qemu working?"
        }
    }
}

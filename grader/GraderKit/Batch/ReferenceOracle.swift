// grader/GraderKit/Batch/ReferenceOracle.swift -- expected lines computed by running the reference.
//
// A script with `oracle: reference` expects, after its own conversation,
// the very lines the REFERENCE core prints for the same kernel test and
// the same seed. The grader gets them by running that test on the host
// (mk/host.mk: the assignment's tests, the reference core and
// machine/host in one program), once per boot of the student's kernel,
// with the seed that boot gets:
//
//     build/oracle/01-set.host test=set_oracle nonce=<fresh> seed=<the boot's>
//
// Only the reference runs here, and only in a subprocess, under the
// script's time limit (the same runner as a qemu boot: process group,
// output cap, kill): student code never runs in the grader's process or
// in this program. The program is built once per grading session (make
// keeps it in <kit>/build/oracle/ and rebuilds it only when the
// reference, the machine or the tests change). The lines are every line
// the reference printed that is not a harness line (`KTEST ...`,
// `PANIC ...`), so an oracle test prints only what depends on the seed
// and on the code under test (the teacher's guide shows how).
//
// Anything that keeps the oracle from answering (no reference/ in the
// kit, a build that fails, a reference run that does not pass) is the
// grader's failure: the run is `infrastructure`, never charged to the
// student, and the message says what broke.

import Foundation

/// Why the oracle has no lines for a run.
public struct OracleFailure: Error, Equatable, Sendable {
    /// One line for the report (the run is `infrastructure`).
    public var message: String
}

/// Builds the reference's host program once and runs it per seed.
public actor ReferenceOracle {
    /// The kit's root folder (holds reference/ and the Makefile).
    public let kitRoot: URL
    /// The assignment whose tests the program holds.
    public let assignment: String
    /// Where make builds the program.
    public let buildFolder: URL
    /// The one build of this session, shared by every caller.
    private var build: Task<Result<String, OracleFailure>, Never>?

    /// An oracle for `assignment` of the kit at `kitRoot`, built into
    /// `buildFolder` (default: `<kit>/build/oracle`).
    public init(kitRoot: URL, assignment: String, buildFolder: URL? = nil) {
        self.kitRoot = kitRoot
        self.assignment = assignment
        self.buildFolder = buildFolder ?? kitRoot.appendingPathComponent("build/oracle")
    }

    /// The lines the reference prints for `test` run with `seed`.
    ///
    /// Steps: 1. the program, built on the first call (later calls wait
    /// for that build, or get its failure at once); 2. one run with a
    /// fresh nonce under `limits`; 3. it must pass; 4. its lines but the
    /// harness's.
    public func lines(test: String, seed: UInt64, limits: RunLimits) async -> Result<[String], OracleFailure> {
        // 1.
        let program: String
        switch await programPath() {
        case .success(let path): program = path
        case .failure(let failure): return .failure(failure)
        }
        // 2.
        let outcome: KernelTestOutcome
        do {
            outcome = try await KernelTestRunner(qemu: .host, limits: limits).run(test: test, image: program, seed: seed)
        } catch {
            return .failure(OracleFailure(message: "the reference oracle could not run: \(error)"))
        }
        // 3.
        guard outcome.verdict == .pass else {
            return .failure(OracleFailure(message: "the reference oracle's run of \(test) (seed \(seed)) ended "
                + "\(outcome.verdict.rawValue), not pass: \(outcome.message)"))
        }
        // 4.
        return .success(ReferenceOracle.expectedLines(in: outcome.log))
    }

    /// The lines of a reference run that a kernel must print too: every
    /// line but the harness's (KTEST, PANIC), carriage returns dropped.
    public static func expectedLines(in log: String) -> [String] {
        LineSplitter.lines(of: Array(log.utf8)).map(\.text).filter {
            !$0.hasPrefix("KTEST ") && !$0.hasPrefix("PANIC ")
        }
    }

    /// The program's path, building it on the first call.
    private func programPath() async -> Result<String, OracleFailure> {
        if let build { return await build.value }
        let (root, assignment, folder) = (kitRoot, self.assignment, buildFolder)
        let task = Task { await ReferenceOracle.make(kitRoot: root, assignment: assignment, buildFolder: folder) }
        build = task
        return await task.value
    }

    /// Steps: 1. the kit must hold the reference; 2. `make host-image
    /// CORE=reference`; 3. the program, or what the build said.
    private static func make(kitRoot: URL, assignment: String, buildFolder: URL) async -> Result<String, OracleFailure> {
        // 1.
        guard FileManager.default.fileExists(atPath: kitRoot.appendingPathComponent("reference").path) else {
            return .failure(OracleFailure(message: "the reference oracle needs reference/, which this kit does not have"))
        }
        // 2.
        var build = KernelBuild(kitRoot: kitRoot.path, assignment: assignment, core: "reference",
                                buildDirectory: buildFolder.path)
        build.machine = .host
        let outcome: BuildOutcome
        do {
            outcome = try await build.run(target: build.imageTarget)
        } catch {
            return .failure(OracleFailure(message: "the reference oracle could not be built: \(error)"))
        }
        // 3.
        switch outcome {
        case .built(let image): return .success(image)
        case .failed(let failure):
            return .failure(OracleFailure(message: "the reference oracle did not build: \(failure.summary)"))
        }
    }
}

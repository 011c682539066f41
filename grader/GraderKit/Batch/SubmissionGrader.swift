// grader/GraderKit/Batch/SubmissionGrader.swift -- grades one submission from intake to score.
//
// Every way a submission can go wrong ends in a result, never in a thrown
// error or a crash: a refused submission scores 0 with the reason, a build
// failure scores 0 with the diagnostics, a test qemu could not run is
// retried and, if it still fails, marked `infrastructure` (not charged,
// not cached). Each submission gets its own scratch folder, removed after
// (an OwnedFolder: a killed grader's folders are removed too).

import Foundation

/// One submission's grade and what the student should know besides.
public struct GradedSubmission: Sendable {
    /// The grade, as reports show it.
    public var result: SubmissionResult
    /// Missing and ignored files.
    public var notes: SubmissionNotes
    /// True when the grade came from the cache.
    public var fromCache: Bool
    /// Why the submission was refused, if it was.
    public var refusal: String?
}

/// Grades submissions of one assignment against one kit.
public struct SubmissionGrader: Sendable {
    /// The trusted kit.
    public let kit: Kit
    /// The assignment, its scripts validated.
    public let assignment: Assignment
    /// The run's settings.
    public let options: GradingOptions
    /// Builds images.
    public let builder: any ImageBuilding
    /// Boots tests.
    public let booter: any TestBooting
    /// The student's own kernel tests to run as self-checks (see
    /// SelfChecks): never scored; empty unless asked (student mode).
    public let selfChecks: [String]
    /// The kernel tests a host run cannot hold (their sources import
    /// IA32): skipped there like `host: false` scripts.
    public var hardwareTests: Set<String> = []
    private let kitFingerprint: String

    /// A grader for `assignment` of `kit`. Computes the kit's fingerprint
    /// once (it is part of every cache key).
    public init(kit: Kit, assignment: Assignment, options: GradingOptions,
                builder: any ImageBuilding = MakeImageBuilder(), booter: any TestBooting = QemuTestBooter(),
                selfChecks: [String] = []) throws {
        self.kit = kit
        self.assignment = assignment
        self.options = options
        self.builder = builder
        self.booter = booter
        self.selfChecks = selfChecks
        self.kitFingerprint = try kit.fingerprint(for: assignment.id)
    }

    /// Grades `source`.
    ///
    /// Steps:
    /// 1. a fresh scratch folder; intake into it;
    /// 2. the trusted tree, with the owned files laid over its core;
    /// 3. the cache, keyed by what was just laid over;
    /// 4. build, then every script in dependency order; store the grade.
    /// The overlay's notes (missing and ignored files) and the integrity
    /// flags of the files it took go into the result (never into the score).
    public func grade(_ source: SubmissionSource) async -> GradedSubmission {
        let started = ContinuousClock.now
        // 1.
        let scratch = options.scratchFolder.appendingPathComponent("grader-" + UUID().uuidString)
        defer { OwnedFolder.remove(scratch) }
        let overlay: OverlayReport
        let tree: TrustedTree
        do {
            try OwnedFolder.create(at: scratch)
            let intake = try await Intake.take(source, into: scratch.appendingPathComponent("submission"),
                                               limits: options.intakeLimits)
            // 2.
            tree = try TrustedTree.assemble(kit: kit, assignment: assignment.id, at: scratch.appendingPathComponent("tree"))
            let owned = assignment.rubric.studentFiles.map(GlobPattern.init)
            overlay = try Overlay.apply(intake, owned: owned, machineOwned: assignment.rubric.machineFiles.map(GlobPattern.init),
                                        kit: kit, assignment: assignment.id, tree: tree)
        } catch let error as IntakeError {
            return refused(source, reason: error.description, since: started)
        } catch {
            return unavailable(source, reason: "the grader could not prepare the build: \(error)", since: started)
        }
        // 3.
        let notes = SubmissionNotes(overlay)
        let flags = IntegrityScan.scan(files: overlay.taken, in: tree.core,
                                       machineFiles: overlay.machineTaken, machine: tree.machine)
        let key = ResultCache.key(ownedDigest: overlay.digest, kitFingerprint: kitFingerprint,
                                  assignment: assignment.id,
                                  testSet: assignment.scripts.map(\.name) + selfChecks.map { "self-check:" + $0 }
                                      + (options.host ? ["machine:host"] : []),
                                  timeoutScale: options.timeoutScale)
        let cache = options.cacheFolder.map(ResultCache.init)
        // The notes are this submission's own: files it does not own
        // are not in the key, so a cached grade may carry another's.
        if var cached = cache?.load(key: key, student: source.name) {
            cached.notes = notes.lines
            cached.flags = flags
            cached.warnings = BuildWarnings.relocate(cached.warnings, to: overlay.coreRoot)
            return GradedSubmission(result: cached, notes: notes, fromCache: true, refusal: nil)
        }
        // 4.
        var result = await buildAndRun(source, tree: tree, scratch: scratch, key: key, since: started)
        result.notes = notes.lines
        result.flags = flags
        // The cache keeps the warnings as the tree names them: another
        // submission with the same files may lay its core out otherwise.
        cache?.store(result)
        result.warnings = BuildWarnings.relocate(result.warnings, to: overlay.coreRoot)
        return GradedSubmission(result: result, notes: notes, fromCache: false, refusal: nil)
    }

    /// The build, then the scripts.
    ///
    /// Steps: 1. build, stopped past the build timeout (times the scale);
    /// a stopped build is tried once more with twice the time, and a
    /// second stop is the infrastructure's (a loaded host, or a build the
    /// teacher must look at), never a score; 2. a failed build scores 0
    /// with its log, unless make itself was killed by a signal (the
    /// grader shutting down, the host): that is the infrastructure's,
    /// never cached; 3. otherwise
    /// every script, in dependency order, then the self-checks (never
    /// scored); the compiler's warnings go into the result, with paths
    /// as in the tree (`grade` names them as the submission does).
    private func buildAndRun(_ source: SubmissionSource, tree: TrustedTree, scratch: URL, key: String,
                             since started: ContinuousClock.Instant) async -> SubmissionResult {
        // 1.
        let limit = options.buildTimeout * options.timeoutScale
        let (builder, id) = (self.builder, assignment.id)
        let buildStarted = ContinuousClock.now
        var build: ImageBuild? = nil
        for seconds in [limit, 2 * limit] where build == nil {
            do {
                build = try await Deadline.run(seconds: seconds) {
                    try await builder.buildKeepingOutput(tree: tree, assignment: id,
                                                         buildFolder: scratch.appendingPathComponent("build"))
                }
            } catch {
                return unavailable(source, reason: "the build could not run: \(error)", since: started).result
            }
        }
        // 2.
        switch build?.outcome {
        case nil:
            let message = "the build took longer than \(Int(limit)) s, then \(Int(2 * limit)) s, and was stopped "
                + "both times: grade this submission again on a quieter machine, or look at what makes it so slow to compile"
            return unavailable(source, reason: message, since: started).result
        case let .failed(failure)? where failure.signal != nil:
            let message = "the build was stopped from outside (make ended by signal \(failure.signal ?? 0)): "
                + "grade this submission again"
            return unavailable(source, reason: message, since: started).result
        case let .failed(failure)?:
            return notBuilt(source, summary: failure.summary, log: failure.diagnostics, key: key, since: started)
        case let .built(image)?:
            // 3.
            let buildSeconds = elapsed(since: buildStarted)
            let testsStarted = ContinuousClock.now
            let (onHost, hardware) = (options.host, hardwareTests)
            let tests = await assignment.grade(skipping: { onHost && (!$0.host || hardware.contains($0.kernelTest)) }) { script in
                await bootEachCheck(script, image: image)
            }
            let testSeconds = elapsed(since: testsStarted)
            var checks: [SelfCheckResult] = []
            for name in selfChecks {
                checks.append(SelfChecks.result(name, await boot(SelfChecks.script(name), image: image)))
            }
            var result = assignment.submissionResult(student: source.name, tests: tests, built: true,
                                                     duration: elapsed(since: started), contentHash: key)
            result.buildSeconds = buildSeconds
            result.testSeconds = testSeconds
            result.warnings = BuildWarnings.extract(from: build?.output ?? "")
            result.selfChecks = checks
            return result
        }
    }

    /// A submission that did not build: 0 points, every test `build-failure`.
    private func notBuilt(_ source: SubmissionSource, summary: String, log: String, key: String,
                          since started: ContinuousClock.Instant) -> SubmissionResult {
        assignment.submissionResult(student: source.name, tests: assignment.buildFailureResults(message: summary),
                                    built: false, buildLog: log, duration: elapsed(since: started), contentHash: key)
    }

    /// Boots `script`, once per check when it says `boot_per_check`, and
    /// joins the boots into one observation (see `RunObservation.joining`).
    func bootEachCheck(_ script: TestScript, image: String) async -> RunObservation {
        let boots = script.boots
        guard boots.count > 1 else { return await boot(script, image: image) }
        var observations: [RunObservation] = []
        for copy in boots { observations.append(await boot(copy, image: image)) }
        return RunObservation.joining(observations, checks: boots.map { $0.selectedCheck ?? "" })
    }

    /// Boots `script`, starting qemu again (up to `options.attempts` times)
    /// while the failure is the infrastructure's.
    func boot(_ script: TestScript, image: String) async -> RunObservation {
        var reason = "qemu did not run"
        for attempt in 1 ... options.attempts {
            do {
                var observation = try await booter.boot(script, image: image,
                                                        limits: options.limits(for: script, in: assignment))
                observation.attempts = attempt
                if observation.verdict != .infrastructure { return observation }
                reason = observation.message ?? reason
            } catch {
                reason = "\(error)"
            }
        }
        return RunObservation(verdict: .infrastructure,
                              message: "\(reason) (after \(options.attempts) attempts; not charged)",
                              attempts: options.attempts)
    }

    /// A refused submission: 0 points, every test marked as not built,
    /// the reason as its build log.
    private func refused(_ source: SubmissionSource, reason: String,
                         since started: ContinuousClock.Instant) -> GradedSubmission {
        var result = notBuilt(source, summary: "submission refused: " + reason, log: reason, key: "", since: started)
        result.refused = true
        return GradedSubmission(result: result, notes: SubmissionNotes(), fromCache: false, refusal: reason)
    }

    /// The grader's own failure: every test `infrastructure` (not charged).
    private func unavailable(_ source: SubmissionSource, reason: String,
                             since started: ContinuousClock.Instant) -> GradedSubmission {
        let tests = assignment.scripts.map {
            TestScorer.score($0, RunObservation(verdict: .infrastructure, message: reason))
        }
        let result = assignment.submissionResult(student: source.name, tests: tests, built: false, buildLog: reason,
                                                 duration: elapsed(since: started), contentHash: "")
        return GradedSubmission(result: result, notes: SubmissionNotes(), fromCache: false, refusal: nil)
    }

    private func elapsed(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds
    }
}

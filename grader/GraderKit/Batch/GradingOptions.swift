// grader/GraderKit/Batch/GradingOptions.swift -- the settings of one grading run.

import Foundation

/// How a batch is graded.
public struct GradingOptions: Sendable {
    /// The assignment ("01-set").
    public var assignment: String
    /// Grade with the public scripts only (what a student can run).
    public var publicOnly: Bool
    /// Every script timeout and idle limit is multiplied by this.
    public var timeoutScale: Double
    /// Submissions graded at once.
    public var jobs: Int
    /// The slice of the batch to grade.
    public var shard: Shard
    /// The cache folder, or nil to grade everything afresh.
    public var cacheFolder: URL?
    /// Where per-submission scratch folders are made (removed after use).
    public var scratchFolder: URL
    /// Limits applied while taking submissions in.
    public var intakeLimits: IntakeLimits
    /// Most qemu starts per test when the infrastructure fails.
    public var attempts: Int
    /// Serial output kept per run; beyond it the run is an output flood.
    public var outputLimit: Int
    /// Seconds a build may take (times the timeout scale) before it is
    /// stopped and counted as a build failure.
    public var buildTimeout: Double
    /// Where Machine modules are shared between builds; nil: the kit's
    /// `build/machine-cache`.
    public var machineCacheFolder: URL?
    /// Run the student's own kernel tests (those no script names) as
    /// self-checks, never scored: `make assignment-N` asks for it.
    public var selfChecks: Bool = false
    /// Run the kernel tests on the host (`grade --host`, `make
    /// assignment-N HOST=1`): the submission built with machine/host into
    /// an ordinary program, run without qemu; scripts with `host: false`
    /// are skipped, saying so.
    public var host: Bool = false

    /// Options with the usual defaults: one job, the whole batch, no
    /// cache, scale 1, three attempts, 1 MiB of serial output per run,
    /// five minutes per build.
    public init(assignment: String, publicOnly: Bool = false, timeoutScale: Double = 1, jobs: Int = 1,
                shard: Shard = .all, cacheFolder: URL? = nil,
                scratchFolder: URL = FileManager.default.temporaryDirectory,
                intakeLimits: IntakeLimits = .standard, attempts: Int = 3, outputLimit: Int = 1 << 20,
                buildTimeout: Double = 300) {
        self.assignment = assignment
        self.publicOnly = publicOnly
        self.timeoutScale = timeoutScale
        self.jobs = max(1, jobs)
        self.shard = shard
        self.cacheFolder = cacheFolder
        self.scratchFolder = scratchFolder
        self.intakeLimits = intakeLimits
        self.attempts = max(1, attempts)
        self.outputLimit = outputLimit
        self.buildTimeout = buildTimeout
    }

    /// The run limits of `script`: its timeout (or the rubric's) times
    /// the scale for the whole run, and at most 5 s (scaled) of silence.
    public func limits(for script: TestScript, in assignment: Assignment) -> RunLimits {
        // Clamped to a day, so that no scale can overflow a Duration.
        let wall = min(assignment.timeout(for: script) * timeoutScale, 86_400)
        let idle = min(min(assignment.timeout(for: script), 5) * timeoutScale, 86_400)
        return RunLimits(wallClock: .milliseconds(Int64(wall * 1000)), idle: .milliseconds(Int64(idle * 1000)),
                         outputBytes: outputLimit)
    }
}

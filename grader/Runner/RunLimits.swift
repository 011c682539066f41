// grader/Runner/RunLimits.swift -- how long and how loud a test may be.

/// The limits the runner enforces on one qemu run. When one fires, the
/// runner kills qemu and the verdict is `timeout` or `output-flood`.
public struct RunLimits: Equatable, Sendable {
    /// The whole run, from the kernel's first byte on the serial port.
    public var wallClock: Duration
    /// The longest silence on the serial port, once the kernel has begun.
    public var idle: Duration
    /// How long qemu may take to start and the kernel to print its first
    /// byte (the spine's banner, before any student code runs). The two
    /// limits above count from that byte, so a slow host's start-up costs
    /// a student nothing; a kernel silent this long is an infrastructure
    /// result (`LimitHit.silentBoot`), not a timeout.
    public var boot: Duration
    /// The most serial output kept; beyond it the run is an output flood
    /// and the log holds only the first `outputBytes` bytes.
    public var outputBytes: Int

    /// Ten seconds in all, five of silence, 4 MiB of output.
    public static let standard = RunLimits(wallClock: .seconds(10), idle: .seconds(5), outputBytes: 4 << 20)

    /// These limits for a guest on instruction-counted time (qemu's
    /// `-icount`): the silence allowed is the whole run. Such a guest's
    /// time follows the instructions qemu executes, so a stretch of host
    /// time without output says how loaded the host is, not whether the
    /// guest hangs: a test that prints once per second of guest time may
    /// stay silent for five seconds of a busy host's. A guest that does
    /// hang still meets the wall clock.
    public func instructionCounted() -> RunLimits {
        var counted = self
        counted.idle = max(idle, wallClock)
        return counted
    }

    /// Limits with these values.
    public init(wallClock: Duration, idle: Duration, outputBytes: Int, boot: Duration = .seconds(30)) {
        self.wallClock = wallClock
        self.idle = idle
        self.boot = boot
        self.outputBytes = outputBytes
    }
}

/// The limit that ended a run.
public enum LimitHit: String, Equatable, Sendable, Codable {
    /// The run lasted longer than `RunLimits.wallClock`.
    case wallClock = "wall-clock"
    /// The serial port was silent longer than `RunLimits.idle`.
    case idle
    /// The serial output grew past `RunLimits.outputBytes`.
    case output
    /// The kernel printed nothing within `RunLimits.boot` of qemu's start.
    case silentBoot = "silent-boot"
}

extension Duration {
    /// The duration in seconds, for messages and figures.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

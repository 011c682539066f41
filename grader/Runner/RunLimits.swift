// grader/Runner/RunLimits.swift -- how long and how loud a test may be.

/// The limits the runner enforces on one qemu run. When one fires, the
/// runner kills qemu and the verdict is `timeout` or `output-flood`.
public struct RunLimits: Equatable, Sendable {
    /// The whole run, from qemu's start.
    public var wallClock: Duration
    /// The longest silence on the serial port.
    public var idle: Duration
    /// The most serial output kept; beyond it the run is an output flood
    /// and the log holds only the first `outputBytes` bytes.
    public var outputBytes: Int

    /// Ten seconds in all, five of silence, 4 MiB of output.
    public static let standard = RunLimits(wallClock: .seconds(10), idle: .seconds(5), outputBytes: 4 << 20)

    /// Limits with these values.
    public init(wallClock: Duration, idle: Duration, outputBytes: Int) {
        self.wallClock = wallClock
        self.idle = idle
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
}

extension Duration {
    /// The duration in seconds, for messages and figures.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

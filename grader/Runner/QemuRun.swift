// grader/Runner/QemuRun.swift -- what one qemu run left behind.

/// The raw facts of one qemu run, before any verdict.
public struct QemuRun: Sendable {
    /// The serial output, cut at the output limit.
    public var serial: [UInt8]
    /// How qemu ended.
    public var exit: QemuExit
    /// qemu's log recorded a triple fault.
    public var tripleFault: Bool
    /// The limit that made the runner kill qemu, if one did.
    public var limit: LimitHit?
    /// The limits that applied.
    public var limits: RunLimits
    /// What qemu printed on its standard error (its first 64 KiB).
    public var diagnostics: String
    /// From qemu's spawn to the end of its output.
    public var duration: Duration
    /// qemu's process id (also its process group id).
    public var processID: Int32
}

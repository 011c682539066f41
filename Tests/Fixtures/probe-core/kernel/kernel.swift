// Tests/Fixtures/probe-core/kernel/kernel.swift -- the probe kit's core: the least the harness needs.
//
// The end-to-end tests of the grader (Tests/GraderKitTests/EndToEndTests.swift)
// grade hostile submissions of a one-function "probe" on a small kit. They
// test the grader, not the kernel, so the kit's core is not the reference's
// fifteen managers (a minute and a half of compiling per submission) but
// this file: the names the harness calls (grader/harness/kernel_start.swift,
// entry.swift), doing nothing. The probe (probe/probe.swift) is added by
// makeProbeKit. The real core is built and booted by `make all` and
// `make verify-skeletons`.

import Machine

/// The probe kit's kernel: nothing to start.
public enum Kernel {
    nonisolated(unsafe) private static var started = false

    /// True once `initialize` ran.
    public static var isInitialized: Bool { started }

    /// Starts nothing, and remembers it.
    public static func initialize() throws(KernelError) {
        started = true
    }
}

/// The probe kit's address spaces: only the kernel's, always active.
public enum AddressSpaceManager {
    /// The kernel's address space.
    public static let kernel: Identifier = 1

    /// Paging stays as the machine left it: no probe test needs it.
    public static func activate(_ identifier: Identifier) throws(KernelError) {}
}

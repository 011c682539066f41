// reference/kernel/kernel.swift -- starting and stopping the managers.
//
// The managers start in dependency order: identifiers first (everything
// is named by one), statistics next (every manager is measured), then
// sets (every manager stores its objects in sets). Later managers add
// themselves to the end of `initialize` and the start of `clean`. When
// all are up, the machine is told the kernel is ready.

/// The kernel as a whole.
public enum Kernel {
    /// True between `initialize` and `clean`.
    nonisolated(unsafe) public private(set) static var isInitialized = false

    /// Starts every manager, in order. If one fails, those already
    /// started are stopped again, so a later call starts from scratch.
    ///
    /// Steps: 1. refuse a second start; 2. identifiers, statistics, sets;
    /// 3. tell the machine.
    public static func initialize() throws(KernelError) {
        // 1.
        if isInitialized {
            throw KernelError.busy
        }
        // 2.
        try IdentifierManager.initialize()
        StatisticsManager.initialize()
        do {
            try SetManager.initialize()
        } catch {
            IdentifierManager.clean()
            throw error
        }
        isInitialized = true
        // 3.
        try Machine.kernelInitialized()
    }

    /// Stops every manager, in the reverse order.
    ///
    /// Steps: 1. tell the machine first; 2. sets, statistics, identifiers.
    public static func clean() throws(KernelError) {
        // 1.
        if !isInitialized {
            return
        }
        try Machine.kernelCleaning()
        // 2.
        try SetManager.clean()
        StatisticsManager.clean()
        IdentifierManager.clean()
        isInitialized = false
    }
}

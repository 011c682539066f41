// reference/kernel/kernel.swift -- starting and stopping the managers.
//
// The managers start in dependency order: identifiers first (everything
// is named by one), statistics next (every manager is measured), then
// sets (every manager stores its objects in sets). Later managers add
// themselves to the end of `initialize` and the start of `clean`. When
// all are up, the machine is told the kernel is ready.

import Machine

/// The kernel as a whole.
public enum Kernel {
    /// True between `initialize` and `clean`.
    nonisolated(unsafe) public private(set) static var isInitialized = false

    /// Starts every manager, in order. If one fails, those already
    /// started are stopped again, so a later call starts from scratch.
    ///
    /// Steps: 1. refuse a second start; 2. hand the machine the core's
    /// upcalls, its only way up; 3. identifiers, statistics, sets;
    /// 4. tell the machine.
    public static func initialize() throws(KernelError) {
        // 1.
        if isInitialized {
            throw KernelError.busy
        }
        // 2.
        Machine.register(MachineUpcalls(objectExists: objectExists))
        // 3.
        try IdentifierManager.initialize()
        StatisticsManager.initialize()
        do {
            try SetManager.initialize()
        } catch {
            IdentifierManager.clean()
            throw error
        }
        isInitialized = true
        // 4.
        try Machine.kernelInitialized()
    }

    /// True when the manager of `identifier`'s kind holds that object
    /// (the machine asks through `MachineUpcalls.objectExists`).
    public static func objectExists(_ identifier: Identifier) -> Bool {
        switch IdentifierManager.kind(of: identifier) {
        case .set?: return SetManager.exist(identifier)
        default: return false
        }
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

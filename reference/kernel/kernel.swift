// reference/kernel/kernel.swift -- starting and stopping the managers.
//
// The managers start in dependency order, the order of the table below:
// identifiers first (everything is named by one), statistics next (every
// manager is measured), then sets (every manager stores its objects in
// sets), then segments (the physical memory) and address spaces (which
// own segments: stopping them first releases every segment they hold),
// then regions (which live in address spaces and map segments: stopping
// them first unmaps everything), then tasks (which own address spaces)
// and threads (whose stacks are segments and regions of their task's
// space: stopping them first gives every stack back), then the scheduler
// (which queues threads), the timers and the events (which the machine's
// interrupts reach through `tick` and `raise`), then the capabilities
// (which name objects of all the others) and the messages (which block
// and start threads); the machine comes last,
// to be told the kernel is ready. A later manager adds one line to the table, after the
// managers it uses.
//
//     initialize:  identifiers -> statistics -> sets -> segments -> as -> region
//                  -> task -> thread -> scheduler -> timer -> event -> capability
//                  -> message -> machine
//     clean:       machine -> message -> capability -> event -> timer -> scheduler -> thread
//                  -> task -> region
//                  -> as -> segments -> sets -> statistics -> identifiers
//
// `clean` stops them in the reverse order, so a manager never outlives
// one it uses. If a start fails (a manager refuses, or the machine does),
// the managers already started are stopped again, in the reverse order:
// the kernel is back where it was before `initialize`, and a later
// `initialize` starts from scratch. A manager's own `initialize` that
// fails undoes its own part first (the rule of every manager function).

import Machine

/// One row of the start-up table: a manager and how to start and stop it.
struct KernelManager {
    /// The manager's name, for messages ("set").
    let name: StaticString
    /// Starts the manager (its `initialize`).
    let start: () throws(KernelError) -> Void
    /// Stops the manager (its `clean`).
    let stop: () throws(KernelError) -> Void
}

/// The kernel as a whole.
public enum Kernel {
    /// Every manager, in the order they start. (A computed table: a
    /// stored one would be a global of closures, which Swift's
    /// concurrency checking refuses.)
    static var managers: [KernelManager] {
        [
            KernelManager(name: "id", start: IdentifierManager.initialize, stop: IdentifierManager.clean),
            KernelManager(name: "stats", start: StatisticsManager.initialize, stop: StatisticsManager.clean),
            KernelManager(name: "set", start: SetManager.initialize, stop: SetManager.clean),
            // The memory managers join the table from assignment 02-segment
            // on: the skeletons of 01-set and earlier start without them, so
            // that sets still being written never stop the kernel from
            // starting. (The block is cut from those skeletons, kept after.)
            // BEGIN ASSIGNMENT 01-set
            KernelManager(name: "segment", start: SegmentManager.initialize, stop: SegmentManager.clean),
            KernelManager(name: "as", start: AddressSpaceManager.initialize, stop: AddressSpaceManager.clean),
            // END ASSIGNMENT 01-set
            // The region manager joins from assignment 03-region on (cut
            // from the skeletons of 02-segment and earlier, kept after).
            // BEGIN ASSIGNMENT 02-segment
            KernelManager(name: "region", start: RegionManager.initialize, stop: RegionManager.clean),
            // END ASSIGNMENT 02-segment
            // The task and thread managers, the scheduler, the timers, the
            // events, the capabilities and the messages join from
            // assignment 04-task on (cut from the
            // skeletons of 03-region and earlier, kept after). Their start
            // uses given code only (the kernel's task, empty queues and
            // sets), so 04-task and 05-scheduler skeletons still start.
            // BEGIN ASSIGNMENT 03-region
            KernelManager(name: "task", start: TaskManager.initialize, stop: TaskManager.clean),
            KernelManager(name: "thread", start: ThreadManager.initialize, stop: ThreadManager.clean),
            KernelManager(name: "scheduler", start: Scheduler.initialize, stop: Scheduler.clean),
            KernelManager(name: "timer", start: TimerManager.initialize, stop: TimerManager.clean),
            KernelManager(name: "event", start: EventManager.initialize, stop: EventManager.clean),
            KernelManager(name: "capability", start: CapabilityManager.initialize, stop: CapabilityManager.clean),
            KernelManager(name: "message", start: MessageManager.initialize, stop: MessageManager.clean),
            // END ASSIGNMENT 03-region
            KernelManager(name: "machine", start: Machine.kernelInitialized, stop: Machine.kernelCleaning),
        ]
    }

    /// How many managers of the table are running: the first `started`.
    nonisolated(unsafe) static var started = 0

    /// True between a successful `initialize` and `clean`.
    public static var isInitialized: Bool {
        started == managers.count
    }

    /// Starts every manager, in order. If one fails, those already
    /// started are stopped again, in the reverse order, and its error is
    /// returned: a later call starts from scratch.
    ///
    /// Steps: 1. refuse a second start; 2. hand the machine the core's
    /// upcalls, its only way up; 3. start each manager of the table;
    /// 4. if one fails, stop those started and report the failure.
    public static func initialize() throws(KernelError) {
        // 1.
        if started > 0 {
            throw KernelError.busy
        }
        interruptFailures = InterruptFailures()
        // 2.
        Machine.register(MachineUpcalls(objectExists: objectExists, clockTicked: tick, eventRaised: raise,
                                        threadFaulted: fault, systemCalled: SystemCallManager.handle))
        for manager in managers {
            do {
                // 3.
                try manager.start()
                started += 1
            } catch {
                // 4. (a stop that fails here leaves the rest to `clean`)
                try? stopStarted()
                throw error
            }
        }
    }

    /// True when the manager of `identifier`'s kind holds that object
    /// (the machine asks through `MachineUpcalls.objectExists`).
    public static func objectExists(_ identifier: Identifier) -> Bool {
        switch IdentifierManager.kind(of: identifier) {
        case .set?: return SetManager.exist(identifier)
        case .segment?: return SegmentManager.exist(identifier)
        case .addressSpace?: return AddressSpaceManager.exist(identifier)
        case .region?: return RegionManager.space(of: identifier) != nil
        case .task?: return TaskManager.exist(identifier)
        case .thread?: return ThreadManager.exist(identifier)
        case .timer?: return TimerManager.exist(identifier)
        case .capability?: return CapabilityManager.exist(identifier)
        default: return false
        }
    }

    // excerpt: kernel-interrupt-failures
    /// The last error an interrupt met in each manager it reaches (nil:
    /// none since `initialize`). An interrupt has nobody to tell, so the
    /// error is kept here for whoever wonders why a timer never fired,
    /// a thread was never preempted or a handler never ran: the tests
    /// print it.
    public struct InterruptFailures {
        /// From `TimerManager.tick`.
        public var timers: KernelError?
        /// From `Scheduler.tick`.
        public var scheduler: KernelError?
        /// From `EventManager.dispatch`, an event nobody reserved aside.
        public var events: KernelError?
    }

    /// What the interrupts met since `initialize` (see `InterruptFailures`);
    /// a test may clear it before it raises something.
    nonisolated(unsafe) public static var interruptFailures = InterruptFailures()
    // end excerpt

    // excerpt: kernel-tick
    /// The machine's clock interrupt (`MachineUpcalls.clockTicked`):
    /// `milliseconds` went by. The timers expire first (a handler may
    /// wake a thread), then the scheduler charges the running thread.
    /// An error is counted by the statistics and kept in
    /// `interruptFailures`: an interrupt has nobody to tell.
    public static func tick(_ milliseconds: UInt64) {
        do throws(KernelError) {
            try TimerManager.tick(milliseconds)
        } catch {
            interruptFailures.timers = error
        }
        do throws(KernelError) {
            try Scheduler.tick(milliseconds)
        } catch {
            interruptFailures.scheduler = error
        }
    }
    // end excerpt

    /// An exception or interrupt the machine raised
    /// (`MachineUpcalls.eventRaised`): the event manager dispatches it.
    /// An event nobody reserved is counted (statistics) and dropped;
    /// any other error is kept in `interruptFailures`.
    public static func raise(_ number: UInt8) {
        do throws(KernelError) {
            try EventManager.dispatch(number)
        } catch KernelError.unknownIdentifier {
            return
        } catch {
            interruptFailures.events = error
        }
    }

    // excerpt: kernel-fault
    /// The exit value of a thread killed by the exception `event`:
    /// 0xDEAD0000 plus the event's number.
    public static func faultExitValue(_ event: UInt8) -> UInt64 {
        0xDEAD_0000 + UInt64(event)
    }

    /// The running thread caused the exception `event` at `address`
    /// (`MachineUpcalls.threadFaulted`): report it on one line, naming
    /// the exception, then kill the thread (exit value
    /// `faultExitValue`), so the kernel goes on and whoever waits for it
    /// learns why. False when no thread runs.
    ///
    /// Steps: 1. find the running thread's task (a plain identifier: a
    /// descriptor kept here would never be released, as this does not
    /// return); 2. report; 3. kill it (the scheduler elects another).
    public static func fault(_ event: UInt8, _ address: UInt64) -> Bool {
        // 1.
        let running = ThreadManager.current
        guard running != 0, let task = try? ThreadManager.get(running).task else {
            return false
        }
        // 2.
        print("FAULT task 0x\(hexadecimal(task)) thread 0x\(hexadecimal(running)) exception \(event)"
            + " (\(Machine.eventName(event))) address 0x\(hexadecimal(address)): killed")
        // 3.
        do throws(KernelError) {
            try ThreadManager.exit(running, value: faultExitValue(event))
        } catch {
            return false
        }
        return true
    }
    // end excerpt

    /// Stops every manager, in the reverse order (the machine is told
    /// first). If one refuses, the error is returned and the managers
    /// before it stay up: calling `clean` again resumes there.
    public static func clean() throws(KernelError) {
        try stopStarted()
    }

    /// Prints each manager of the start-up table, in order, and whether
    /// it is running.
    public static func dump() {
        let table = managers
        print("kernel: \(started) of \(table.count) managers up")
        for (index, manager) in table.enumerated() {
            print("  \(manager.name) \(index < started ? "up" : "down")")
        }
    }

    /// Stops the started managers, the last started first.
    ///
    /// Steps: 1. stop the last manager still running; 2. count it
    /// stopped only once it has; 3. repeat until none is left.
    static func stopStarted() throws(KernelError) {
        let table = managers
        // 3.
        while started > 0 {
            // 1.
            try table[started - 1].stop()
            // 2.
            started -= 1
        }
    }
}

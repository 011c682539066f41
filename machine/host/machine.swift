// machine/host/machine.swift -- the core running as an ordinary process.
//
// The host machine lets `swift test` exercise the managers without qemu.
// It exports the same contract as ia32 (machine/shared/interface.swift)
// from the host's libc, and implements every hook (machine/shared/
// hooks.swift) to write the calls down for the tests: see "hooks" below.
// Threads whose entry is a host body run on host threads, one at a time,
// and the scheduler's hooks switch between them (threads.swift).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host machine.
public enum Machine: MachineInterface, HarnessMachine {
    /// What the core registered at start (see `register`).
    nonisolated(unsafe) static var upcalls = MachineUpcalls.none

    /// The host raises no exceptions of its own: every event is named
    /// by its kind only.
    public static func eventName(_ number: UInt8) -> StaticString {
        number < EventNumbers.exceptions ? "exception" : "irq"
    }

    /// Keeps the core's upcalls; the hooks below use `objectExists`.
    public static func register(_ upcalls: MachineUpcalls) {
        self.upcalls = upcalls
    }

    /// A monotonic nanosecond clock stands in for the cycle counter.
    public static func cycles() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// The host's random numbers (the system's generator).
    public static func entropy() -> UInt64 {
        UInt64.random(in: UInt64.min...UInt64.max)
    }

    /// Ends the process with the status qemu would end with (see
    /// `exitStatus`), so that the grader reads a host run as a qemu run.
    package static func exit(_ status: MachineExit) -> Never {
        Glibc.exit(exitStatus(status))
    }

    /// The process arguments, joined as a kernel command line.
    package static func bootCommandLine() -> String {
        CommandLine.arguments.dropFirst().joined(separator: " ")
    }

    /// The host's allocator keeps no counts we can read; 0 means unknown.
    public static func heapLiveBlocks() -> Int { 0 }

    /// See `heapLiveBlocks`.
    public static func heapLiveBytes() -> Int { 0 }

    // MARK: hooks
    //
    // The host machine has no hardware to keep in step with the core, so
    // its hooks only write down what they were told, for the tests to
    // check the core's side of the contract: the hook runs after the
    // object exists, and before it goes, with the arguments of the call,
    // and with the record the core keeps for the machine in the object.
    // A test can also make a hook refuse, to check that the core undoes
    // its work (see `refusal`).

    /// One hook call: which hook, which object, the other arguments, and
    /// whether the core still had (or already had) the object.
    public struct HookCall: Equatable, Sendable {
        /// The hook's name ("setReserved").
        public let hook: String
        /// The object's identifier (0 for the kernel's own hooks).
        public let identifier: Identifier
        /// The other arguments, as `name=value` words ("" when none):
        /// "implementation=list kind=set options=0x0".
        public let arguments: String
        /// True if the object was in its manager when the hook ran.
        public let objectExisted: Bool

        /// A call as the host machine writes it down.
        public init(hook: String, identifier: Identifier, arguments: String = "", objectExisted: Bool) {
            self.hook = hook
            self.identifier = identifier
            self.arguments = arguments
            self.objectExisted = objectExisted
        }
    }

    /// Which hook call a test wants refused.
    public enum Refusal: Equatable, Sendable {
        /// Let this many hook calls through, refuse the next one.
        case after(Int)
        /// Refuse the next call of the hook of this name ("setReleasing").
        case named(String)
    }

    /// Every hook call so far, oldest first (refused calls included).
    nonisolated(unsafe) public static var hookCalls: [HookCall] = []

    /// The hook call to refuse with `machineRefused`, if any; it goes
    /// back to nil once a call has been refused.
    nonisolated(unsafe) public static var refusal: Refusal?

    /// When true, the next hook call is refused (`refusal = .after(0)`).
    public static var refuseNextHook: Bool {
        get { refusal == .after(0) }
        set { refusal = newValue ? .after(0) : nil }
    }

    /// What the host machine keeps in every set: the number, in
    /// `hookCalls`, of the call that reserved it and of the one that
    /// released it, so a test can see the record travel with the set.
    public struct SetRecord: MachineRecord {
        /// Index in `hookCalls` of the `setReserved` call; nil before.
        public var reservedBy: Int?
        /// Index in `hookCalls` of the `setReleasing` call; nil before.
        public var releasingBy: Int?
        /// Counts the records alive (see `liveSetRecords`).
        let token = RecordToken()

        /// An empty record: the set has not been reserved yet.
        public init() {}
    }

    /// Counts one record while any copy of it is alive.
    final class RecordToken: Sendable {
        init() { Machine.liveSetRecords += 1 }
        deinit { Machine.liveSetRecords -= 1 }
    }

    /// How many set records exist, that is how many set descriptors the
    /// core has not freed: the host's leak check for sets.
    nonisolated(unsafe) public internal(set) static var liveSetRecords = 0

    /// Records that the kernel is up.
    public static func kernelInitialized() throws(KernelError) {
        _ = try record("kernelInitialized", 0, existed: false)
    }

    /// Records that the kernel is about to stop, and forgets the host
    /// bodies registered (the threads that run them end as the thread
    /// manager releases them, next).
    public static func kernelCleaning() throws(KernelError) {
        _ = try record("kernelCleaning", 0, existed: false)
        hostBodies = [:]
    }

    /// Records a set reservation (the set is already in the container)
    /// and writes the call's number in the set's record.
    public static func setReserved(
        _ identifier: Identifier, implementation: StaticString, elementKind: StaticString,
        options: UInt8, record: inout SetRecord
    ) throws(KernelError) {
        let arguments = "implementation=\(implementation) kind=\(elementKind) options=0x\(String(options, radix: 16))"
        record.reservedBy = try self.record(
            "setReserved", identifier, arguments, existed: upcalls.objectExists(identifier))
    }

    /// Records a set release (the set is still in the container) and
    /// writes the call's number in the set's record.
    public static func setReleasing(_ identifier: Identifier, record: inout SetRecord) throws(KernelError) {
        let reservedBy = record.reservedBy.map { "\($0)" } ?? "none"
        record.releasingBy = try self.record(
            "setReleasing", identifier, "reservedBy=\(reservedBy)", existed: upcalls.objectExists(identifier))
    }

    /// What the host machine keeps in every segment or address space: the
    /// number, in `hookCalls`, of the call that reserved it and of the
    /// last call about it, so a test can see the record travel with it.
    public struct ObjectRecord: MachineRecord {
        /// Index in `hookCalls` of the reserving call; nil before.
        public var reservedBy: Int?
        /// Index in `hookCalls` of the latest hook call about the object.
        public var lastCall: Int?

        /// An empty record: the object has not been reserved yet.
        public init() {}
    }

    /// The record kept in every segment.
    public typealias SegmentRecord = ObjectRecord
    /// The record kept in every address space.
    public typealias AddressSpaceRecord = ObjectRecord
    /// The record kept in every region.
    public typealias RegionRecord = ObjectRecord

    /// Records a segment reservation, with its extent, owner, permissions
    /// and options.
    public static func segmentReserved(
        _ identifier: Identifier, address: UInt64, size: UInt64, owner: Identifier,
        permissions: SegmentPermissions, options: UInt8, record: inout SegmentRecord
    ) throws(KernelError) {
        let arguments = "address=0x\(String(address, radix: 16)) size=0x\(String(size, radix: 16))"
            + " owner=0x\(String(owner, radix: 16)) permissions=0x\(String(permissions.rawValue, radix: 16))"
            + " options=0x\(String(options, radix: 16))"
        let call = try self.record("segmentReserved", identifier, arguments, existed: upcalls.objectExists(identifier))
        record.reservedBy = call
        record.lastCall = call
    }

    /// Records a segment release (the segment is still there).
    public static func segmentReleasing(_ identifier: Identifier, record: inout SegmentRecord) throws(KernelError) {
        let reservedBy = record.reservedBy.map { "\($0)" } ?? "none"
        record.lastCall = try self.record(
            "segmentReleasing", identifier, "reservedBy=\(reservedBy)", existed: upcalls.objectExists(identifier))
    }

    /// Records new permissions of a segment.
    public static func segmentPermissionsChanged(
        _ identifier: Identifier, permissions: SegmentPermissions, record: inout SegmentRecord
    ) throws(KernelError) {
        record.lastCall = try self.record(
            "segmentPermissionsChanged", identifier, "permissions=0x\(String(permissions.rawValue, radix: 16))",
            existed: upcalls.objectExists(identifier))
    }

    /// Records a segment's new extent.
    public static func segmentResized(
        _ identifier: Identifier, address: UInt64, size: UInt64, record: inout SegmentRecord
    ) throws(KernelError) {
        record.lastCall = try self.record(
            "segmentResized", identifier, "address=0x\(String(address, radix: 16)) size=0x\(String(size, radix: 16))",
            existed: upcalls.objectExists(identifier))
    }

    /// Records an address-space reservation and gives the space an
    /// empty page table (mmu.swift).
    public static func addressSpaceReserved(
        _ identifier: Identifier, task: Identifier, record: inout AddressSpaceRecord
    ) throws(KernelError) {
        let call = try self.record(
            "addressSpaceReserved", identifier, "task=0x\(String(task, radix: 16))",
            existed: upcalls.objectExists(identifier))
        record.reservedBy = call
        record.lastCall = call
        pageTables[identifier] = [:]
    }

    /// Records an address-space release (the space is still there) and
    /// drops its page table, which must be empty by now (its regions are
    /// gone): a page left in it is an MMU error.
    public static func addressSpaceReleasing(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError) {
        let reservedBy = record.reservedBy.map { "\($0)" } ?? "none"
        record.lastCall = try self.record(
            "addressSpaceReleasing", identifier, "reservedBy=\(reservedBy)", existed: upcalls.objectExists(identifier))
        if let left = pageTables[identifier]?.count, left > 0 {
            mmuErrors.append("space 0x\(String(identifier, radix: 16)) released with \(left) pages mapped")
        }
        pageTables[identifier] = nil
        if activeSpace == identifier {
            activeSpace = 0
        }
    }

    /// Records a switch of address space and makes it the active one.
    public static func addressSpaceActivate(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError) {
        record.lastCall = try self.record(
            "addressSpaceActivate", identifier, existed: upcalls.objectExists(identifier))
        activeSpace = identifier
    }

    // MARK: tasks and threads

    /// The record kept in every task.
    public typealias TaskRecord = ObjectRecord

    /// What the host machine keeps in every thread: its calls, like the
    /// other records, and its saved context (what ia32 keeps in the
    /// thread's kernel stack), so that `load` and `store` are real here.
    public struct ThreadRecord: MachineRecord {
        /// Index in `hookCalls` of the `threadReserved` call; nil before.
        public var reservedBy: Int?
        /// Index in `hookCalls` of the latest hook call about the thread.
        public var lastCall: Int?
        /// The saved program counter and stack pointer.
        public var context = ThreadContext()

        /// An empty record: the thread has not been reserved yet.
        public init() {}
    }

    /// Records a task reservation.
    public static func taskReserved(
        _ identifier: Identifier, taskClass: TaskClass, behaviour: UInt8, priority: UInt8,
        space: Identifier, record: inout TaskRecord
    ) throws(KernelError) {
        let arguments = "class=\(taskClass.rawValue) behaviour=\(behaviour) priority=\(priority)"
            + " space=0x\(String(space, radix: 16))"
        let call = try self.record("taskReserved", identifier, arguments, existed: upcalls.objectExists(identifier))
        record.reservedBy = call
        record.lastCall = call
    }

    /// Records a task release (the task is still there).
    public static func taskReleasing(_ identifier: Identifier, record: inout TaskRecord) throws(KernelError) {
        let reservedBy = record.reservedBy.map { "\($0)" } ?? "none"
        record.lastCall = try self.record(
            "taskReleasing", identifier, "reservedBy=\(reservedBy)", existed: upcalls.objectExists(identifier))
    }

    /// Records a task's change of state.
    public static func taskStateChanged(
        _ identifier: Identifier, state: ExecutionState, previous: ExecutionState, record: inout TaskRecord
    ) throws(KernelError) {
        record.lastCall = try self.record(
            "taskStateChanged", identifier, "state=\(state.name) previous=\(previous.name)",
            existed: upcalls.objectExists(identifier))
    }

    /// Records a task's new priority.
    public static func taskPriorityChanged(_ identifier: Identifier, priority: UInt8, record: inout TaskRecord) throws(KernelError) {
        record.lastCall = try self.record(
            "taskPriorityChanged", identifier, "priority=\(priority)", existed: upcalls.objectExists(identifier))
    }

    /// Records a thread reservation and prepares its first run: it will
    /// resume at `entry` with the stack pointer at its stack's top.
    public static func threadReserved(
        _ identifier: Identifier, task: Identifier, taskClass: TaskClass, priority: UInt8,
        entry: UInt64, stackBase: UInt64, stackSize: UInt64, record: inout ThreadRecord
    ) throws(KernelError) {
        let arguments = "task=0x\(String(task, radix: 16)) class=\(taskClass.rawValue) priority=\(priority)"
            + " entry=0x\(String(entry, radix: 16)) stack=0x\(String(stackBase, radix: 16))"
            + " size=0x\(String(stackSize, radix: 16))"
        let call = try self.record("threadReserved", identifier, arguments, existed: upcalls.objectExists(identifier))
        record.reservedBy = call
        record.lastCall = call
        record.context = ThreadContext(programCounter: entry, stackPointer: stackBase + stackSize)
    }

    /// Records a thread release (the thread is still there) and ends
    /// its host thread, if it has one (threads.swift).
    public static func threadReleasing(_ identifier: Identifier, record: inout ThreadRecord) throws(KernelError) {
        let reservedBy = record.reservedBy.map { "\($0)" } ?? "none"
        record.lastCall = try self.record(
            "threadReleasing", identifier, "reservedBy=\(reservedBy)", existed: upcalls.objectExists(identifier))
        endHostThread(of: identifier)
    }

    /// Records a thread's change of state.
    public static func threadStateChanged(
        _ identifier: Identifier, state: ExecutionState, previous: ExecutionState, record: inout ThreadRecord
    ) throws(KernelError) {
        record.lastCall = try self.record(
            "threadStateChanged", identifier, "state=\(state.name) previous=\(previous.name)",
            existed: upcalls.objectExists(identifier))
    }

    /// Records a thread's new priority.
    public static func threadPriorityChanged(_ identifier: Identifier, priority: UInt8, record: inout ThreadRecord) throws(KernelError) {
        record.lastCall = try self.record(
            "threadPriorityChanged", identifier, "priority=\(priority)", existed: upcalls.objectExists(identifier))
    }

    /// Records a context load and keeps the context in the record.
    /// Refused for a thread that already has a host thread: its
    /// registers are on a host stack the machine cannot rewrite (before
    /// its first election, a new entry picks the body it starts in).
    public static func threadContextLoad(_ identifier: Identifier, context: ThreadContext, record: inout ThreadRecord) throws(KernelError) {
        let arguments = "pc=0x\(String(context.programCounter, radix: 16)) sp=0x\(String(context.stackPointer, radix: 16))"
        record.lastCall = try self.record("threadContextLoad", identifier, arguments, existed: upcalls.objectExists(identifier))
        if hostThreads[identifier] != nil {
            throw KernelError.machineRefused
        }
        record.context = context
    }

    /// Records a context store and copies the saved context out.
    public static func threadContextStore(_ identifier: Identifier, context: inout ThreadContext, record: inout ThreadRecord) throws(KernelError) {
        record.lastCall = try self.record("threadContextStore", identifier, existed: upcalls.objectExists(identifier))
        context = record.context
    }

    // MARK: events and the scheduler

    /// Records an event reservation (the identifier is the event's number).
    public static func eventReserved(_ number: UInt8, enabled: Bool) throws(KernelError) {
        _ = try record("eventReserved", Identifier(number), "enabled=\(enabled)", existed: false)
    }

    /// Records an event release.
    public static func eventReleasing(_ number: UInt8) throws(KernelError) {
        _ = try record("eventReleasing", Identifier(number), existed: false)
    }

    /// Records an event enabled or disabled.
    public static func eventEnabled(_ number: UInt8, enabled: Bool) throws(KernelError) {
        _ = try record("eventEnabled", Identifier(number), "enabled=\(enabled)", existed: false)
    }

    /// Every scheduler hook call so far, oldest first: a list of its own,
    /// apart from `hookCalls`, because the scheduler speaks at every
    /// election and the other managers' tests read `hookCalls` whole.
    /// `refusal = .named(...)` refuses these too (`.after` counts only
    /// `hookCalls`).
    nonisolated(unsafe) public static var schedulerCalls: [HookCall] = []

    /// Records that the clock preempts from now on.
    public static func schedulerStarted(quantum: UInt32) throws(KernelError) {
        try recordScheduler("schedulerStarted", 0, "quantum=\(quantum)")
    }

    /// Records that the clock no longer preempts.
    public static func schedulerStopped() throws(KernelError) {
        try recordScheduler("schedulerStopped", 0, "")
    }

    /// Records an election, then switches to the elected thread's host
    /// thread (threads.swift): the call returns when the caller is
    /// elected again. A thread without a host body has no host thread:
    /// the test plays its part.
    public static func schedulerElected(
        _ thread: Identifier, task: Identifier, space: Identifier, taskClass: TaskClass, quantum: UInt32,
        previous: Identifier, record: ThreadRecord
    ) throws(KernelError) {
        let arguments = "task=0x\(String(task, radix: 16)) space=0x\(String(space, radix: 16))"
            + " class=\(taskClass.rawValue) quantum=\(quantum) previous=0x\(String(previous, radix: 16))"
        try recordScheduler("schedulerElected", thread, arguments)
        switchToHostThread(thread, record: record)
    }

    /// Records that nothing can run, then hands the processor to the
    /// idle context, the test's own thread (threads.swift): from a host
    /// thread, the call returns when it is elected again.
    public static func schedulerIdle(previous: Identifier) throws(KernelError) {
        try recordScheduler("schedulerIdle", 0, "previous=0x\(String(previous, radix: 16))")
        switchToIdleContext()
    }

    /// The machine's clock interrupt, as the ia32 PIT handler makes it:
    /// `milliseconds` went by (the core's `clockTicked` upcall). Called
    /// from a host thread's body, it is the timer interrupting that
    /// thread: it returns once the thread runs again if it was preempted.
    public static func clockInterrupt(milliseconds: UInt64) {
        upcalls.clockTicked(milliseconds)
    }

    /// An exception or interrupt numbered `number` came in (the core's
    /// `eventRaised` upcall).
    public static func interrupt(_ number: UInt8) {
        upcalls.eventRaised(number)
    }

    /// Writes one scheduler hook call down in `schedulerCalls`, then
    /// refuses it if `refusal` names it.
    static func recordScheduler(_ hook: String, _ identifier: Identifier, _ arguments: String) throws(KernelError) {
        schedulerCalls.append(HookCall(hook: hook, identifier: identifier, arguments: arguments,
                                       objectExisted: identifier == 0 || upcalls.objectExists(identifier)))
        if refusal == .named(hook) {
            refusal = nil
            throw KernelError.machineRefused
        }
    }

    /// Writes one hook call down, then refuses it if asked to; returns
    /// the call's index in `hookCalls`.
    ///
    /// Steps: 1. write the call down; 2. refuse it if it is the one
    /// `refusal` names; 3. count it down otherwise.
    static func record(
        _ hook: String, _ identifier: Identifier, _ arguments: String = "", existed: Bool
    ) throws(KernelError) -> Int {
        // 1.
        hookCalls.append(HookCall(hook: hook, identifier: identifier, arguments: arguments, objectExisted: existed))
        // 2.
        switch refusal {
        case .after(0)?, .named(hook)?:
            refusal = nil
            throw KernelError.machineRefused
        // 3.
        case .after(let calls)?:
            refusal = .after(calls - 1)
        default:
            break
        }
        return hookCalls.count - 1
    }
}

// machine/shared/hooks.swift -- the hooks: how the core tells the machine
// what it did, one protocol per manager.
//
// The rule, for every manager of the core: after it creates or modifies
// an object it calls the machine ("this set was reserved"); before it
// destroys one it calls the machine first ("this set is being released"),
// so the machine can undo what it did at creation. A hook may refuse by
// throwing (`machineRefused`); the core then undoes its own part and
// returns the error, so both sides stay in step.
//
// The pattern, one manager at a time:
//
// * one protocol per manager, named after it: `KernelMachine` for the
//   kernel as a whole, `SetMachine` for the set manager, and later
//   `SegmentMachine`, `RegionMachine`, `AddressSpaceMachine`, ...;
// * one hook per verb that changes something, named object + event
//   (`setReserved`, `setReleasing`), taking the arguments of the call it
//   follows as plain values the machine can see (identifiers, numbers,
//   static strings: never a type of the core, which the machine cannot
//   import);
// * one *record* per object: a type the machine chooses
//   (`associatedtype SetRecord`), which the core stores inside each
//   object and hands to every hook `inout`. It is where the machine keeps
//   its own data about the object, without a table of its own: kaneton's
//   "machine fields". ia32 keeps nothing per set (an empty struct); an
//   address space's record will hold the physical address of its page
//   directory, a thread's its saved registers;
// * a no-op default for every hook, in an extension, so a machine writes
//   only the hooks it needs (every machine still names its record types:
//   the compiler asks, so none is forgotten);
// * `MachineInterface` (interface.swift) lists every manager's protocol:
//   a new manager adds its protocol there, and both machines follow.

/// The data a machine keeps inside one kernel object (see the top of
/// this file). The core creates an empty one with the object and never
/// looks inside; only the machine's hooks change it.
public protocol MachineRecord {
    /// An empty record, for an object the machine has not heard of yet.
    init()
}

/// Hooks about the kernel as a whole (reference/kernel/kernel.swift).
public protocol KernelMachine {
    /// Every manager of the core is up (the last step of
    /// `Kernel.initialize`). Refusing stops them all again.
    static func kernelInitialized() throws(KernelError)
    /// The managers are about to stop (the first step of `Kernel.clean`).
    static func kernelCleaning() throws(KernelError)
}

extension KernelMachine {
    /// By default the machine has nothing to do when the kernel is up.
    public static func kernelInitialized() throws(KernelError) {}
    /// By default the machine has nothing to do before the kernel stops.
    public static func kernelCleaning() throws(KernelError) {}
}

/// Hooks of the set manager (reference/set/set_manager.swift).
public protocol SetMachine {
    /// What the machine keeps inside every set (in its `SetDescriptor`).
    associatedtype SetRecord: MachineRecord

    /// The set `identifier` was reserved and is in the set container.
    ///
    /// - `implementation`: the data structure's name ("list", "bpt", ...);
    /// - `elementKind`: the kind of objects it will hold ("segment", ...);
    /// - `options`: the bits of the set's `SetOptions` (bit 0: sorted);
    /// - `record`: the machine's record of this set, empty until now.
    static func setReserved(
        _ identifier: Identifier, implementation: StaticString, elementKind: StaticString,
        options: UInt8, record: inout SetRecord
    ) throws(KernelError)

    /// The set `identifier` is about to be released (it is still in the
    /// container, its objects still in it); `record` is what the machine
    /// kept since `setReserved`.
    static func setReleasing(_ identifier: Identifier, record: inout SetRecord) throws(KernelError)
}

extension SetMachine {
    /// By default the machine keeps nothing about a new set.
    public static func setReserved(
        _ identifier: Identifier, implementation: StaticString, elementKind: StaticString,
        options: UInt8, record: inout SetRecord
    ) throws(KernelError) {}
    /// By default the machine has nothing to undo when a set goes.
    public static func setReleasing(_ identifier: Identifier, record: inout SetRecord) throws(KernelError) {}
}

/// Hooks of the segment manager (reference/segment/segment.swift).
public protocol SegmentMachine {
    /// What the machine keeps inside every segment.
    associatedtype SegmentRecord: MachineRecord

    /// The segment `identifier` was reserved (or made by a split or a
    /// clone) and is in the segment manager: `size` bytes of physical
    /// memory from `address`, owned by the address space `owner`, with
    /// `permissions` and the bits of its options (bit 0: system, bit 1:
    /// no-relocate).
    static func segmentReserved(
        _ identifier: Identifier, address: UInt64, size: UInt64, owner: Identifier,
        permissions: SegmentPermissions, options: UInt8, record: inout SegmentRecord
    ) throws(KernelError)

    /// The segment `identifier` is about to be released (or absorbed by
    /// a coalesce); it is still in the manager.
    static func segmentReleasing(_ identifier: Identifier, record: inout SegmentRecord) throws(KernelError)

    /// The segment's permissions became `permissions` (they are already
    /// in the segment; refusing puts the old ones back).
    static func segmentPermissionsChanged(
        _ identifier: Identifier, permissions: SegmentPermissions, record: inout SegmentRecord
    ) throws(KernelError)

    /// The segment now covers `size` bytes from `address` (a resize, in
    /// place or moved, or the first half of a split, or a coalesce).
    static func segmentResized(
        _ identifier: Identifier, address: UInt64, size: UInt64, record: inout SegmentRecord
    ) throws(KernelError)
}

extension SegmentMachine {
    /// By default the machine keeps nothing about a new segment.
    public static func segmentReserved(
        _ identifier: Identifier, address: UInt64, size: UInt64, owner: Identifier,
        permissions: SegmentPermissions, options: UInt8, record: inout SegmentRecord
    ) throws(KernelError) {}
    /// By default the machine has nothing to undo when a segment goes.
    public static func segmentReleasing(_ identifier: Identifier, record: inout SegmentRecord) throws(KernelError) {}
    /// By default new permissions need nothing from the machine.
    public static func segmentPermissionsChanged(
        _ identifier: Identifier, permissions: SegmentPermissions, record: inout SegmentRecord
    ) throws(KernelError) {}
    /// By default a segment's new extent needs nothing from the machine.
    public static func segmentResized(
        _ identifier: Identifier, address: UInt64, size: UInt64, record: inout SegmentRecord
    ) throws(KernelError) {}
}

/// Hooks of the address-space manager (reference/as/as.swift).
public protocol AddressSpaceMachine {
    /// What the machine keeps inside every address space (ia32, later:
    /// the physical address of its page directory).
    associatedtype AddressSpaceRecord: MachineRecord

    /// The address space `identifier` was reserved for the task `task`
    /// (0: the kernel) and is in the manager.
    static func addressSpaceReserved(
        _ identifier: Identifier, task: Identifier, record: inout AddressSpaceRecord
    ) throws(KernelError)

    /// The address space `identifier` is about to be released; its
    /// regions and segments are already gone.
    static func addressSpaceReleasing(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError)

    /// Make the address space `identifier` the one the processor
    /// translates through from now on (ia32: load its page directory in
    /// CR3, which also flushes the TLB). The core asks it through
    /// `AddressSpaceManager.activate`; refusing leaves the previous space
    /// active. The kernel's space is the active one after start.
    static func addressSpaceActivate(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError)
}

extension AddressSpaceMachine {
    /// By default the machine keeps nothing about a new address space.
    public static func addressSpaceReserved(
        _ identifier: Identifier, task: Identifier, record: inout AddressSpaceRecord
    ) throws(KernelError) {}
    /// By default the machine has nothing to undo when a space goes.
    public static func addressSpaceReleasing(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError) {}
    /// By default switching spaces needs nothing from the machine.
    public static func addressSpaceActivate(_ identifier: Identifier, record: inout AddressSpaceRecord) throws(KernelError) {}
}

// MARK: regions
//
// What each region hook must do to the hardware (ia32 with paging; the
// host machine does the same to its simulated tables, machine/host):
//
// * The layout of every address space. Regions live only in the region
//   window, virtual [0x40000000, 0xC0000000) (`RegionWindow`): the core
//   never asks for a page outside it. Everything else is the machine's:
//   in every space it identity-maps, supervisor-only and writable, the
//   kernel image, its heap and all of physical RAM below 0x40000000
//   (virtual = physical), so the kernel runs and reaches any physical
//   page whichever space is active. (A machine whose RAM goes past
//   0x40000000 hands the core only the ranges below it.)
// * One region = `size / pageSize` page-table entries: the page at
//   `virtual + k * pageSize` maps the physical page `physical + k *
//   pageSize`, for every k. All arguments are page-aligned, `size` is not
//   0, and the run lies inside the window and never overlaps another
//   region of the same space (the core checks all that first).
// * The bits of each entry: present always; writable if `permissions`
//   contains `.write`; user-accessible unless `privileged` (a privileged
//   region is the kernel's, supervisor-only). Read and execute have no
//   bit on ia32 without PAE: they are kept, not enforced.
// * A page table that a region needs and the space does not have yet is
//   the machine's to allocate (from its own memory, never from the
//   segments the core hands out); it may free a table once empty.
// * After changing an entry of the *active* space (or of the part shared
//   by all spaces), invalidate that page in the TLB (ia32: `invlpg`), so
//   the next access sees the new entry; an inactive space's entries are
//   reloaded with CR3 when it is activated.
// * Refusing (throwing) leaves the tables exactly as they were before
//   the hook: the core then undoes its own part.
// * The core calls these hooks in an order that never leaves a page
//   mapped by two regions: a split shrinks the first half
//   (`regionResized`) before it reserves the second (`regionReserved`);
//   a coalesce releases the second (`regionReleasing`) before it grows
//   the first (`regionResized`).

/// Hooks of the region manager (reference/region/): a region maps a run
/// of virtual pages of one address space onto a run of physical pages
/// (part of one segment). See the notes above for what they must do.
public protocol RegionMachine {
    /// What the machine keeps inside every region.
    associatedtype RegionRecord: MachineRecord

    /// The region `identifier` was reserved (or made by a split) in the
    /// space `space`: map the `size` bytes of virtual memory from
    /// `virtual` onto the physical memory from `physical`, with the bits
    /// `permissions` and `privileged` give.
    static func regionReserved(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError)

    /// The region `identifier` of the space `space` is about to be
    /// released (or absorbed by a coalesce): unmap its `size` bytes from
    /// `virtual` and flush them from the TLB.
    static func regionReleasing(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64, record: inout RegionRecord
    ) throws(KernelError)

    /// The region `identifier` now covers `size` bytes from `virtual`
    /// (unchanged), onto physical memory from `physical` (unchanged); it
    /// covered `previousSize` bytes. Shrinking: unmap [virtual + size,
    /// virtual + previousSize) and flush it. Growing: map [virtual +
    /// previousSize, virtual + size) onto [physical + previousSize, ...)
    /// with the same bits (`permissions`, `privileged`). A resize, the
    /// first half of a split, the first region of a coalesce.
    static func regionResized(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        previousSize: UInt64, permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError)

    /// The segment the region `identifier` maps changed its permissions
    /// to `permissions`: rewrite the bits of its `size` bytes from
    /// `virtual` and flush them. The core calls it once per region that
    /// maps the segment.
    static func regionPermissionsChanged(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError)
}

extension RegionMachine {
    /// By default the machine maps nothing.
    public static func regionReserved(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {}
    /// By default the machine has nothing to unmap.
    public static func regionReleasing(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64, record: inout RegionRecord
    ) throws(KernelError) {}
    /// By default a region's new extent needs nothing from the machine.
    public static func regionResized(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, physical: UInt64, size: UInt64,
        previousSize: UInt64, permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {}
    /// By default new permissions need nothing from the machine.
    public static func regionPermissionsChanged(
        _ identifier: Identifier, space: Identifier, virtual: UInt64, size: UInt64,
        permissions: SegmentPermissions, privileged: Bool, record: inout RegionRecord
    ) throws(KernelError) {}
}

/// Where regions live in every address space: virtual [base, end). The
/// machine keeps the rest (see the notes above `RegionMachine`).
public enum RegionWindow {
    /// The first virtual address a region may use (1 GiB).
    public static let base: UInt64 = 0x4000_0000
    /// One past the last virtual address a region may use (3 GiB).
    public static let end: UInt64 = 0xC000_0000
}

// MARK: tasks and threads

/// Hooks of the task manager (reference/task/): a task is an address
/// space, a class (its threads' ring), a priority and a set of threads.
public protocol TaskMachine {
    /// What the machine keeps inside every task.
    associatedtype TaskRecord: MachineRecord

    /// The task `identifier` was reserved, stopped, with its address
    /// space `space`, its class (`taskClass.ring` is the ring of its
    /// threads), its behaviour's number and its priority.
    static func taskReserved(
        _ identifier: Identifier, taskClass: TaskClass, behaviour: UInt8, priority: UInt8,
        space: Identifier, record: inout TaskRecord
    ) throws(KernelError)

    /// The task `identifier` is about to be released; its threads are
    /// already gone, its address space still there.
    static func taskReleasing(_ identifier: Identifier, record: inout TaskRecord) throws(KernelError)

    /// The task went from `previous` to `state` (start, stop, block, a
    /// wait, a wake-up, exit); the new state is already in the task, and
    /// refusing puts the old one back.
    static func taskStateChanged(
        _ identifier: Identifier, state: ExecutionState, previous: ExecutionState, record: inout TaskRecord
    ) throws(KernelError)

    /// The task's priority became `priority` (refusing puts the old one back).
    static func taskPriorityChanged(_ identifier: Identifier, priority: UInt8, record: inout TaskRecord) throws(KernelError)
}

extension TaskMachine {
    /// By default the machine keeps nothing about a new task.
    public static func taskReserved(
        _ identifier: Identifier, taskClass: TaskClass, behaviour: UInt8, priority: UInt8,
        space: Identifier, record: inout TaskRecord
    ) throws(KernelError) {}
    /// By default the machine has nothing to undo when a task goes.
    public static func taskReleasing(_ identifier: Identifier, record: inout TaskRecord) throws(KernelError) {}
    /// By default a task's new state needs nothing from the machine.
    public static func taskStateChanged(
        _ identifier: Identifier, state: ExecutionState, previous: ExecutionState, record: inout TaskRecord
    ) throws(KernelError) {}
    /// By default a task's new priority needs nothing from the machine.
    public static func taskPriorityChanged(_ identifier: Identifier, priority: UInt8, record: inout TaskRecord) throws(KernelError) {}
}

/// Hooks of the thread manager (reference/thread/): a thread is a saved
/// context and a stack in its task's address space. The machine keeps
/// the saved registers in the thread's record (ia32, later: the kernel
/// stack and the frame the switch restores).
public protocol ThreadMachine {
    /// What the machine keeps inside every thread.
    associatedtype ThreadRecord: MachineRecord

    /// The thread `identifier` of the task `task` (whose class is
    /// `taskClass`) was reserved, stopped: prepare its first run, to
    /// start at `entry` with its stack, `stackSize` bytes of virtual
    /// memory from `stackBase` (the stack pointer starts at the top,
    /// `stackBase + stackSize`).
    static func threadReserved(
        _ identifier: Identifier, task: Identifier, taskClass: TaskClass, priority: UInt8,
        entry: UInt64, stackBase: UInt64, stackSize: UInt64, record: inout ThreadRecord
    ) throws(KernelError)

    /// The thread `identifier` is about to be released (its stack is
    /// still mapped).
    static func threadReleasing(_ identifier: Identifier, record: inout ThreadRecord) throws(KernelError)

    /// The thread went from `previous` to `state`; the new state is
    /// already in the thread, and refusing puts the old one back.
    static func threadStateChanged(
        _ identifier: Identifier, state: ExecutionState, previous: ExecutionState, record: inout ThreadRecord
    ) throws(KernelError)

    /// The thread's priority became `priority` (refusing puts the old one back).
    static func threadPriorityChanged(_ identifier: Identifier, priority: UInt8, record: inout ThreadRecord) throws(KernelError)

    /// Make the thread resume with `context` (`ThreadManager.load`):
    /// write it into the saved registers of the record. Refusing leaves
    /// them as they were.
    static func threadContextLoad(_ identifier: Identifier, context: ThreadContext, record: inout ThreadRecord) throws(KernelError)

    /// Copy the thread's saved program counter and stack pointer out of
    /// the record into `context` (`ThreadManager.store`).
    static func threadContextStore(_ identifier: Identifier, context: inout ThreadContext, record: inout ThreadRecord) throws(KernelError)
}

extension ThreadMachine {
    /// By default the machine keeps nothing about a new thread.
    public static func threadReserved(
        _ identifier: Identifier, task: Identifier, taskClass: TaskClass, priority: UInt8,
        entry: UInt64, stackBase: UInt64, stackSize: UInt64, record: inout ThreadRecord
    ) throws(KernelError) {}
    /// By default the machine has nothing to undo when a thread goes.
    public static func threadReleasing(_ identifier: Identifier, record: inout ThreadRecord) throws(KernelError) {}
    /// By default a thread's new state needs nothing from the machine.
    public static func threadStateChanged(
        _ identifier: Identifier, state: ExecutionState, previous: ExecutionState, record: inout ThreadRecord
    ) throws(KernelError) {}
    /// By default a thread's new priority needs nothing from the machine.
    public static func threadPriorityChanged(_ identifier: Identifier, priority: UInt8, record: inout ThreadRecord) throws(KernelError) {}
    /// By default the machine keeps no registers to load.
    public static func threadContextLoad(_ identifier: Identifier, context: ThreadContext, record: inout ThreadRecord) throws(KernelError) {}
    /// By default the machine keeps no registers: `context` stays as the core made it.
    public static func threadContextStore(_ identifier: Identifier, context: inout ThreadContext, record: inout ThreadRecord) throws(KernelError) {}
}

// MARK: events and the scheduler

/// How the machine numbers events: the processor's exceptions first,
/// then the interrupt lines. The core knows no more than this: the
/// machine maps its vectors onto these numbers before it calls
/// `MachineUpcalls.eventRaised` (ia32: vectors 0-31 are the exceptions,
/// the PIC's lines 0-15 arrive at vectors 32-47, the same numbers).
public enum EventNumbers {
    /// How many exception numbers come first (0 to 31).
    public static let exceptions: UInt8 = 32
    /// How many interrupt lines follow them (32 to 47).
    public static let interruptLines: UInt8 = 16
    /// One past the highest event number: 48.
    public static let count: UInt8 = exceptions + interruptLines

    /// The event number of the interrupt line `line` (0 to 15).
    public static func interrupt(_ line: UInt8) -> UInt8 {
        exceptions + line
    }
}

/// Hooks of the event manager (reference/event/): an event is one
/// exception or interrupt number the core has taken over. The machine
/// keeps nothing per event; it unmasks an interrupt line while its event
/// is reserved and enabled, and masks it otherwise (exceptions cannot be
/// masked: the machine just ignores their enable bit).
public protocol EventMachine {
    /// The event `number` was reserved, `enabled` or not.
    static func eventReserved(_ number: UInt8, enabled: Bool) throws(KernelError)

    /// The event `number` is about to be released (mask its line).
    static func eventReleasing(_ number: UInt8) throws(KernelError)

    /// The event `number` was enabled or disabled (the new state is
    /// already in the event; refusing puts the old one back).
    static func eventEnabled(_ number: UInt8, enabled: Bool) throws(KernelError)
}

extension EventMachine {
    /// By default a new event needs nothing from the machine.
    public static func eventReserved(_ number: UInt8, enabled: Bool) throws(KernelError) {}
    /// By default the machine has nothing to undo when an event goes.
    public static func eventReleasing(_ number: UInt8) throws(KernelError) {}
    /// By default enabling or disabling needs nothing from the machine.
    public static func eventEnabled(_ number: UInt8, enabled: Bool) throws(KernelError) {}
}

/// Hooks of the scheduler (reference/scheduler/): the core decides which
/// thread runs next; the machine does the switching. The core never
/// switches stacks itself: it elects, then tells the machine, which
/// resumes the elected thread on its way out of the kernel (out of the
/// clock interrupt, or out of the system call that yielded).
public protocol SchedulerMachine: ThreadMachine {
    /// The scheduler started: from now on the clock preempts the
    /// threads (`quantum`: the base time slice, in milliseconds).
    static func schedulerStarted(quantum: UInt32) throws(KernelError)

    /// The scheduler stopped: the clock no longer preempts.
    static func schedulerStopped() throws(KernelError)

    /// The scheduler elected the thread `thread` of the task `task`
    /// (its address space `space`, its class `taskClass`) for `quantum`
    /// milliseconds, in place of `previous` (0: nothing ran). Resume it
    /// from its record, switching address space if it differs.
    ///
    /// The machine may switch stacks inside this hook: the call then
    /// returns only when `previous` is elected again (much later, or
    /// never for a thread that exited). So the core has made `thread`
    /// current before the call and does nothing after it, and the record
    /// is handed in by value: the machine keeps what changes in a switch
    /// in its own memory, which the record points to. Refusing (before
    /// any switch) leaves nothing elected (the thread waits at the head
    /// of its queue for the next election).
    static func schedulerElected(
        _ thread: Identifier, task: Identifier, space: Identifier, taskClass: TaskClass, quantum: UInt32,
        previous: Identifier, record: ThreadRecord
    ) throws(KernelError)

    /// Nothing can run after `previous` (0: nothing ran): run the
    /// machine's idle context, which halts the processor until an
    /// interrupt brings work (ia32: the boot stack, halting with
    /// `sti; hlt`). Like `schedulerElected`, it may switch stacks and
    /// return only when `previous` is elected again.
    static func schedulerIdle(previous: Identifier) throws(KernelError)
}

extension SchedulerMachine {
    /// By default the machine has no clock to arm.
    public static func schedulerStarted(quantum: UInt32) throws(KernelError) {}
    /// By default the machine has no clock to disarm.
    public static func schedulerStopped() throws(KernelError) {}
    /// By default the machine switches nothing.
    public static func schedulerElected(
        _ thread: Identifier, task: Identifier, space: Identifier, taskClass: TaskClass, quantum: UInt32,
        previous: Identifier, record: ThreadRecord
    ) throws(KernelError) {}
    /// By default the machine does not halt.
    public static func schedulerIdle(previous: Identifier) throws(KernelError) {}
}

// reference/thread/thread.swift -- the thread manager: its objects, its
// start and stop, and the verbs that only read.
//
// A thread is what runs: a saved context (where it resumes, its stack
// pointer: the machine keeps the registers in the thread's record) and a
// stack in its task's address space. The stack is an ordinary segment
// of that space, mapped by an ordinary region, so the memory managers
// count it and a leak of it shows like any other:
//
//     task 0x..14 (as 0x..15)
//       thread 0x..18  priority 130 stopped
//         stack: segment 0x..16 (4 pages) <- region 0x..17 [0x40000000, 0x40004000)
//         context: pc = entry, sp = 0x40004000 (the top; the stack grows down)
//
// Its life is the state machine of reference/task/lifecycle.swift, the
// same as a task's; a sleeping thread is a blocked one with a wake-up
// time, and the scheduler's alarm (a one-shot timer) starts it then.

import Machine

/// One thread.
public struct ThreadDescriptor: SetObject, Living {
    /// Threads are objects of kind "thread".
    public static var kind: StaticString { "thread" }

    /// The thread's identifier.
    public let identifier: Identifier
    /// The task it belongs to.
    public let task: Identifier
    /// Its priority, in [10, 250).
    public internal(set) var priority: UInt8
    /// Where it starts (its first program counter).
    public let entry: UInt64
    /// The segment that holds its stack.
    public let stackSegment: Identifier
    /// The region that maps the stack in the task's space.
    public let stackRegion: Identifier
    /// The stack's lowest virtual address.
    public let stackBase: UInt64
    /// The stack's size in bytes (whole pages).
    public let stackSize: UInt64
    /// When a sleeping thread wakes (`TimerManager.clock`'s
    /// milliseconds; 0: not sleeping).
    public internal(set) var wakeUp: UInt64 = 0
    /// Where it is in its life, and its waits.
    public internal(set) var lifecycle = Lifecycle()
    /// What the machine keeps about this thread (its saved registers).
    public internal(set) var machineRecord = Machine.ThreadRecord()

    /// One past the stack's highest byte: where the stack pointer starts.
    public var stackTop: UInt64 { stackBase + stackSize }

    /// Prints the thread on one line.
    public func show() {
        var line = "  thread 0x\(hexadecimal(identifier)) task 0x\(hexadecimal(task)) priority \(priority)"
            + " \(lifecycle.state.name) entry 0x\(hexadecimal(entry, digits: 8))"
            + " stack [0x\(hexadecimal(stackBase, digits: 8)), 0x\(hexadecimal(stackTop, digits: 8)))"
        if wakeUp != 0 {
            line += " wakes at \(wakeUp)"
        }
        if lifecycle.state == .zombie {
            line += " exit \(lifecycle.exitValue)"
        }
        print(line)
    }
}

/// The probes of the thread manager, one per measured function.
enum ThreadProbe {
    static let reserve = StatisticsManager.reserve(manager: "thread", function: "reserve")
    static let release = StatisticsManager.reserve(manager: "thread", function: "release")
    static let get = StatisticsManager.reserve(manager: "thread", function: "get")
    static let state = StatisticsManager.reserve(manager: "thread", function: "state")
    static let wait = StatisticsManager.reserve(manager: "thread", function: "wait")
    static let sleep = StatisticsManager.reserve(manager: "thread", function: "sleep")
    static let priority = StatisticsManager.reserve(manager: "thread", function: "priority")
    static let load = StatisticsManager.reserve(manager: "thread", function: "load")
    static let store = StatisticsManager.reserve(manager: "thread", function: "store")
    static let arguments = StatisticsManager.reserve(manager: "thread", function: "arguments")
    static let flush = StatisticsManager.reserve(manager: "thread", function: "flush")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, release, get, state, wait, sleep, priority, load, store, arguments, flush]
        _ = all.count
    }
}

/// Reserves, releases, starts and stops the threads.
public enum ThreadManager {
    /// The lowest priority a thread may have.
    public static let lowestPriority: UInt8 = 10
    /// One past the highest priority a thread may have.
    public static let priorityLimit: UInt8 = 250

    /// Every thread; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var threads: ObjectSet<TaskManager.Store<ThreadDescriptor>>?
    /// The thread that runs (0: none yet, the kernel runs on its boot
    /// stack); the scheduler sets it when it elects one.
    nonisolated(unsafe) public static var current: Identifier = 0

    /// Starts the manager.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. reserve
    /// the set of threads.
    public static func initialize() throws(KernelError) {
        // 1.
        if threads != nil {
            throw KernelError.busy
        }
        ThreadProbe.reserveAll()
        // 2.
        threads = try SetManager.reserve(TaskManager.Store<ThreadDescriptor>.self)
    }

    /// Stops the manager: releases every thread (their stacks come back).
    ///
    /// Steps: 1. no thread is current; release every thread; 2. release
    /// the set.
    public static func clean() throws(KernelError) {
        guard let all = threads else {
            return
        }
        // 1. (waits end with the kernel: a thread waited for may go)
        current = 0
        var every: [Identifier] = []
        try all.forEach { thread in every.append(thread.identifier) }
        try TaskManager.forgetWaits(all)
        for identifier in every {
            try release(identifier)
        }
        // 2.
        try SetManager.release(all)
        threads = nil
    }

    /// The thread named `identifier`.
    public static func get(_ identifier: Identifier) throws(KernelError) -> ThreadDescriptor {
        try StatisticsManager.measure(ThreadProbe.get) { () throws(KernelError) in
            try container().get(identifier)
        }
    }

    /// True if a thread is named `identifier`.
    public static func exist(_ identifier: Identifier) -> Bool {
        threads?.exist(identifier) ?? false
    }

    /// Prints one thread.
    public static func show(_ identifier: Identifier) throws(KernelError) {
        try container().get(identifier).show()
    }

    /// Prints every thread.
    public static func dump() {
        guard let all = threads else {
            print("threads: none (the manager is not initialised)")
            return
        }
        print("threads: \(all.storedCount), current 0x\(hexadecimal(current))")
        do throws(KernelError) {
            try all.forEach { thread in thread.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    /// The set of threads, or `busy` before `initialize`.
    static func container() throws(KernelError) -> ObjectSet<TaskManager.Store<ThreadDescriptor>> {
        guard let all = threads else { throw KernelError.busy }
        return all
    }
}

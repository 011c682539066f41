// reference/task/task.swift -- the task manager: its objects, its start
// and stop, and the verbs that only read.
//
// A task is what owns resources: an address space (its memory), a set
// of threads (what runs), a class (what it may do: its threads' ring on
// ia32), a behaviour and a priority within the behaviour's band (how the
// scheduler treats it). Its life is the state machine of lifecycle.swift.
//
//     tasks:  task 0x..0e core/core      230 running  as 0x..01 threads {}
//             task 0x..14 program/timesharing 100 stopped as 0x..15 threads {0x..18}
//
// The kernel is itself a core task, reserved at start with the kernel's
// address space, running, and the current task until the scheduler (a
// later assignment) elects another.

import Machine

/// How the scheduler treats a task, and the band its priority must lie in.
public struct TaskBehaviour: Equatable, Sendable {
    /// The behaviour's number (valid or not: see `isValid`).
    public let rawValue: UInt8

    /// The behaviour numbered `rawValue`.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The kernel's own work: priorities 210 to 250.
    public static let core = TaskBehaviour(rawValue: 0)
    /// Deadlines to meet: 170 to 210.
    public static let realtime = TaskBehaviour(rawValue: 1)
    /// Someone waits for the answer: 130 to 170.
    public static let interactive = TaskBehaviour(rawValue: 2)
    /// Ordinary work sharing the processor: 50 to 130.
    public static let timesharing = TaskBehaviour(rawValue: 3)
    /// Whatever nobody waits for: 10 to 50.
    public static let background = TaskBehaviour(rawValue: 4)

    /// True for the five behaviours above.
    public var isValid: Bool { rawValue <= 4 }

    /// The priorities a task of this behaviour may have (both ends
    /// included); nil for an invalid behaviour.
    public var band: ClosedRange<UInt8>? {
        switch rawValue {
        case 0: return 210...250
        case 1: return 170...210
        case 2: return 130...170
        case 3: return 50...130
        case 4: return 10...50
        default: return nil
        }
    }
}

/// A thread's identifier, as its task lists it.
public struct ThreadReference: SetObject {
    /// Listed in a task's set of threads.
    public static var kind: StaticString { "thread" }
    /// The thread's identifier.
    public let identifier: Identifier

    /// Prints the reference on one line.
    public func show() {
        print("  thread 0x\(hexadecimal(identifier))")
    }
}

/// One task.
public struct TaskDescriptor: SetObject, Living {
    /// Tasks are objects of kind "task".
    public static var kind: StaticString { "task" }

    /// The task's identifier.
    public let identifier: Identifier
    /// Its class (its threads' ring).
    public let taskClass: TaskClass
    /// Its behaviour.
    public let behaviour: TaskBehaviour
    /// Its priority, inside its behaviour's band.
    public internal(set) var priority: UInt8
    /// Its address space.
    public let space: Identifier
    /// Its threads.
    public let threads: ObjectSet<TaskManager.Store<ThreadReference>>
    /// Where it is in its life, and its waits.
    public internal(set) var lifecycle = Lifecycle()
    /// What the machine keeps about this task (its hooks' record).
    public internal(set) var machineRecord = Machine.TaskRecord()

    /// Prints the task on one line.
    public func show() {
        var line = "  task 0x\(hexadecimal(identifier)) class \(taskClass.rawValue) behaviour \(behaviour.rawValue)"
            + " priority \(priority) \(lifecycle.state.name) as 0x\(hexadecimal(space)) threads"
        do throws(KernelError) {
            try threads.forEach { thread in line += " 0x\(hexadecimal(thread.identifier))" }
        } catch {
            line += " (walk failed: \(error.description))"
        }
        if lifecycle.state == .zombie {
            line += " exit \(lifecycle.exitValue)"
        }
        print(line)
    }
}

/// The probes of the task manager, one per measured function.
enum TaskProbe {
    static let reserve = StatisticsManager.reserve(manager: "task", function: "reserve")
    static let release = StatisticsManager.reserve(manager: "task", function: "release")
    static let get = StatisticsManager.reserve(manager: "task", function: "get")
    static let state = StatisticsManager.reserve(manager: "task", function: "state")
    static let wait = StatisticsManager.reserve(manager: "task", function: "wait")
    static let priority = StatisticsManager.reserve(manager: "task", function: "priority")

    /// Reserves every probe above now.
    static func reserveAll() {
        let all = [reserve, release, get, state, wait, priority]
        _ = all.count
    }
}

/// Reserves, releases, starts and stops the tasks.
public enum TaskManager {
    /// The data structure of every set of this manager.
    public typealias Store<Object: SetObject> = BPlusTree<Object>

    /// Every task; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var tasks: ObjectSet<Store<TaskDescriptor>>?
    /// The kernel's own task (0 before `initialize`).
    nonisolated(unsafe) public internal(set) static var kernel: Identifier = 0
    /// The task whose thread runs: the kernel's after `initialize`; the
    /// scheduler sets it when it elects a thread of another task.
    nonisolated(unsafe) public static var current: Identifier = 0

    /// Starts the manager and reserves the kernel's task.
    ///
    /// Steps: 1. refuse a second start; reserve the probes; 2. reserve
    /// the set of tasks; 3. store the kernel's task, running, with the
    /// kernel's space (if that fails, release the set).
    public static func initialize() throws(KernelError) {
        // 1.
        if tasks != nil {
            throw KernelError.busy
        }
        TaskProbe.reserveAll()
        // 2.
        let all = try SetManager.reserve(Store<TaskDescriptor>.self)
        tasks = all
        // 3.
        do throws(KernelError) {
            var lifecycle = Lifecycle()
            lifecycle.state = .running
            lifecycle.happened = .started
            let identifier = try IdentifierManager.reserve(.task)
            do throws(KernelError) {
                try store(identifier, .core, .core, 230, space: AddressSpaceManager.kernel, lifecycle: lifecycle)
            } catch {
                try? IdentifierManager.release(identifier)
                throw error
            }
            kernel = identifier
            current = kernel
        } catch {
            try? SetManager.release(all)
            tasks = nil
            throw error
        }
    }

    /// Stops the manager: forgets every wait, releases every task, the
    /// kernel's last (its address space stays: it is the address-space
    /// manager's).
    ///
    /// Steps: 1. the kernel's task is current again; release every
    /// other task; 2. drop the kernel's; 3. release the set.
    public static func clean() throws(KernelError) {
        guard let all = tasks else {
            return
        }
        // 1. (waits end with the kernel: a task waited for may go)
        current = kernel
        var others: [Identifier] = []
        try all.forEach { task in
            if task.identifier != kernel { others.append(task.identifier) }
        }
        try forgetWaits(all)
        for identifier in others {
            try release(identifier)
        }
        // 2.
        if all.exist(kernel) {
            try drop(kernel)
        }
        // 3.
        try SetManager.release(all)
        tasks = nil
        kernel = 0
        current = 0
    }

    /// The task named `identifier`.
    public static func get(_ identifier: Identifier) throws(KernelError) -> TaskDescriptor {
        try StatisticsManager.measure(TaskProbe.get) { () throws(KernelError) in
            try container().get(identifier)
        }
    }

    /// The address space of the task `identifier`: its `get(...).space`,
    /// read in place (the message path asks it of every buffer).
    public static func space(of identifier: Identifier) throws(KernelError) -> Identifier {
        try container().read(identifier) { $0.space }
    }

    /// The state of the task `identifier`, read in place.
    public static func state(of identifier: Identifier) throws(KernelError) -> ExecutionState {
        try container().read(identifier) { $0.lifecycle.state }
    }

    /// True if a task is named `identifier`.
    public static func exist(_ identifier: Identifier) -> Bool {
        tasks?.exist(identifier) ?? false
    }

    /// The identifiers of the threads of the task `identifier`.
    public static func threads(of identifier: Identifier) throws(KernelError) -> [Identifier] {
        var owned: [Identifier] = []
        try container().get(identifier).threads.forEach { thread in owned.append(thread.identifier) }
        return owned
    }

    /// Prints one task.
    public static func show(_ identifier: Identifier) throws(KernelError) {
        try container().get(identifier).show()
    }

    /// Prints every task.
    public static func dump() {
        guard let all = tasks else {
            print("tasks: none (the manager is not initialised)")
            return
        }
        print("tasks: \(all.storedCount), kernel 0x\(hexadecimal(kernel)), current 0x\(hexadecimal(current))")
        do throws(KernelError) {
            try all.forEach { task in task.show() }
        } catch {
            print("  walk failed: \(error.description)")
        }
    }

    /// Clears every wait of the objects of `all`, so that `clean` may
    /// release them in any order (the kernel is stopping: nobody will
    /// read the answers).
    static func forgetWaits<Object: Living>(_ all: ObjectSet<Store<Object>>) throws(KernelError) {
        var identifiers: [Identifier] = []
        try all.forEach { object in identifiers.append(object.identifier) }
        for identifier in identifiers {
            try all.update(identifier) { object in
                object.lifecycle.waiters = []
                object.lifecycle.waitingFor = 0
            }
        }
    }

    /// The set of tasks, or `busy` before `initialize`.
    static func container() throws(KernelError) -> ObjectSet<Store<TaskDescriptor>> {
        guard let all = tasks else { throw KernelError.busy }
        return all
    }
}

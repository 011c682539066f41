// machine/shared/execution.swift -- the plain values the task and thread
// hooks carry: a state, a class, a saved context.
//
// They live here, beside the hooks, because both the core and the
// machine must name them: the machine cannot import the core.

/// Where a task or a thread is in its life (reference/task/lifecycle.swift
/// draws the state machine).
public enum ExecutionState: UInt8, Sendable {
    /// Reserved, or stopped: it exists but the scheduler leaves it alone.
    case stopped = 0
    /// Started: the scheduler may run it.
    case running = 1
    /// Waiting for something (an event of another task or thread, or a
    /// wake-up time): the scheduler leaves it alone until it comes.
    case blocked = 2
    /// Exited: only its exit value is left, until someone waits for it.
    case zombie = 3

    /// The state's name, for dumps ("running").
    public var name: StaticString {
        switch self {
        case .stopped: return "stopped"
        case .running: return "running"
        case .blocked: return "blocked"
        case .zombie: return "zombie"
        }
    }
}

/// What a task is allowed to do, which on ia32 is the privilege ring its
/// threads run in: core 0, driver 1, service 2, program 3. Any byte can
/// be written (a system call hands one in); `isValid` tells the four
/// classes from the rest, and the task manager refuses the rest.
public struct TaskClass: Equatable, Sendable {
    /// The class's number, which is its ring.
    public let rawValue: UInt8

    /// The class numbered `rawValue` (valid or not: see `isValid`).
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The kernel itself and its own tasks: ring 0.
    public static let core = TaskClass(rawValue: 0)
    /// Device drivers: ring 1.
    public static let driver = TaskClass(rawValue: 1)
    /// System services (file system, network): ring 2.
    public static let service = TaskClass(rawValue: 2)
    /// User programs: ring 3.
    public static let program = TaskClass(rawValue: 3)

    /// True for the four classes above.
    public var isValid: Bool { rawValue <= 3 }

    /// The privilege ring the threads of this class run in.
    public var ring: UInt8 { rawValue }
}

/// The part of a thread's saved registers the core may read and set: where
/// it will resume (program counter) and its stack pointer. The machine
/// keeps the whole saved context in the thread's record; these two are
/// copied in and out through the thread hooks.
public struct ThreadContext: Equatable, Sendable {
    /// The address of the next instruction the thread will run.
    public var programCounter: UInt64
    /// The address of the top of its stack (the last word pushed).
    public var stackPointer: UInt64

    /// A context that resumes at `programCounter` with `stackPointer`.
    public init(programCounter: UInt64 = 0, stackPointer: UInt64 = 0) {
        self.programCounter = programCounter
        self.stackPointer = stackPointer
    }
}

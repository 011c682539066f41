// reference/task/lifecycle.swift -- the state machine tasks and threads
// share, and their waits.
//
// A task and a thread live the same life:
//
//                 start               exit(value)
//     reserve --> stopped <------> running ---------> zombie --> release
//                    ^      stop    |   ^                ^
//                    |              |   | start          |
//                    |   stop     block |  (or a wake-up) | exit
//                    +--------- blocked +----------------+
//
// * `start`: stopped or blocked -> running (the scheduler may run it);
// * `stop`: running or blocked -> stopped;
// * `block`: running -> blocked (a wait, a sleep, or asked for);
// * `exit(value)`: any state but zombie -> zombie, keeping `value`;
// * a zombie accepts nothing but `release`.
//
// Anything else is refused (`invalidArgument`), and so is starting or
// stopping something blocked in a wait (`busy`): only the event it waits
// for may wake it.
//
// Waits. A wait names a target and the events it wants (started,
// stopped, died). Every event a target goes through is written down in
// its `happened`, so a wait for an event that already happened is
// answered at once (with the exit value for a death). Otherwise the
// waiter is blocked and listed in the target's `waiters`; when the event
// comes, each waiter that wanted it gets its `answer` and is running
// again. The waiting is bookkeeping only: the scheduler (a later
// assignment) runs what is running and leaves what is blocked.

import Machine

/// The events a wait can ask for (any mix), and that a task or thread
/// goes through.
public struct WaitEvents: OptionSet, Equatable, Sendable {
    /// The bits: 1 started, 2 stopped, 4 died.
    public let rawValue: UInt8

    /// Events from their bits (unknown bits are refused by `wait`).
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// It was started (stopped or blocked -> running).
    public static let started = WaitEvents(rawValue: 1)
    /// It was stopped.
    public static let stopped = WaitEvents(rawValue: 2)
    /// It exited (it is a zombie, or gone).
    public static let died = WaitEvents(rawValue: 4)
    /// Every event.
    public static let all: WaitEvents = [.started, .stopped, .died]
}

/// What a wait returns, or what a blocked waiter finds when it is woken:
/// which target, which event, and the exit value for a death (0 else).
public struct WaitAnswer: Equatable, Sendable {
    /// The task or thread waited for.
    public let target: Identifier
    /// The one event that answered the wait.
    public let event: WaitEvents
    /// The target's exit value if `event` is `.died`; 0 otherwise.
    public let value: UInt64
}

/// The result of a wait: answered at once, or blocked until the event.
public enum WaitOutcome: Equatable, Sendable {
    /// The event had already happened.
    case answered(WaitAnswer)
    /// The waiter is blocked; the answer will be in its lifecycle.
    case blocked
}

/// One waiter listed in a target: who waits, and for what.
public struct Waiter: Equatable, Sendable {
    /// The waiting task (for a task's wait) or thread (for a thread's).
    public let identifier: Identifier
    /// The events it wants.
    public let events: WaitEvents
}

/// The verbs that move a task or a thread through its states.
public enum LifecycleVerb: Sendable {
    /// Let the scheduler run it.
    case start
    /// Take it away from the scheduler.
    case stop
    /// Block it.
    case block
    /// It ends with a value.
    case exit(UInt64)
}

/// Where one task or thread is in its life, and its waits.
public struct Lifecycle: Equatable, Sendable {
    /// Its state.
    public internal(set) var state: ExecutionState = .stopped
    /// Every event it went through since it was reserved.
    public internal(set) var happened: WaitEvents = []
    /// Its exit value (meaningful once it is a zombie).
    public internal(set) var exitValue: UInt64 = 0
    /// Who waits for it, oldest first.
    public internal(set) var waiters: [Waiter] = []
    /// What it waits for while blocked in a wait (0: not waiting).
    public internal(set) var waitingFor: Identifier = 0
    /// The answer to its last wait (nil until a wait is answered).
    public internal(set) var answer: WaitAnswer?

    /// Applies `verb`, returning the event it makes happen (empty for
    /// `block`); refuses a move the state machine does not have.
    ///
    /// Steps: 1. a zombie accepts nothing; something waiting may only
    /// exit; 2. check the move and make it; 3. write the event down.
    mutating func apply(_ verb: LifecycleVerb) throws(KernelError) -> WaitEvents {
        // BEGIN ASSIGNMENT 04-task
        // 1.
        if state == .zombie {
            throw KernelError.invalidArgument
        }
        if waitingFor != 0 {
            if case .exit = verb {} else { throw KernelError.busy }
        }
        // 2.
        let event: WaitEvents
        switch verb {
        case .start:
            guard state == .stopped || state == .blocked else { throw KernelError.invalidArgument }
            state = .running
            event = .started
        case .stop:
            guard state == .running || state == .blocked else { throw KernelError.invalidArgument }
            state = .stopped
            event = .stopped
        case .block:
            guard state == .running else { throw KernelError.invalidArgument }
            state = .blocked
            event = []
        case .exit(let value):
            state = .zombie
            exitValue = value
            waitingFor = 0
            event = .died
        }
        // 3.
        happened.insert(event)
        return event
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 04-task
    }

    /// The answer to a wait for `events` that already happened (a death
    /// first, then a stop, then a start), nil if none did. A zombie
    /// answers every wait with its death: nothing else will ever happen.
    func answer(to events: WaitEvents, from target: Identifier) -> WaitAnswer? {
        // BEGIN ASSIGNMENT 04-task
        if state == .zombie {
            return WaitAnswer(target: target, event: .died, value: exitValue)
        }
        for event in [WaitEvents.stopped, .started] where events.contains(event) && happened.contains(event) {
            return WaitAnswer(target: target, event: event, value: 0)
        }
        return nil
        // ELSE
        // return nil
        // END ASSIGNMENT 04-task
    }

    /// Blocks this (running) waiter on `target`.
    mutating func beginWait(on target: Identifier) throws(KernelError) {
        guard state == .running, waitingFor == 0 else { throw KernelError.invalidArgument }
        state = .blocked
        waitingFor = target
    }

    /// Wakes this waiter with `answer`: it is running again.
    mutating func wake(with answer: WaitAnswer) {
        self.answer = answer
        waitingFor = 0
        state = .running
    }

    /// Takes out, and returns, the waiters `event` wakes: those that
    /// wanted it, or every one for a death (nothing else will come).
    mutating func takeWaiters(for event: WaitEvents) -> [Waiter] {
        let woken = waiters.filter { event == .died || (!event.isEmpty && $0.events.contains(event)) }
        waiters.removeAll { event == .died || (!event.isEmpty && $0.events.contains(event)) }
        return woken
    }

    /// Drops `waiter` from the list (it exited or is released).
    mutating func dropWaiter(_ waiter: Identifier) {
        waiters.removeAll { $0.identifier == waiter }
    }
}

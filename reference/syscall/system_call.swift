// reference/syscall/system_call.swift -- what a program may ask of the
// kernel, and the one function that answers.
//
// The machine hands every system call up as numbers (machine/shared/
// system_call.swift): which call, five argument words, room for a status
// and three values. `handle` finds the caller (the running thread and
// its task), does the call, and turns any error into the status word, so
// a program's mistake -- a bad pointer, an unknown task, a message too
// big -- comes back to it as a number, never as a kernel fault:
//
//     number  call        arguments                       values
//     0       null        -                               -
//     1       print       address, count                  -
//     2       exit        value                           (never returns)
//     3       yield       -                               -
//     4       identity    -                               task (low, high)
//     5       register    type, maximum size              -
//     6       send        task (low, high), type,         -
//                         address, count
//     7       transmit    as send (blocks until taken)    -
//     8       receive     type, address, capacity         size, sender (low, high)
//     9       poll        as receive (never blocks:       as receive
//                         `empty` if nothing is queued)
//     10-14   the calls on capabilities (capability_calls.swift)
//
// Identifiers are 64 bits and registers 32, so a task travels as two
// words, its low half first. Pointers are checked by UserMemory: a
// program can only make the kernel touch its own memory.

import Machine

/// The system calls, numbered as programs see them (the user library
/// under programs/lib/ uses the same numbers).
public enum SystemCallNumber: UInt32, Sendable {
    /// Does nothing: the cost of a trap into the kernel and back.
    case null = 0
    /// Prints `count` bytes at `address` on the console (256 at most).
    case print = 1
    /// Ends the calling thread with an exit value; never returns. (A
    /// program is one thread: its starter waits for that thread, then
    /// releases the task.)
    case exit = 2
    /// Gives the processor to another thread.
    case yield = 3
    /// Tells the caller its task's identifier.
    case identity = 4
    /// Accepts messages of a type, up to a maximum size.
    case register = 5
    /// Sends a message and goes on.
    case send = 6
    /// Sends a message and waits until it is taken.
    case transmit = 7
    /// Takes the oldest message of a type, waiting for one.
    case receive = 8
    /// Takes the oldest message of a type if there is one.
    case poll = 9
}

/// Answers the system calls of programs.
public enum SystemCallManager {
    /// The most bytes one print shows.
    public static let largestPrint: UInt64 = 256
    /// System calls handled since boot.
    nonisolated(unsafe) public private(set) static var calls: UInt64 = 0
    /// Those that returned an error.
    nonisolated(unsafe) public private(set) static var refused: UInt64 = 0
    /// The last refusal: the call's number and its error (nil: none
    /// since boot). A program that went wrong has no way to say why; its
    /// last refused call often does, and the tests print it.
    nonisolated(unsafe) public private(set) static var lastRefusal: (number: UInt32, error: KernelError)?

    // excerpt: system-call-handle
    /// Does the system call `call` for the running thread
    /// (`MachineUpcalls.systemCalled`), filling in its status and values.
    ///
    /// Steps: 1. count it; 2. find the caller (none: the boot context
    /// makes no system calls), whose task the scheduler made current
    /// when it elected the thread; 3. do the call; an error becomes its
    /// status, and is kept as the last refusal.
    public static func handle(_ call: inout SystemCall) {
        // 1.
        calls &+= 1
        do throws(KernelError) {
            // 2.
            if ThreadManager.current == 0 {
                throw KernelError.invalidArgument
            }
            let task = TaskManager.current
            // 3. (the calls on capabilities are the kit's: capability_calls.swift)
            if let number = CapabilityCallNumber(rawValue: call.number) {
                try CapabilityCalls.perform(number, call, task: task)
            } else if let number = SystemCallNumber(rawValue: call.number) {
                try checkCapability(number, call, task: task)
                try perform(number, &call, task: task)
            } else {
                throw KernelError.invalidArgument
            }
            call.status = 0
        } catch {
            refused &+= 1
            lastRefusal = (call.number, error)
            call.status = error.status
        }
    }
    // end excerpt

    /// The kit's capability check, before the call: a send or a
    /// transmit to a guarded task needs a capability allowing `send`
    /// (reference/capability/capability_messages.swift).
    static func checkCapability(_ number: SystemCallNumber, _ call: SystemCall, task: Identifier) throws(KernelError) {
        if number == .send || number == .transmit {
            let receiver = UInt64(call.arguments[0]) | UInt64(call.arguments[1]) << 32
            try CapabilityManager.checkMessage(from: task, to: receiver)
        }
    }

    /// Does the call `number` for the task `task`.
    static func perform(_ number: SystemCallNumber, _ call: inout SystemCall, task: Identifier) throws(KernelError) {
        // BEGIN ASSIGNMENT 06-ipc
        let words = call.arguments
        switch number {
        case .null:
            return
        case .print:
            try printBytes(task, UInt64(words[0]), UInt64(words[1]))
        case .exit:
            try ThreadManager.exit(ThreadManager.current, value: UInt64(words[0]))
        case .yield:
            try Scheduler.yield()
        case .identity:
            call.values[0] = UInt32(truncatingIfNeeded: task)
            call.values[1] = UInt32(truncatingIfNeeded: task >> 32)
        case .register:
            try MessageManager.register(task, type: words[0], maximumSize: Int(words[1]))
        case .send, .transmit:
            let receiver = UInt64(words[0]) | UInt64(words[1]) << 32
            let bytes = try UserMemory.read(task, at: UInt64(words[3]), count: UInt64(words[4]))
            if number == .send {
                try MessageManager.send(to: receiver, type: words[2], bytes, from: task)
            } else {
                try MessageManager.transmit(to: receiver, type: words[2], bytes)
            }
        case .receive, .poll:
            try deliver(task, type: words[0], into: UInt64(words[1]), capacity: UInt64(words[2]),
                        waiting: number == .receive, &call)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// Prints `count` bytes of the task's memory at `address`.
    static func printBytes(_ task: Identifier, _ address: UInt64, _ count: UInt64) throws(KernelError) {
        // BEGIN ASSIGNMENT 06-ipc
        if count > largestPrint {
            throw KernelError.outOfRange
        }
        let bytes = try UserMemory.read(task, at: address, count: count)
        print(String(decoding: bytes, as: UTF8.self), terminator: "")
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    // excerpt: system-call-deliver
    /// Moves the oldest message of `type` into the task's buffer at
    /// `address` (`capacity` bytes), and reports its size and sender.
    /// A message that does not fit, or a buffer the task cannot write,
    /// is an error and the message stays queued: nothing is lost to a
    /// program's mistake.
    ///
    /// Steps: 1. the oldest message's size (waiting for one, or `empty`
    /// when polling); 2. check that it fits and the buffer is writable;
    /// 3. take it and copy it into the buffer (checked once, in 2.).
    static func deliver(
        _ task: Identifier, type: UInt32, into address: UInt64, capacity: UInt64, waiting: Bool,
        _ call: inout SystemCall
    ) throws(KernelError) {
        // end excerpt
        // BEGIN ASSIGNMENT 06-ipc
        // 1.
        let size: Int
        if waiting {
            size = try MessageManager.wait(type: type).size
        } else {
            guard let oldest = try MessageManager.get(task, type: type).queued.first else {
                throw KernelError.empty
            }
            size = oldest.bytes.count
        }
        // 2.
        if UInt64(size) > capacity {
            throw KernelError.outOfRange
        }
        let space = try TaskManager.space(of: task)
        let buffer = try UserMemory.check(space, address, UInt64(size), .write)
        // 3. (the buffer was checked and found for this size: written as it is)
        let message = try MessageManager.receive(type: type)
        try AddressSpaceManager.write(buffer, bytes: message.bytes)
        call.values[0] = UInt32(message.bytes.count)
        call.values[1] = UInt32(truncatingIfNeeded: message.sender)
        call.values[2] = UInt32(truncatingIfNeeded: message.sender >> 32)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }
}

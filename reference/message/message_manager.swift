// reference/message/message_manager.swift -- the message manager:
// register, send, transmit, receive, poll, wait.
//
// Sending never waits; transmitting waits until the message is taken;
// receiving waits until there is one:
//
//     sender                          kernel box (task R, type 7)         receiver R
//     send(R, 7, "ab")  ------------> queued: ["ab"]                      .
//       (goes on)                                                          receive(7)
//                                     queued: []  -------------------->   gets "ab"
//
//     transmit(R, 7, "cd") -------->  queued: ["cd"]  (sender blocked)    receive(7)
//       (blocked) <------------------ taken: the sender is started  ---> gets "cd"
//
// A thread that waits is blocked (`ThreadManager.block`): the scheduler
// runs others, and whoever changes the box starts it again. The call it
// waits in then goes on where it stopped, on its own stack: a receive
// that blocked returns the message once one came.

import Machine

/// Registers message types and moves messages between tasks.
public enum MessageManager {
    /// The most bytes any box accepts in one message.
    public static let largestMessage = 64 * 1024
    /// The most messages one box queues: a flood fills it, then send is
    /// `exhausted` (the kernel's memory is not the sender's to take).
    public static let queueLimit = 256

    /// Every box; nil before `initialize`.
    nonisolated(unsafe) public internal(set) static var boxes: MessageBoxes?
    /// The serial of the last message sent.
    nonisolated(unsafe) static var lastSerial: UInt64 = 0

    /// Starts the manager: no box.
    public static func initialize() throws(KernelError) {
        if boxes != nil {
            throw KernelError.busy
        }
        boxes = [:]
        lastSerial = 0
    }

    /// Stops the manager: every box and its messages go. (The kernel
    /// stops the threads first, so nobody waits any more.)
    public static func clean() throws(KernelError) {
        boxes = nil
    }

    /// The task `task` accepts messages of `type` up to `maximumSize`
    /// bytes (1 to `largestMessage`: `outOfRange`; `unknownIdentifier`
    /// for no such task; `duplicateIdentifier` if registered already).
    public static func register(_ task: Identifier, type: UInt32, maximumSize: Int) throws(KernelError) {
        // BEGIN ASSIGNMENT 06-ipc
        let address = MessageAddress(task: task, type: type)
        if try container()[address] != nil {
            throw KernelError.duplicateIdentifier
        }
        if !TaskManager.exist(task) {
            throw KernelError.unknownIdentifier
        }
        if maximumSize < 1 || maximumSize > largestMessage {
            throw KernelError.outOfRange
        }
        boxes?[address] = MessageBox(maximumSize: maximumSize)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// Sends `bytes` to the task `receiver` as a message of `type`, from
    /// the task `sender` (the current one by default), and goes on at
    /// once. Errors (nothing is sent): `unknownIdentifier` for a receiver
    /// that does not exist or is dead, `invalidArgument` for a type it did
    /// not register, `outOfRange` for more bytes than it registered,
    /// `exhausted` for a full box.
    public static func send(
        to receiver: Identifier, type: UInt32, _ bytes: [UInt8], from sender: Identifier = TaskManager.current
    ) throws(KernelError) {
        _ = try post(from: sender, to: receiver, type: type, bytes, transmitter: 0)
    }

    // excerpt: message-transmit
    /// As `send`, from the current thread's task, but the current thread
    /// blocks until the receiver took the message (`invalidArgument`
    /// when no thread runs: the boot context cannot wait;
    /// `unknownIdentifier` if the receiver died first, the message lost).
    ///
    /// Steps: 1. post it, naming the thread; 2. block until it is no
    /// longer queued (the receiver starts the thread when it takes it).
    public static func transmit(to receiver: Identifier, type: UInt32, _ bytes: [UInt8]) throws(KernelError) {
        // end excerpt
        // BEGIN ASSIGNMENT 06-ipc
        let thread = ThreadManager.current
        if thread == 0 {
            throw KernelError.invalidArgument
        }
        // 1.
        let serial = try post(from: TaskManager.current, to: receiver, type: type, bytes, transmitter: thread)
        // 2.
        let address = MessageAddress(task: receiver, type: type)
        while true {
            guard let queued = boxes?.read(address, { $0.queued.contains { $0.serial == serial } }) else {
                throw KernelError.unknownIdentifier
            }
            if !queued {
                return
            }
            try ThreadManager.block(thread)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// Takes the oldest message of `type` for the current thread's task,
    /// blocking the thread until one comes (`invalidArgument` if the task
    /// did not register the type, or no thread runs).
    ///
    /// Steps: 1. a message is there: take it (its transmitter starts);
    /// 2. else wait in the box, blocked, and look again.
    public static func receive(type: UInt32) throws(KernelError) -> Message {
        // BEGIN ASSIGNMENT 06-ipc
        let address = MessageAddress(task: TaskManager.current, type: type)
        while true {
            // 1.
            if let message = try take(address) {
                return message
            }
            // 2.
            try waitInBox(address)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// Takes the oldest message of `type` for the task `task` if there is
    /// one; nil at once otherwise (`invalidArgument` if the type is not
    /// registered).
    public static func poll(_ task: Identifier, type: UInt32) throws(KernelError) -> Message? {
        try take(MessageAddress(task: task, type: type))
    }

    /// Blocks the current thread until a message of `type` is queued for
    /// its task, and tells who sent the oldest and its size, leaving it
    /// queued (a receiver can so size its buffer before it receives).
    public static func wait(type: UInt32) throws(KernelError) -> MessageSummary {
        // BEGIN ASSIGNMENT 06-ipc
        let address = MessageAddress(task: TaskManager.current, type: type)
        while true {
            let oldest = try read(address) { (box) -> MessageSummary? in
                box.queued.isEmpty ? nil : MessageSummary(sender: box.queued[0].sender, size: box.queued[0].bytes.count)
            }
            if let oldest {
                return oldest
            }
            try waitInBox(address)
        }
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// The box of `task` for `type` (`invalidArgument` if not registered).
    public static func get(_ task: Identifier, type: UInt32) throws(KernelError) -> MessageBox {
        try box(MessageAddress(task: task, type: type))
    }

    /// Drops every box of the task `task` (it died): the threads that
    /// transmitted to it are started, their messages lost.
    public static func flush(_ task: Identifier) throws(KernelError) {
        let addresses = try container().keys.filter { $0.task == task }
        for address in addresses {
            let dropped = boxes?.removeValue(forKey: address)
            for message in dropped?.queued ?? [] where message.transmitter != 0 {
                try? ThreadManager.start(message.transmitter)
            }
        }
    }

    /// Prints every box.
    public static func dump() {
        guard let all = boxes else {
            print("messages: none (the manager is not initialised)")
            return
        }
        print("messages: \(all.count) boxes")
        for (address, box) in all {
            box.show(address)
        }
    }

    // MARK: inside

    /// Queues a message and starts the first thread waiting in its box;
    /// returns its serial. (The boxes are changed in place: a copy of the
    /// table would cost a copy of every box. The box is visited once:
    /// each look-up of it is a search of the table, on every message.)
    ///
    /// Steps: 1. check the receiver; 2. in one visit of its box, check
    /// the size and the room, queue a copy and take the first waiter
    /// out; 3. start the waiter.
    static func post(
        from sender: Identifier, to receiver: Identifier, type: UInt32, _ bytes: [UInt8], transmitter: Identifier
    ) throws(KernelError) -> UInt64 {
        // BEGIN ASSIGNMENT 06-ipc
        // 1.
        _ = try container()
        guard let state = try? TaskManager.state(of: receiver), state != .zombie else {
            throw KernelError.unknownIdentifier
        }
        // 2.
        let message = Message(sender: sender, type: type, bytes: bytes, transmitter: transmitter, serial: lastSerial + 1)
        let visit = boxes?.update(MessageAddress(task: receiver, type: type)) { (box) -> Result<Identifier?, KernelError> in
            if bytes.count > box.maximumSize {
                return .failure(.outOfRange)
            }
            if box.queued.count >= queueLimit {
                return .failure(.exhausted)
            }
            box.queued.append(message)
            return .success(box.waiting.isEmpty ? nil : box.waiting.removeFirst())
        }
        guard let visit else {
            throw KernelError.invalidArgument       // the type is not registered
        }
        let waiter = try visit.get()
        lastSerial += 1
        // 3.
        if let waiter {
            try? ThreadManager.start(waiter)
        }
        return lastSerial
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// Takes the oldest message of the box `address`, starting its
    /// transmitter; nil if the box is empty.
    static func take(_ address: MessageAddress) throws(KernelError) -> Message? {
        // BEGIN ASSIGNMENT 06-ipc
        // One visit of the box: nil outside for no box, inside for no message.
        guard let taken = boxes?.update(address, { $0.queued.isEmpty ? nil : $0.queued.removeFirst() }) else {
            throw boxes == nil ? KernelError.busy : KernelError.invalidArgument
        }
        guard let message = taken else {
            return nil
        }
        if message.transmitter != 0 {
            try? ThreadManager.start(message.transmitter)
        }
        return message
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// Blocks the current thread in the box `address` until something
    /// starts it again (a sender, or anyone: the caller looks again).
    static func waitInBox(_ address: MessageAddress) throws(KernelError) {
        // BEGIN ASSIGNMENT 06-ipc
        let thread = ThreadManager.current
        if thread == 0 {
            throw KernelError.invalidArgument
        }
        try read(address) { _ in }
        boxes?.update(address) { $0.waiting.append(thread) }
        defer { boxes?.update(address) { $0.waiting.removeAll { $0 == thread } } }
        try ThreadManager.block(thread)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 06-ipc
    }

    /// The box `address` (`invalidArgument` if not registered).
    static func box(_ address: MessageAddress) throws(KernelError) -> MessageBox {
        try read(address) { copy $0 }
    }

    /// What `part` reads of the box `address`, lent in place
    /// (`invalidArgument` if not registered; `busy` before `initialize`).
    static func read<Part>(_ address: MessageAddress, _ part: (borrowing MessageBox) -> Part) throws(KernelError) -> Part {
        if boxes == nil {
            throw KernelError.busy
        }
        guard let found = boxes?.read(address, part) else {
            throw KernelError.invalidArgument
        }
        return found
    }

    /// The boxes, or `busy` before `initialize`.
    static func container() throws(KernelError) -> MessageBoxes {
        guard let all = boxes else { throw KernelError.busy }
        return all
    }
}

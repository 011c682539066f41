// reference/message/message.swift -- what a message is, and the boxes
// that hold them until they are received.
//
// Tasks talk by messages (paper, section 4.5). A task first registers
// the types it accepts, each with a largest size; from then on other
// tasks may send it messages of that type. Each (task, type) pair has a
// box: the messages queued for it, oldest first, and the threads of the
// task that wait in `receive` for one:
//
//     task 0x..31, type 7, at most 64 bytes
//         queued:  [from 0x..42, 12 bytes] [from 0x..55, 64 bytes, transmitted]
//         waiting: (none: a message is there)
//
// Types work as MPI's tags: a receiver that takes type 7 leaves the
// messages of type 9 queued in their own box. A message is a copy: the
// kernel reads the bytes out of the sender's memory when it sends, and
// writes them into the receiver's when it receives, so neither can see
// or change the other's memory.

import Machine

/// One message in a box.
public struct Message: Sendable {
    /// The task that sent it.
    public let sender: Identifier
    /// Its type.
    public let type: UInt32
    /// Its bytes (a copy of the sender's).
    public let bytes: [UInt8]
    /// The thread blocked in `transmit` until it is received (0: sent
    /// asynchronously, nobody waits).
    let transmitter: Identifier
    /// Its number, to find it again (unique since `initialize`).
    let serial: UInt64
}

/// Where a message goes: a task and a type. Addresses are ordered by
/// task, then type, so that the box table can search them
/// (message_boxes.swift).
public struct MessageAddress: Hashable, Comparable, Sendable {
    /// The receiving task.
    public let task: Identifier
    /// The type.
    public let type: UInt32

    /// The box of `task` for `type`.
    public init(task: Identifier, type: UInt32) {
        self.task = task
        self.type = type
    }

    /// True if `left` comes before `right`: a smaller task, or the same
    /// task and a smaller type.
    public static func < (left: MessageAddress, right: MessageAddress) -> Bool {
        left.task < right.task || (left.task == right.task && left.type < right.type)
    }
}

/// A registered type of a task: its limit, its queue, its waiters.
public struct MessageBox: Sendable {
    /// The largest message it accepts, in bytes.
    public let maximumSize: Int
    /// The messages not yet received, oldest first.
    public internal(set) var queued: [Message] = []
    /// The threads blocked in `receive` or `wait` on it, first come first.
    public internal(set) var waiting: [Identifier] = []

    /// Prints the box on one line.
    func show(_ address: MessageAddress) {
        print("  box task 0x\(hexadecimal(address.task)) type \(address.type) at most \(maximumSize) bytes:"
            + " \(queued.count) queued, \(waiting.count) waiting")
    }
}

/// The answer of `MessageManager.wait`: what is there, not taken.
public struct MessageSummary: Equatable, Sendable {
    /// Who sent the oldest message.
    public let sender: Identifier
    /// Its size in bytes.
    public let size: Int
}

// reference/timer/timer_message.swift -- timers delivered as messages.
//
// A kernel handler runs inside the clock interrupt, so only the kernel
// can have one. A task outside the kernel (a driver polling its device,
// a program with a timeout) asks instead for a timer whose expiries come
// to it as messages, as interrupts do (event_dispatch.swift): each
// expiry sends the task a 16-byte message of the type `messageType`,
// from the kernel's task:
//
//     bytes 0-7   the timer's identifier      (little-endian)
//     bytes 8-15  the clock when it was due   (milliseconds)
//
// The task registers that type first. An expiry the task cannot take
// (no box, a full one, the task gone) is counted in `missedMessages`
// and lost: the clock interrupt never waits for a task.

import Machine

extension TimerManager {
    /// The message type of timer expiries.
    public static let messageType: UInt32 = 0xF000_0000
    /// The size of an expiry's message.
    public static let messageSize = 16

    /// Expiries of message timers that could not be sent.
    nonisolated(unsafe) public internal(set) static var missedMessages: UInt64 = 0

    /// A new timer, as `reserve`, whose expiries are messages to the
    /// task `task` (`unknownIdentifier` if it does not exist).
    public static func reserve(delay: UInt64, repeats: Bool = false, messageTo task: Identifier)
        throws(KernelError) -> Identifier
    {
        if !TaskManager.exist(task) {
            throw KernelError.unknownIdentifier
        }
        return try reserve(delay: delay, repeats: repeats, data: task, handler: sendExpiry)
    }

    // excerpt: timer-send-expiry
    /// The handler of message timers: tells the task `task` that the
    /// timer `timer` expired now.
    static func sendExpiry(_ timer: Identifier, _ task: UInt64) {
        let bytes = LittleEndian.bytes(of: [timer, clock])
        do throws(KernelError) {
            try MessageManager.send(to: task, type: messageType, bytes, from: TaskManager.kernel)
        } catch {
            missedMessages += 1
        }
    }
    // end excerpt
}

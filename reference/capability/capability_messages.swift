// reference/capability/capability_messages.swift -- who may send a task
// messages: anyone, or only the holders of a capability for it.
//
// A box is open by default: any task that knows a receiver's identifier
// may send to it (the tests' programs learn their partners from their
// arguments). A task that serves others -- a driver, a file server --
// can be *guarded* instead: from then on a program's send or transmit to
// it needs a capability for the task that allows `send`, held by the
// sender. The kernel's own messages (interrupts, timers, the kernel
// task's sends) are not checked: the kernel made the capabilities.
//
//     guardMessages(to: server)
//     program P: send(server, ...)      -> permissionDenied
//     reserve(server, send, holder: P)
//     program P: send(server, ...)      -> queued
//     invalidate(that capability)
//     program P: send(server, ...)      -> permissionDenied
//
// The check runs where a system call enters the kernel
// (`SystemCallManager.handle`), before the call itself.

import Machine

extension CapabilityManager {
    /// The tasks whose messages need a capability (few: a list).
    nonisolated(unsafe) public internal(set) static var guardedTasks: [Identifier] = []

    /// From now on, programs need a capability allowing `send` to send
    /// the task `task` messages (`unknownIdentifier` if it does not exist).
    public static func guardMessages(to task: Identifier) throws(KernelError) {
        if !TaskManager.exist(task) {
            throw KernelError.unknownIdentifier
        }
        if !guardedTasks.contains(task) {
            guardedTasks.append(task)
        }
    }

    /// Messages to the task `task` are open to anyone again (or: it was
    /// released, and its identifier may name another task one day).
    public static func unguardMessages(to task: Identifier) {
        guardedTasks.removeAll { $0 == task }
    }

    // excerpt: capability-check-message
    /// Succeeds if the task `sender` may send messages to the task
    /// `receiver`: the receiver is not guarded, or the sender holds a
    /// live capability for it allowing `send`; `permissionDenied`
    /// otherwise.
    ///
    /// Steps: 1. an open receiver (the usual case: one test); 2. look
    /// for a record naming the receiver, allowing `send`, held by the
    /// sender.
    public static func checkMessage(from sender: Identifier, to receiver: Identifier) throws(KernelError) {
        // 1.
        if guardedTasks.isEmpty || !guardedTasks.contains(receiver) {
            return
        }
        // 2.
        var allowed = false
        try container().forEach { record in
            if record.object == receiver && record.operations.contains(.send) && record.holders.contains(sender) {
                allowed = true
            }
        }
        if !allowed {
            throw KernelError.permissionDenied
        }
    }
    // end excerpt
}

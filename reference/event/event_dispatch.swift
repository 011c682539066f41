// reference/event/event_dispatch.swift -- an event is raised: deliver
// it, or count it missed.
//
// The machine catches every exception and interrupt and calls up with
// its number (`Kernel.raise`). `dispatch` finds the event reserved for
// that number and hands it on the way it was reserved; a disabled event
// is not lost silently: it is counted as missed, so a driver can tell
// that it masked a line while something happened there.
//
//     raise 37  ->  event 37 enabled?  yes: delivered += 1, handler(37, data)
//                                      no:  missed += 1
//
// `enable` and `disable` flip the bit and tell the machine, which masks
// or unmasks the line (ia32: the PIC), so a disabled line does not even
// interrupt the processor.

import Machine

extension EventManager {
    /// Delivers the event `number`, raised by the machine: true if it
    /// was delivered, false if it is disabled (counted as missed); an
    /// event nobody reserved is `unknownIdentifier` (a number past the
    /// last, `outOfRange`).
    ///
    /// Steps: 1. find it; 2. a disabled one is missed; 3. count it
    /// delivered, then deliver it (the handler may release it).
    @discardableResult
    public static func dispatch(_ number: UInt8) throws(KernelError) -> Bool {
        try StatisticsManager.measure(EventProbe.dispatch) { () throws(KernelError) -> Bool in
            // BEGIN ASSIGNMENT 05-scheduler
            // 1.
            if number >= EventNumbers.count {
                throw KernelError.outOfRange
            }
            let all = try container()
            let event = try all.get(Identifier(number))
            // 2.
            if !event.enabled {
                try all.update(Identifier(number)) { stored in stored.missed += 1 }
                return false
            }
            // 3.
            try all.update(Identifier(number)) { stored in stored.delivered += 1 }
            switch event.delivery {
            case .kernel(let handler):
                handler(number, event.data)
            case .message(let task):
                try deliverMessage(number, to: task)
            }
            return true
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 05-scheduler
        }
    }

    /// Sets the enable bit of the event `number` and tells the machine.
    ///
    /// Steps: 1. find it; nothing to do if the bit is already so;
    /// 2. change it, tell the machine (if it refuses, put it back).
    static func setEnabled(_ number: UInt8, _ enabled: Bool) throws(KernelError) {
        try StatisticsManager.measure(EventProbe.enable) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 05-scheduler
            // 1.
            let all = try container()
            if try all.get(Identifier(number)).enabled == enabled {
                return
            }
            // 2.
            try all.update(Identifier(number)) { stored in stored.enabled = enabled }
            do throws(KernelError) {
                try Machine.eventEnabled(number, enabled: enabled)
            } catch {
                try? all.update(Identifier(number)) { stored in stored.enabled = !enabled }
                throw error
            }
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 05-scheduler
        }
    }

    // excerpt: event-message
    /// Sends the event `number` to the task `task` as a one-byte message
    /// from the kernel's task. An interrupt cannot wait for room: a
    /// message that cannot be queued (a full box, a task gone or that
    /// never registered the type) is counted missed, and its error kept
    /// for the tests (`Kernel.interruptFailures`).
    static func deliverMessage(_ number: UInt8, to task: Identifier) throws(KernelError) {
        do throws(KernelError) {
            try MessageManager.send(to: task, type: messageType(of: number), [number], from: TaskManager.kernel)
        } catch {
            try? container().update(Identifier(number)) { stored in
                stored.delivered -= 1
                stored.missed += 1
            }
            throw error
        }
    }
    // end excerpt
}

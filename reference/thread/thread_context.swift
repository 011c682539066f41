// reference/thread/thread_context.swift -- a thread's saved context, and
// the arguments its entry function finds on its stack.
//
// The machine keeps a thread's registers in its record; the core reads
// and sets the two it may know about, the program counter and the stack
// pointer (`ThreadContext`), through the hooks `threadContextStore` and
// `threadContextLoad`. A stack pointer must stay inside the thread's own
// stack: anything else is refused.
//
// Arguments follow the ia32 C convention: when the entry function starts,
// the stack pointer points at a return address (0: the entry must never
// return, it exits), and the 32-bit arguments follow, first one lowest:
//
//     stack top ->  +------------+
//                   | argument 1 |   sp + 8
//                   | argument 0 |   sp + 4
//     new sp    ->  | 0 (return) |   sp
//                   +------------+

import Machine

extension ThreadManager {
    /// Makes the thread `identifier` resume with `context`. Refused
    /// (`outOfRange`) if the stack pointer is outside its stack (the
    /// top included: an empty stack), (`invalidArgument`) for a zombie.
    ///
    /// Steps: 1. find it; check the state and the stack pointer; 2. tell
    /// the machine, which writes it in the record; 3. keep the record.
    public static func load(_ identifier: Identifier, _ context: ThreadContext) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.load) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            var thread = try container().get(identifier)
            if thread.lifecycle.state == .zombie {
                throw KernelError.invalidArgument
            }
            if context.stackPointer < thread.stackBase || context.stackPointer > thread.stackTop {
                throw KernelError.outOfRange
            }
            // 2.
            try Machine.threadContextLoad(identifier, context: context, record: &thread.machineRecord)
            // 3.
            let record = thread.machineRecord
            try container().update(identifier) { stored in stored.machineRecord = record }
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
    }

    /// The saved context of the thread `identifier`, as the machine
    /// keeps it.
    ///
    /// Steps: 1. find it; 2. ask the machine to copy it out; 3. keep the
    /// record.
    public static func store(_ identifier: Identifier) throws(KernelError) -> ThreadContext {
        try StatisticsManager.measure(ThreadProbe.store) { () throws(KernelError) in
            // BEGIN ASSIGNMENT 04-task
            // 1.
            var thread = try container().get(identifier)
            // 2.
            var context = ThreadContext()
            try Machine.threadContextStore(identifier, context: &context, record: &thread.machineRecord)
            // 3.
            let record = thread.machineRecord
            try container().update(identifier) { stored in stored.machineRecord = record }
            return context
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 04-task
        }
    }

    /// Pushes `words`, the arguments of the (stopped) thread
    /// `identifier`'s entry function, on its stack, with a 0 return
    /// address below them, and moves its stack pointer down to that.
    /// Refused (`outOfRange`) if they do not fit below the stack pointer.
    ///
    /// Steps: 1. find it, stopped; 2. compute the new stack pointer;
    /// 3. write the words through the task's space; 4. load the context.
    public static func arguments(_ identifier: Identifier, _ words: [UInt32]) throws(KernelError) {
        try StatisticsManager.measure(ThreadProbe.arguments) { () throws(KernelError) in
            // 1.
            let thread = try container().get(identifier)
            if thread.lifecycle.state != .stopped {
                throw KernelError.invalidArgument
            }
            var context = try store(identifier)
            // 2.
            let size = UInt64(words.count + 1) * 4
            if context.stackPointer < thread.stackBase || context.stackPointer - thread.stackBase < size {
                throw KernelError.outOfRange
            }
            let stackPointer = context.stackPointer - size
            // 3.
            var bytes: [UInt8] = [0, 0, 0, 0]
            for word in words {
                for shift in [0, 8, 16, 24] as [UInt32] {
                    bytes.append(UInt8(truncatingIfNeeded: word >> shift))
                }
            }
            let space = try TaskManager.container().get(thread.task).space
            try AddressSpaceManager.write(space, at: stackPointer, bytes: bytes)
            // 4.
            context.stackPointer = stackPointer
            try load(identifier, context)
        }
    }
}

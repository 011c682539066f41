// machine/ia32/context_switch.swift -- a new thread's first run, and the
// switch from the running context to another (assignment 04-task).
//
// context.swift says what a thread's block holds; context.S has the
// instructions Swift cannot write (saving registers, loading %esp and
// %cr3, iret into another ring). These two functions prepare the block
// of a new thread and do the bookkeeping of a switch around
// `ia32_context_switch`. Chapter 5 of the book draws both stacks.

internal import IA32

extension Context {
    // excerpt: context-prepare
    /// Prepares the first run of a new thread: its start block, and a
    /// kernel stack that the first switch to it "returns" from into
    /// `ia32_thread_start`.
    ///
    /// Steps: 1. a block, holding `thread` (`runningThread`); 2. the start block (entry, stack, flags with
    /// interrupts on, the ring's selectors); 3. the switch frame: four
    /// zero registers and the flags context.S pops, the return address,
    /// the start block's address.
    static func prepare(
        thread: UInt64, ring: UInt8, entry: UInt32, stackTop: UInt32
    ) throws(KernelError) -> ThreadControl {
        // end excerpt
        // BEGIN ASSIGNMENT 04-task
        // 1.
        let control = ThreadControl.allocate()
        control.word(ThreadControl.threadWord).pointee = UInt32(truncatingIfNeeded: thread)
        control.word(ThreadControl.threadWord + 1).pointee = UInt32(truncatingIfNeeded: thread >> 32)
        // 2.
        control.start(0).pointee = entry
        control.start(1).pointee = stackTop
        control.start(2).pointee = firstRunFlags
        control.start(3).pointee = UInt32(Gdt.code(ring: ring))
        control.start(4).pointee = UInt32(Gdt.data(ring: ring))
        // 3.
        let frame: [UInt32] = [0, 0, 0, 0, switchFlags, ia32_thread_start_address(), control.startBlock]
        var top = control.kernelStackTop
        for value in frame.reversed() {
            top -= 4
            UnsafeMutablePointer<UInt32>(bitPattern: UInt(top))!.pointee = value
        }
        control.word(ThreadControl.savedStackWord).pointee = top
        return control
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 04-task
    }

    // excerpt: context-switch-to
    /// Leaves the running context for `next`, which resumes where it was
    /// switched out (or at its first instruction); returns when something
    /// switches back.
    ///
    /// Steps: 1. nothing to do if it runs already; 2. the running context
    /// keeps whether it was preemptible and its CR3; 3. the TSS gets the
    /// new kernel stack; `next` becomes the running one (one more in `switches`); 4. switch, loading
    /// its CR3 if it differs.
    static func switchTo(_ next: ThreadControl) throws(KernelError) {
        // end excerpt
        // BEGIN ASSIGNMENT 04-task
        // 1.
        let previous = running
        if next == previous {
            return
        }
        // 2.
        previous.preemptible = Clock.preemptible
        previous.word(ThreadControl.directoryWord).pointee = KernelSpace.loadedDirectory()
        // 3.
        Tss.setKernelStack(next.kernelStackTop)
        running = next
        next.started = true
        Clock.preemptible = next.preemptible
        switches &+= 1
        // 4.
        let directory = next.word(ThreadControl.directoryWord).pointee
        let load = directory != 0 && directory != KernelSpace.loadedDirectory() ? directory : 0
        ia32_context_switch(previous.word(ThreadControl.savedStackWord), next.word(ThreadControl.savedStackWord).pointee,
                            load)
        // ELSE
        // throw KernelError.notImplemented
        // END ASSIGNMENT 04-task
    }
}

// machine/ia32/context_hooks.swift -- the thread, scheduler, event and
// kernel hooks of ia32: what the core's execution managers ask of the
// processor (context.swift and clock.swift do the work).

internal import IA32

extension Machine {
    // MARK: the kernel

    /// The core is up: its clock counts milliseconds, so the timer ticks
    /// once a millisecond from now on; the boot context gets its block
    /// now, so that the first thread's heap use is the thread's alone.
    @export(interface)
    public static func kernelInitialized() throws(KernelError) {
        Pit.initialize(hertz: Pit.kernelRate)
        _ = Context.bootContext()
    }

    // MARK: threads

    // excerpt: thread-reserved
    /// A new thread: a block with its kernel stack and its first run,
    /// which starts at `entry` on the stack's top, in the ring of its
    /// task's class, with interrupts on.
    ///
    /// Steps: 1. refuse an entry or a stack the processor cannot reach
    /// (above 4 GiB); 2. build the block; keep its address in the record.
    @export(interface)
    public static func threadReserved(
        _ identifier: Identifier, task: Identifier, taskClass: TaskClass, priority: UInt8,
        entry: UInt64, stackBase: UInt64, stackSize: UInt64, record: inout ThreadRecord
    ) throws(KernelError) {
        // 1.
        let top = stackBase + stackSize
        guard entry <= UInt64(UInt32.max), top <= UInt64(UInt32.max), taskClass.isValid else {
            throw KernelError.machineRefused
        }
        // 2.
        _ = Context.bootContext()
        let control = try Context.prepare(thread: identifier, ring: taskClass.ring, entry: UInt32(entry),
                                      stackTop: UInt32(top))
        record.control = control.base
    }
    // end excerpt

    /// A thread goes: its block goes back to the heap. The running
    /// thread cannot go (it is on that stack): `busy`.
    @export(interface)
    public static func threadReleasing(_ identifier: Identifier, record: inout ThreadRecord) throws(KernelError) {
        guard record.control != 0 else {
            return
        }
        let control = ThreadControl(base: record.control)
        if control == Context.running {
            throw KernelError.busy
        }
        control.free()
        record.control = 0
    }

    /// Sets where a thread that never ran starts (entry and stack
    /// pointer). Once it ran, its registers are its own: `busy`.
    @export(interface)
    public static func threadContextLoad(_ identifier: Identifier, context: ThreadContext, record: inout ThreadRecord) throws(KernelError) {
        let control = try control(of: record)
        if control.started {
            throw KernelError.busy
        }
        guard context.programCounter <= UInt64(UInt32.max), context.stackPointer <= UInt64(UInt32.max) else {
            throw KernelError.outOfRange
        }
        control.start(0).pointee = UInt32(context.programCounter)
        control.start(1).pointee = UInt32(context.stackPointer)
    }

    /// Where a thread will resume: its start for one that never ran;
    /// for one of ring 1-3 that was switched out, the program counter and
    /// stack pointer the interrupt saved at the top of its kernel stack;
    /// for one of ring 0, the return address and stack of its last switch.
    @export(interface)
    public static func threadContextStore(_ identifier: Identifier, context: inout ThreadContext, record: inout ThreadRecord) throws(KernelError) {
        let control = try control(of: record)
        if !control.started || control == Context.running {
            context = ThreadContext(programCounter: UInt64(control.start(0).pointee),
                                    stackPointer: UInt64(control.start(1).pointee))
            return
        }
        if control.start(3).pointee & 3 != 0 {
            // The CPU pushed eip, cs, eflags, esp, ss at the top.
            let frame = UnsafeMutablePointer<UInt32>(bitPattern: UInt(control.kernelStackTop - 20))!
            context = ThreadContext(programCounter: UInt64(frame[0]), stackPointer: UInt64(frame[3]))
        } else {
            // The switch frame: edi, esi, ebx, ebp, eflags, return address.
            let saved = control.word(ThreadControl.savedStackWord).pointee
            let frame = UnsafeMutablePointer<UInt32>(bitPattern: UInt(saved))!
            context = ThreadContext(programCounter: UInt64(frame[5]), stackPointer: UInt64(saved))
        }
    }

    /// The block of `record`, or `machineRefused` if the thread has none.
    static func control(of record: ThreadRecord) throws(KernelError) -> ThreadControl {
        guard record.control != 0 else {
            throw KernelError.machineRefused
        }
        return ThreadControl(base: record.control)
    }

    // MARK: the scheduler

    // excerpt: scheduler-elected
    /// Resumes the elected thread: its kernel stack in the TSS, its
    /// space's directory in CR3 (the first time: later, the one it had),
    /// its registers from its stack. Returns when `previous` is elected
    /// again.
    ///
    /// Steps: 1. its block; 2. a first run takes its space's directory
    /// (none while paging is off); 3. its task's I/O ports in the TSS
    /// (io_ports.swift), then switch.
    @export(interface)
    public static func schedulerElected(
        _ thread: Identifier, task: Identifier, space: Identifier, taskClass: TaskClass, quantum: UInt32,
        previous: Identifier, record: ThreadRecord
    ) throws(KernelError) {
        // 1.
        let control = try control(of: record)
        _ = Context.bootContext()
        // 2.
        if !control.started {
            let directory = KernelSpace.pagingIsOn ? (try? KernelSpace.find(space))?.directory ?? 0 : 0
            control.word(ThreadControl.directoryWord).pointee = directory
        }
        // 3.
        IoPorts.load(task)
        try Context.switchTo(control)
    }
    // end excerpt

    // excerpt: scheduler-idle
    /// Nothing can run: back to the boot context, the idle one, which
    /// halts (`Clock.idle`) until a tick brings a thread back.
    @export(interface)
    public static func schedulerIdle(previous: Identifier) throws(KernelError) {
        _ = Context.bootContext()
        try Context.switchToIdle()
    }
    // end excerpt

    // MARK: events

    /// An event was reserved: an interrupt line's handler now raises it
    /// to the core, and the line is unmasked while it is enabled (the
    /// clock's line keeps its handler: it already goes up as the clock).
    @export(interface)
    public static func eventReserved(_ number: UInt8, enabled: Bool) throws(KernelError) {
        guard let line = line(of: number) else {
            return
        }
        if line != Pit.irq {
            Interrupts.register(irq: line, handler: Clock.line)
        }
        try eventEnabled(number, enabled: enabled)
    }

    /// An event goes: its line is masked again (the clock's stays on).
    @export(interface)
    public static func eventReleasing(_ number: UInt8) throws(KernelError) {
        guard let line = line(of: number), line != Pit.irq else {
            return
        }
        Interrupts.unregister(irq: line)
        Pic.mask(line)
        Clock.eventLines &= ~(UInt16(1) << UInt16(line))
    }

    /// Unmasks or masks the event's line (exceptions have no mask).
    @export(interface)
    public static func eventEnabled(_ number: UInt8, enabled: Bool) throws(KernelError) {
        guard let line = line(of: number), line != Pit.irq else {
            return
        }
        if enabled {
            Clock.eventLines |= UInt16(1) << UInt16(line)
            Pic.unmask(line)
        } else {
            Clock.eventLines &= ~(UInt16(1) << UInt16(line))
            Pic.mask(line)
        }
    }

    /// The interrupt line of event `number`, nil for an exception.
    static func line(of number: UInt8) -> UInt8? {
        guard number >= EventNumbers.exceptions, number < EventNumbers.count else {
            return nil
        }
        return number - EventNumbers.exceptions
    }
}

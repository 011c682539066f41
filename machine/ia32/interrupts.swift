// machine/ia32/interrupts.swift -- where every interrupt lands in Swift.
//
// interrupts.S saves the registers of whatever was running and calls
// interrupt_dispatch with a pointer to them. From there:
//
// * vectors 0-31 are CPU exceptions. Raised by a thread of the core
//   (any ring), one goes up to the core, which reports the thread and
//   kills it: the kernel goes on. Raised by the kernel's own code (the
//   boot context), it is a bug -- a Swift trap, a division by zero, a
//   bad pointer -- and goes to the panic report, which never returns;
//   except a page fault that a test's probe expected (page_fault.swift),
//   which is recorded and resumed from;
// * vectors 32-47 are the 16 PIC lines: the dispatcher weeds out spurious
//   interrupts, acknowledges the PIC, counts the interrupt and calls the
//   handler registered for the line, if any; then the stub returns to the
//   interrupted code with `iret`;
// * vector 48 is a system call (system_call_gate.swift);
// * any other vector has no stub and cannot arrive here.
//
// Why interrupts are OFF almost all the time. Not because of reference
// counts: swift_retain is one `lock incl` and swift_release one
// `lock xadd`, a single instruction an interrupt cannot split. Because of
// everything that takes several steps: the heap (heap.swift) is not
// reentrant -- a handler that allocated, or released an object's last
// reference, in the middle of posix_memalign or free would find its
// lists half updated -- and neither are the managers' shared structures
// (sets being rebalanced, identifier counters, the statistics table),
// which the kernel changes without locks because nothing interrupts it.
// So the kernel enables interrupts only at points where nothing is
// half-done -- an idle loop, a test that waits for the timer -- and
// handlers only count and record: they allocate nothing and call no
// manager.

internal import IA32

/// A function called when an IRQ arrives, with the IRQ number (0-15).
/// A C function pointer, not a closure: it captures nothing, so calling
/// it from an interrupt allocates nothing and retains nothing.
package typealias InterruptHandler = @convention(c) (_ irq: UInt8) -> Void

/// The interrupt dispatcher, the IRQ handler table and the interrupt flag.
package enum Interrupts {
    /// Number of PIC lines.
    package static let irqCount = 16

    /// Handler of each line, nil when none is registered.
    nonisolated(unsafe) static var handlers: InlineArray<16, InterruptHandler?> = .init(repeating: nil)
    /// Interrupts taken on each line (spurious ones excluded).
    nonisolated(unsafe) static var counts: InlineArray<16, UInt64> = .init(repeating: 0)
    /// Spurious interrupts seen on lines 7 and 15.
    nonisolated(unsafe) package private(set) static var spurious: UInt64 = 0

    /// Makes `handler` the function called for `irq` (replacing any other).
    package static func register(irq: UInt8, handler: InterruptHandler) {
        handlers[Int(irq)] = handler
    }

    /// Removes the handler of `irq`; the line is still acknowledged and counted.
    package static func unregister(irq: UInt8) {
        handlers[Int(irq)] = nil
    }

    /// How many interrupts line `irq` has delivered since boot.
    package static func count(irq: UInt8) -> UInt64 {
        counts[Int(irq)]
    }

    /// Sets the CPU's interrupt flag: unmasked lines may now interrupt.
    package static func enable() {
        ia32_sti()
    }

    /// Clears the interrupt flag: nothing interrupts until `enable`.
    package static func disable() {
        ia32_cli()
    }

    /// True when the interrupt flag (bit 9 of EFLAGS) is set.
    package static func areEnabled() -> Bool {
        ia32_eflags() & (1 << 9) != 0
    }

    /// Sleeps until the next interrupt, takes it, and returns with
    /// interrupts off again: `sti; hlt` leaves no gap for the interrupt to
    /// arrive before the CPU halts.
    package static func waitForInterrupt() {
        ia32_sti_hlt()
        ia32_cli()
    }

    // excerpt: handle-irq
    /// Handles one PIC line.
    ///
    /// Steps:
    /// 1. a spurious interrupt is only counted (the PIC was handled by isSpurious);
    /// 2. acknowledge the PIC first, so the line can fire again later;
    /// 3. count it and call its handler, if any.
    static func handleIRQ(_ irq: UInt8) {
        // 1.
        if Pic.isSpurious(irq) {
            spurious &+= 1
            return
        }
        // 2.
        Pic.acknowledge(irq)
        // 3.
        counts[Int(irq)] &+= 1
        if let handler = handlers[Int(irq)] {
            handler(irq)
        }
    }
    // end excerpt
}

// excerpt: interrupt-dispatch
/// The one Swift function every interrupt stub calls (see interrupts.S),
/// with interrupts off and `frame` pointing at the saved registers.
///
/// Steps: 1. a page fault a probe expected is recovered from; 2. an
/// exception of a running thread goes to the core, which kills the
/// thread (and does not come back); any other is a kernel bug: panic;
/// 3. a system call goes to the core; 4. an interrupt line is handled;
/// after either, the clock and the lines go up to the core if what was
/// interrupted allows it (clock.swift).
@_cdecl("interrupt_dispatch")
func interruptDispatch(_ frame: UnsafeMutablePointer<ia32_frame>) {
    // 1.
    let vector = frame.pointee.vector
    if vector == PageFault.vector && PageFault.recover(frame) {
        return
    }
    // 2.
    if vector < Pic.vectorBase {
        if Context.threadRuns {
            let address = vector == PageFault.vector ? UInt64(ia32_cr2()) : UInt64(frame.pointee.eip)
            if Machine.upcalls.threadFaulted(UInt8(vector), address) {
                return
            }
        }
        Panic.exception(frame)
    }
    // 3.
    if vector == SystemCallGate.vector {
        SystemCallGate.handle(frame)
        Clock.deliver(interruptedRing: frame.pointee.cs & 3)
        return
    }
    // 4.
    let irq = vector - Pic.vectorBase
    if irq < UInt32(Interrupts.irqCount) {
        Interrupts.handleIRQ(UInt8(irq))
        Clock.deliver(interruptedRing: frame.pointee.cs & 3)
    } else {
        Panic.exception(frame)
    }
}
// end excerpt

// machine/ia32/clock.swift -- when the timer's ticks and the interrupt
// lines reach the core.
//
// The core's clock (timers, the scheduler's quanta and preemption) runs
// on the PIT's interrupt: every tick is one millisecond for the core
// (`MachineUpcalls.clockTicked`), and the other interrupt lines the core
// took as events go up as `eventRaised`. Both call into the core, which
// allocates and changes its managers' structures -- and nothing in the
// kernel is reentrant (interrupts.swift says why). So an interrupt may
// call the core only when what it interrupted was at a point where
// nothing is half-done:
//
// * a thread of ring 1, 2 or 3: it cannot be inside the kernel;
// * a context that said so (`preemptible`): the idle loop below, or a
//   ring-0 thread in a loop that touches no kernel structure
//   (`Clock.preemptibly`).
//
// Otherwise the tick or the line is kept pending and goes up at the next
// such point, so no millisecond is lost, only delayed. Each context keeps
// its own `preemptible` (context.swift saves it at every switch).

internal import IA32

/// The clock's delivery to the core.
package enum Clock {
    /// Milliseconds the core has not been told of yet.
    nonisolated(unsafe) package private(set) static var pendingMilliseconds: UInt64 = 0
    /// Interrupt lines (bit n: line n) raised and not yet told to the core.
    nonisolated(unsafe) static var pendingLines: UInt16 = 0
    /// Lines whose event the core reserved and enabled (bit n: line n).
    nonisolated(unsafe) package internal(set) static var eventLines: UInt16 = 0
    /// True while the running context may be interrupted by the core.
    nonisolated(unsafe) package internal(set) static var preemptible = false
    /// Milliseconds told to the core since boot.
    nonisolated(unsafe) package private(set) static var delivered: UInt64 = 0
    /// Times the idle loop halted the processor.
    nonisolated(unsafe) package private(set) static var halts: UInt64 = 0
    /// The time-stamp counter when the last tick's handler ran (the
    /// benchmark measures from there to the thread the tick elects).
    nonisolated(unsafe) package private(set) static var lastTickCycles: UInt64 = 0

    /// The PIT's handler (IRQ 0): one more millisecond to tell.
    static let tick: InterruptHandler = { _ in
        Clock.lastTickCycles = ia32_rdtsc()
        Clock.pendingMilliseconds &+= 1
    }

    /// The handler of a line the core reserved: tell it at the next safe point.
    static let line: InterruptHandler = { irq in
        Clock.pendingLines |= UInt16(1) << UInt16(irq)
    }

    // excerpt: clock-deliver
    /// Called by the dispatcher after every interrupt line: if what was
    /// interrupted may be (see the top of this file), tells the core of
    /// the pending milliseconds, then of the pending lines. The core may
    /// switch to another thread inside; this returns when the interrupted
    /// one is resumed.
    ///
    /// Steps: 1. only from an outer ring or a preemptible context, once
    /// the core registered; 2. the milliseconds; 3. the lines.
    static func deliver(interruptedRing ring: UInt32) {
        // 1.
        guard ring != 0 || preemptible else {
            return
        }
        // 2.
        if pendingMilliseconds > 0 {
            let milliseconds = pendingMilliseconds
            pendingMilliseconds = 0
            delivered &+= milliseconds
            Machine.upcalls.clockTicked(milliseconds)
        }
        // 3.
        while pendingLines != 0 {
            let line = UInt8(pendingLines.trailingZeroBitCount)
            pendingLines &= ~(UInt16(1) << UInt16(line))
            Machine.upcalls.eventRaised(EventNumbers.interrupt(line))
        }
    }
    // end excerpt

    // excerpt: clock-safe-points
    /// The idle loop's one step: halt until an interrupt, letting the
    /// core have it (a tick may wake a thread, which then runs before
    /// this returns), and return with interrupts off.
    package static func idle() {
        halts &+= 1
        preemptible = true
        ia32_sti_hlt()
        ia32_cli()
        preemptible = false
    }

    /// Runs `body` with the clock allowed to preempt it: for a ring-0
    /// thread's loop that allocates nothing and calls no manager (a
    /// busy loop, a counter). Interrupts are turned on for it.
    package static func preemptibly(_ body: () -> Void) {
        let wasOn = Interrupts.areEnabled()
        preemptible = true
        ia32_sti()
        body()
        ia32_cli()
        preemptible = false
        if wasOn {
            ia32_sti()
        }
    }
    // end excerpt
}

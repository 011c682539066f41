// assignments/00-spine/tests/interrupt_tests.swift -- descriptor tables,
// the PIC and the timer.

import IA32
import Kernel
import Machine

/// The GDT and IDT the CPU uses are ours, the segment registers hold our
/// selectors, and the PIC carries the mask we set.
func test_descriptor_tables() throws(TestFailure) {
    check("gdt") { () throws(TestFailure) in
        let gdtr = ia32_sgdt()
        try expectEqual(gdtr.base, Gdt.baseAddress(), "GDT base")
        try expectEqual(gdtr.limit, UInt16(Gdt.count * 8 - 1), "GDT limit")
        try expectEqual(Gdt.get(1), 0x00CF_9A00_0000_FFFF, "kernel code descriptor")
        try expectEqual(Gdt.get(4), 0x00CF_F200_0000_FFFF, "user data descriptor")
    }
    check("segments") { () throws(TestFailure) in
        try expectEqual(ia32_cs(), Gdt.kernelCode, "%cs")
        try expectEqual(ia32_ds(), Gdt.kernelData, "%ds")
        try expectEqual(ia32_ss(), Gdt.kernelData, "%ss")
    }
    check("idt") { () throws(TestFailure) in
        let idtr = ia32_sidt()
        try expectEqual(idtr.base, Idt.baseAddress(), "IDT base")
        try expectEqual(idtr.limit, UInt16(Idt.count * 8 - 1), "IDT limit")
        let gate = Idt.get(14)
        let handler = UInt32(gate & 0xFFFF) | UInt32(gate >> 48) << 16
        try expectEqual(handler, ia32_interrupt_stub(14), "gate 14 handler")
        try expectEqual(UInt16(truncatingIfNeeded: gate >> 16), Gdt.kernelCode, "gate 14 selector")
        let system = Idt.get(48)
        try expectEqual(UInt8(truncatingIfNeeded: system >> 40), 0xEE, "gate 48 (the system call) open to ring 3")
        try expectEqual(UInt8(truncatingIfNeeded: Idt.get(13) >> 40), 0x8E, "gate 13 closed to ring 3")
        try expectEqual(Idt.get(49), 0, "gate 49 (no stub)")
    }
    check("pic_mask") { () throws(TestFailure) in
        let mask = UInt16(inb(0xA1)) << 8 | UInt16(inb(0x21))
        try expectEqual(mask, Pic.mask, "PIC mask")
        try expect(!Pic.isMasked(Pit.irq), "the timer line is masked")
    }
    check("interrupts_off") { () throws(TestFailure) in
        try expect(!Interrupts.areEnabled(), "the kernel runs with interrupts on")
    }
}

/// Calls of `countTimerCalls`, the handler the timer test registers.
nonisolated(unsafe) var timerTestCalls = 0

/// The timer interrupt arrives when interrupts are on, is counted, and
/// reaches a registered handler; interrupts are off again afterwards.
func test_interrupts_timer() throws(TestFailure) {
    let startTicks = Pit.ticks
    let startCount = Interrupts.count(irq: Pit.irq)
    print("timer: \(Pit.rate) Hz, waiting for 5 ticks")
    // 1. wait for five ticks with hlt
    while Pit.ticks < startTicks + 5 {
        Interrupts.waitForInterrupt()
    }
    check("ticks") { () throws(TestFailure) in
        try expect(Pit.ticks >= startTicks + 5, "ticks did not advance")
        try expect(Interrupts.count(irq: Pit.irq) >= startCount + 5, "the IRQ 0 counter did not move")
    }
    // 2. a handler of our own for three interrupts, then the timer's back
    Interrupts.register(irq: Pit.irq) { _ in timerTestCalls += 1 }
    while timerTestCalls < 3 {
        Interrupts.waitForInterrupt()
    }
    Interrupts.register(irq: Pit.irq, handler: Pit.tick)
    check("handler") { () throws(TestFailure) in
        try expect(timerTestCalls >= 3, "the registered handler was not called")
    }
    // 3. another rate, checked on the chip itself: at 1000 Hz channel 0
    // must count down from 1193 (1193182 / 1000), then back at 100 Hz
    // from 11931; three ticks arrive at the new rate in between
    check("rate") { () throws(TestFailure) in
        Pit.initialize(hertz: 1000)
        try expectTimerCounts(from: 1193, "at 1000 Hz")
        let before = Pit.ticks
        while Pit.ticks < before + 3 {
            Interrupts.waitForInterrupt()
        }
        Pit.initialize()
        try expectTimerCounts(from: 11931, "back at 100 Hz")
    }
    check("disabled_after") { () throws(TestFailure) in
        try expect(!Interrupts.areEnabled(), "interrupts are still enabled")
    }
    print("timer: \(Pit.ticks - startTicks) ticks, IRQ 0 count \(Interrupts.count(irq: Pit.irq) - startCount), spurious \(Interrupts.spurious)")
}

/// Reads channel 0's counter over at least three of its periods, and on
/// until one read falls in the top quarter of its range (thirty periods
/// at most, four million reads if it never reloads), and checks what the
/// chip really does: it was programmed as we asked (mode 2, low then high
/// byte), it counts down from `divisor` and no higher, reaches the top
/// quarter of that range, and reloads (the count goes up) more than once.
/// (Reading on until the top quarter is seen keeps a busy host, whose
/// reads come seldom and may all miss it in three periods, from failing a
/// chip that counts right.)
///
/// Steps: 1. the status byte; 2. sample the counter; 3. judge the samples.
func expectTimerCounts(from divisor: UInt32, _ label: String) throws(TestFailure) {
    // 1.
    let status = Pit.status()
    try expectEqual(status & 0x3F, 0x34, "PIT status (mode, access) \(label)")
    // 2.
    var highest: UInt32 = 0
    var lowest: UInt32 = .max
    var reloads = 0
    var previous = Pit.currentCount()
    var samples = 0
    let topQuarter = divisor - divisor / 4
    while (reloads < 3 || (highest < topQuarter && reloads < 30)) && samples < 4_000_000 {
        samples += 1
        let count = Pit.currentCount()
        highest = max(highest, count)
        lowest = min(lowest, count)
        if count > previous {
            reloads += 1
        }
        previous = count
    }
    print("timer: \(label), counter seen from \(lowest) to \(highest), \(reloads) reloads in \(samples) reads")
    // 3.
    try expect(highest <= divisor, "the counter reached \(highest), above the divisor \(divisor) \(label)")
    try expect(highest >= topQuarter, "the counter never went above \(highest) (divisor \(divisor)) \(label)")
    try expect(reloads >= 3, "the counter reloaded only \(reloads) times in \(samples) reads \(label)")
}

/// The line the irq_dispatch test's handler saw last.
nonisolated(unsafe) var dispatchTestLine: UInt8 = 0xFF

/// The dispatcher, driven by software interrupts on the PIC vectors:
/// a line with a handler is counted and reaches it; IRQ 7 with nothing in
/// service at the PIC is recognised as spurious.
func test_irq_dispatch() throws(TestFailure) {
    check("handler") { () throws(TestFailure) in
        let before = Interrupts.count(irq: 3)
        Interrupts.register(irq: 3) { irq in dispatchTestLine = irq }
        ia32_raise_irq(3)
        Interrupts.unregister(irq: 3)
        try expectEqual(dispatchTestLine, 3, "line seen by the handler")
        try expectEqual(Interrupts.count(irq: 3), before + 1, "IRQ 3 count")
    }
    check("spurious") { () throws(TestFailure) in
        let before = Interrupts.spurious
        dispatchTestLine = 0xFF
        Interrupts.register(irq: 7) { irq in dispatchTestLine = irq }
        ia32_raise_irq(7)
        Interrupts.unregister(irq: 7)
        try expectEqual(Interrupts.spurious, before + 1, "spurious count")
        try expectEqual(Interrupts.count(irq: 7), 0, "IRQ 7 count")
        try expectEqual(dispatchTestLine, 0xFF, "line seen by a handler")
    }
}

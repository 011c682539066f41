// machine/ia32/pit.swift -- the 8253/8254 programmable interval timer.
//
// The PIT counts down from a divisor at 1.193182 MHz (a third of the
// NTSC colour-burst frequency, for historical reasons). Channel 0 is wired
// to IRQ 0: in "rate generator" mode it raises the line each time the
// count reaches zero, then reloads, so the interrupt rate is
// 1193182 / divisor per second. The divisor is 16 bits, so the slowest
// rate is about 18.2 Hz (divisor 65536, written as 0).
//
// The kernel runs with interrupts off, so ticks only arrive in the windows
// where something enables them (the idle loop, a test).

internal import IA32

/// Channel 0 of the PIT and the tick counter it drives.
package enum Pit {
    /// The PIT's input clock, in Hz.
    package static let inputFrequency: UInt32 = 1_193_182
    /// The rate the kernel programs at boot, in Hz.
    package static let defaultRate: UInt32 = 100
    /// The IRQ line channel 0 is wired to.
    package static let irq: UInt8 = 0

    static let channel0Data: UInt16 = 0x40
    static let modeCommand: UInt16 = 0x43
    // Mode command: channel 0 (bits 6-7 = 0), write low then high byte of
    // the divisor (bits 4-5 = 3), mode 2 "rate generator" (bits 1-3 = 2),
    // binary counting (bit 0 = 0).
    static let channel0RateGenerator: UInt8 = 0x34

    /// Timer interrupts taken since boot.
    nonisolated(unsafe) package private(set) static var ticks: UInt64 = 0
    /// The programmed rate, in Hz (rounded as the divisor allows).
    nonisolated(unsafe) package private(set) static var rate: UInt32 = 0

    // excerpt: pit-initialize
    /// Programs channel 0 to interrupt `hertz` times a second, takes over
    /// IRQ 0 to count the ticks and unmasks the line at the PIC.
    ///
    /// Steps:
    /// 1. the divisor, clamped to what 16 bits can hold;
    /// 2. the mode command, then the divisor, low byte first;
    /// 3. register the tick handler and unmask IRQ 0.
    package static func initialize(hertz: UInt32 = defaultRate) {
        // 1.
        let wanted = inputFrequency / max(hertz, 1)
        let divisor = min(max(wanted, 1), 65536)
        rate = inputFrequency / divisor
        // 2.
        outb(modeCommand, channel0RateGenerator)
        outb(channel0Data, UInt8(truncatingIfNeeded: divisor))
        outb(channel0Data, UInt8(truncatingIfNeeded: divisor >> 8))
        // 3.
        Interrupts.register(irq: irq, handler: tick)
        Pic.unmask(irq)
    }
    // end excerpt

    // Counter-latch command: channel 0, access bits 00 ("latch"): the
    // chip copies the running count, so its two bytes read back belong
    // to the same moment.
    static let channel0Latch: UInt8 = 0x00
    // Read-back command (8254 only): bits 7-6 = 11, bit 5 = 1 (do not
    // latch the count), bit 4 = 0 (latch the status), bit 1 = channel 0.
    static let channel0ReadStatus: UInt8 = 0xE2

    /// Channel 0's counter now, read from the chip. In mode 2 it counts
    /// down from the divisor to 1, then reloads the divisor: every value
    /// lies in 1...divisor (a count of 0 stands for 65536).
    ///
    /// Steps: 1. latch the count; 2. read it, low byte first.
    package static func currentCount() -> UInt32 {
        // 1.
        outb(modeCommand, channel0Latch)
        // 2.
        let low = UInt32(inb(channel0Data))
        let high = UInt32(inb(channel0Data))
        let count = high << 8 | low
        return count == 0 ? 65536 : count
    }

    /// Channel 0's status byte, from the read-back command: bits 5-0
    /// repeat the mode command last written (0x34 for ours), bit 6 says a
    /// divisor was written but not loaded yet, bit 7 is the output pin.
    package static func status() -> UInt8 {
        outb(modeCommand, channel0ReadStatus)
        return inb(channel0Data)
    }

    /// The rate the kernel's clock runs at once the core is up: one
    /// tick a millisecond (`Machine.kernelInitialized`).
    package static let kernelRate: UInt32 = 1000

    /// Milliseconds one tick stands for at the programmed rate (0 above
    /// 1000 Hz).
    static var millisecondsPerTick: UInt64 {
        UInt64(1000 / max(rate, 1))
    }

    /// The IRQ 0 handler: one more tick, and its milliseconds for the
    /// core's clock (clock.swift tells the core when it may).
    package static let tick: InterruptHandler = { irq in
        Pit.ticks &+= 1
        for _ in 0..<Pit.millisecondsPerTick {
            Clock.tick(irq)
        }
    }
}

// machine/ia32/pic.swift -- the two 8259A programmable interrupt controllers.
//
// Devices do not interrupt the CPU directly: each raises one of 16
// interrupt request lines (IRQ 0-15) on a pair of 8259A chips. The master
// takes IRQ 0-7 and the slave IRQ 8-15; the slave's output is wired to
// the master's line 2 (the "cascade"). Some lines on a PC:
//
//     IRQ 0  timer (PIT)       IRQ 4  COM1             IRQ 8   real-time clock
//     IRQ 1  keyboard          IRQ 7  parallel/spurious IRQ 15 IDE/spurious
//
// Out of reset the master sends IRQ 0-7 as vectors 8-15, the very vectors
// the CPU uses for its own exceptions (8 is the double fault). The first
// job is to *remap* them to 32-47. After that the PIC is used in three ways:
// masking a line (it will not interrupt), acknowledging an interrupt (the
// end-of-interrupt command, EOI, without which the line stays blocked),
// and telling real interrupts from spurious ones.

internal import IA32

/// The master/slave 8259A pair.
package enum Pic {
    // I/O ports: a command port and a data port per chip.
    static let masterCommand: UInt16 = 0x20
    static let masterData: UInt16 = 0x21
    static let slaveCommand: UInt16 = 0xA0
    static let slaveData: UInt16 = 0xA1

    /// The vector IRQ 0 is delivered on; IRQ n arrives on `vectorBase + n`.
    package static let vectorBase: UInt32 = 32
    /// The master line the slave is wired to.
    static let cascadeLine: UInt8 = 2

    // Commands.
    static let initialize4: UInt8 = 0x11     // ICW1: start initialisation, ICW4 follows
    static let mode8086: UInt8 = 0x01        // ICW4: 8086 mode, normal EOI
    static let endOfInterrupt: UInt8 = 0x20  // OCW2: non-specific EOI
    static let readInService: UInt8 = 0x0B   // OCW3: next read of the command port gives the ISR

    /// The current mask of the 16 lines (bit n set: IRQ n masked).
    nonisolated(unsafe) package static var mask: UInt16 = 0xFFFF

    // excerpt: pic-initialize
    /// Remaps the lines to vectors 32-47 and masks all but the cascade.
    ///
    /// Steps:
    /// 1. ICW1 to both chips: start the initialisation sequence;
    /// 2. ICW2: the vector of each chip's line 0 (32 and 40);
    /// 3. ICW3: the master learns the slave is on line 2, the slave its identity;
    /// 4. ICW4: 8086 mode;
    /// 5. mask every line except the cascade (drivers unmask theirs).
    static func initialize() {
        command(initialize4, initialize4)                            // 1.
        data(UInt8(vectorBase), UInt8(vectorBase + 8))               // 2.
        data(1 << cascadeLine, cascadeLine)                          // 3.
        data(mode8086, mode8086)                                     // 4.
        mask = 0xFFFF & ~(UInt16(1) << UInt16(cascadeLine))          // 5.
        writeMask()
    }
    // end excerpt

    /// Lets IRQ `irq` through.
    package static func unmask(_ irq: UInt8) {
        mask &= ~(UInt16(1) << UInt16(irq))
        writeMask()
    }

    /// Blocks IRQ `irq` at the PIC.
    package static func mask(_ irq: UInt8) {
        mask |= UInt16(1) << UInt16(irq)
        writeMask()
    }

    /// True when IRQ `irq` is masked.
    package static func isMasked(_ irq: UInt8) -> Bool {
        mask & (UInt16(1) << UInt16(irq)) != 0
    }

    /// Sends the end-of-interrupt command for `irq`. A slave line needs an
    /// EOI on both chips, since it went through the master's line 2.
    package static func acknowledge(_ irq: UInt8) {
        if irq >= 8 {
            outb(slaveCommand, endOfInterrupt)
        }
        outb(masterCommand, endOfInterrupt)
    }

    // excerpt: pic-spurious
    /// Tells whether an interrupt on `irq` was spurious, and if so
    /// acknowledges what must be. A chip that sees a line drop before the
    /// CPU answers still interrupts, on its lowest-priority line (7), but
    /// does not mark the line "in service" (ISR bit clear). Such an
    /// interrupt must not get an EOI -- except that a spurious IRQ 15 came
    /// through the master's real cascade line, which does need one.
    static func isSpurious(_ irq: UInt8) -> Bool {
        if irq == 7 {
            return inService() & (1 << 7) == 0
        }
        if irq == 15 {
            if inService() & (1 << 15) == 0 {
                outb(masterCommand, endOfInterrupt)
                return true
            }
        }
        return false
    }
    // end excerpt

    /// The in-service registers of both chips (bit n: IRQ n is being handled).
    static func inService() -> UInt16 {
        outb(masterCommand, readInService)
        outb(slaveCommand, readInService)
        return UInt16(inb(slaveCommand)) << 8 | UInt16(inb(masterCommand))
    }

    /// Writes the mask to both chips' data ports.
    static func writeMask() {
        outb(masterData, UInt8(truncatingIfNeeded: mask))
        outb(slaveData, UInt8(truncatingIfNeeded: mask >> 8))
    }

    /// One command byte to each chip, with the short delay old chips need.
    static func command(_ master: UInt8, _ slave: UInt8) {
        outb(masterCommand, master)
        ia32_io_wait()
        outb(slaveCommand, slave)
        ia32_io_wait()
    }

    /// One data byte to each chip, with the same delay.
    static func data(_ master: UInt8, _ slave: UInt8) {
        outb(masterData, master)
        ia32_io_wait()
        outb(slaveData, slave)
        ia32_io_wait()
    }
}

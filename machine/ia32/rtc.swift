// machine/ia32/rtc.swift -- the real-time clock (the MC146818 of the
// PC's CMOS), read for one thing only: a little of what a boot cannot
// predict, for the kernel's secrets (`Machine.entropy`).
//
// The chip keeps the date and time in registers reached through two
// ports: write a register's number to 0x70 (bit 7 set keeps the NMI
// masked while we look), then read its value from 0x71. Register 0x00
// holds the seconds, 0x02 the minutes, 0x04 the hours (in BCD or binary,
// as register 0x0B says; either way they differ from boot to boot,
// which is all we need).

internal import IA32

/// The CMOS real-time clock.
enum RealTimeClock {
    /// Register select port (bit 7: NMI masked).
    static let selectPort: UInt16 = 0x70
    /// Data port.
    static let dataPort: UInt16 = 0x71

    /// The value of CMOS register `register`.
    static func read(_ register: UInt8) -> UInt8 {
        outb(selectPort, 0x80 | register)
        return inb(dataPort)
    }

    /// Seconds, minutes and hours as one word (raw register values: the
    /// encoding does not matter to a source of entropy).
    static func seconds() -> UInt32 {
        UInt32(read(0x00)) | UInt32(read(0x02)) << 8 | UInt32(read(0x04)) << 16
    }
}

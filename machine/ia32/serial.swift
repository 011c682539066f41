// machine/ia32/serial.swift -- the COM1 serial port, the kernel's console.
//
// A PC serial port is a 16550 UART reached through eight I/O ports from a
// base address (0x3F8 for COM1). The grader reads everything the kernel
// writes here and can type into it. Under qemu the "wire" is a pipe, so
// the baud rate does not matter, but we program it as real hardware wants.

internal import IA32

/// The COM1 UART.
package enum Serial {
    /// COM1's first I/O port.
    static let base: UInt16 = 0x3F8

    // Register offsets from `base`.
    static let data: UInt16 = 0          // read: received byte; write: byte to send
    static let interruptEnable: UInt16 = 1
    static let lineControl: UInt16 = 3
    static let modemControl: UInt16 = 4
    static let lineStatus: UInt16 = 5

    // Line status bits.
    static let dataReady: UInt8 = 0x01            // a received byte is waiting
    static let transmitterEmpty: UInt8 = 0x20     // we may write the next byte

    /// Programs COM1 for 115200 baud, 8 data bits, no parity, 1 stop bit.
    ///
    /// Steps:
    /// 1. mask the UART's interrupts (we poll);
    /// 2. set the divisor latch (DLAB) and write divisor 1 = 115200 baud;
    /// 3. 8N1 framing, which also clears DLAB;
    /// 4. raise DTR and RTS. The FIFOs are left off: turning them on
    ///    empties the receiver, and the grader may have typed a line
    ///    before the kernel got here (qemu holds it back byte by byte
    ///    until the receiver has room, so nothing is lost while they are off).
    static func initialize() {
        outb(base + interruptEnable, 0x00)   // 1.
        outb(base + lineControl, 0x80)       // 2.
        outb(base + data, 0x01)
        outb(base + interruptEnable, 0x00)
        outb(base + lineControl, 0x03)       // 3.
        outb(base + modemControl, 0x03)      // 4.
    }

    /// Sends one byte, waiting until the transmitter can take it.
    static func write(_ byte: UInt8) {
        while inb(base + lineStatus) & transmitterEmpty == 0 {}
        outb(base + data, byte)
    }

    /// Sends every byte of `text`.
    static func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes { write(byte) }
        }
    }

    /// Sends the bytes of a String (no allocation: reads its UTF-8 in place).
    package static func write(_ text: String) {
        for byte in text.utf8 { write(byte) }
    }

    /// Sends `value` as "0x" and exactly eight hexadecimal digits. The
    /// panic report uses this and the function below instead of String
    /// interpolation, which allocates: after a crash the heap may be the
    /// very thing that is broken.
    static func writeHex(_ value: UInt32) {
        write(StaticString("0x"))
        var shift: UInt32 = 28
        while true {
            let digit = UInt8((value >> shift) & 0xF)
            write(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
            if shift == 0 { break }
            shift -= 4
        }
    }

    /// Sends `value` in decimal, without leading zeros.
    static func writeDecimal(_ value: UInt32) {
        if value >= 10 { writeDecimal(value / 10) }
        write(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// True when a received byte is waiting.
    static func hasInput() -> Bool {
        inb(base + lineStatus) & dataReady != 0
    }

    /// Waits for and returns the next received byte.
    static func read() -> UInt8 {
        while !hasInput() {}
        return inb(base + data)
    }

    /// Reads one line typed on the serial port (without its end of line).
    /// Carriage returns are dropped, so "\r\n" and "\n" both end a line.
    package static func readLine() -> String {
        var line: [UInt8] = []
        while true {
            let byte = read()
            if byte == UInt8(ascii: "\n") { break }
            if byte != UInt8(ascii: "\r") { line.append(byte) }
        }
        return String(decoding: line, as: UTF8.self)
    }
}

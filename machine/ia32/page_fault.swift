// machine/ia32/page_fault.swift -- page faults: expected ones, and the
// panic report of the others.
//
// When a translation fails (no entry, or an entry that forbids the
// access) the CPU raises exception 14, #PF, before the instruction does
// anything. It leaves two clues:
//
//   * CR2: the virtual address the instruction tried to use;
//   * the error code it pushes:
//
//         bit 0  P    1: the page was present, the access broke its
//                     protection; 0: the page was not mapped
//         bit 1  W/R  1: a write; 0: a read
//         bit 2  U/S  1: from ring 3; 0: from the kernel
//         bit 3  RSVD 1: a reserved bit was set in an entry (a corrupt table)
//         bit 4  I/D  1: an instruction fetch (only with NX, i.e. PAE)
//
// An unexpected page fault is a kernel bug: the panic report
// (panic.swift) adds a `PANIC fault` line with the address and access.
// An *expected* one is a probe (probe.S): a test arms the probe, the
// probe's single instruction faults, and the handler below records the
// fault and resumes after that instruction. The test sees the fault; the
// run goes on.

internal import IA32

/// Page-fault decoding and the probes.
package enum PageFault {
    /// Vector of the page fault.
    static let vector: UInt32 = 14
    // Error code bits.
    static let presentBit: UInt32 = 1 << 0
    static let writeBit: UInt32 = 1 << 1
    static let userBit: UInt32 = 1 << 2
    static let fetchBit: UInt32 = 1 << 4

    /// True while a probe is in progress: only then may a fault at a
    /// probe instruction be recovered from.
    nonisolated(unsafe) static var armed = false
    /// The fault the last probe caught, nil if it did not fault.
    nonisolated(unsafe) static var caught: MemoryFault? = nil

    /// The fault described by `error` at `address`.
    static func describe(address: UInt32, error: UInt32) -> MemoryFault {
        let access: MemoryFault.Access =
            error & fetchBit != 0 ? .execute : (error & writeBit != 0 ? .write : .read)
        return MemoryFault(address: UInt64(address), access: access,
                           pagePresent: error & presentBit != 0, user: error & userBit != 0)
    }

    // excerpt: probe-recover
    /// Recovers from the page fault in `frame` if it is a probe's: true
    /// when it did (the stub then returns to the resume address).
    ///
    /// Steps: 1. only with a probe armed; 2. only at one of the probe
    /// instructions (the exception table of probe.S); 3. record the
    /// fault (CR2 and the error code) and resume past the access.
    static func recover(_ frame: UnsafeMutablePointer<ia32_frame>) -> Bool {
        // 1.
        guard armed else { return false }
        // 2.
        for pair in UInt32(0)..<2 where ia32_probe_entry(2 * pair) == frame.pointee.eip {
            // 3.
            caught = describe(address: ia32_cr2(), error: frame.pointee.error)
            armed = false
            frame.pointee.eip = ia32_probe_entry(2 * pair + 1)
            return true
        }
        return false
    }
    // end excerpt

    /// Makes one access at `address` (a byte read, or a write of `value`)
    /// that may fault: the fault, or nil if the access went through
    /// (then `value` was written, or the byte read is in `read`).
    static func probe(_ address: UInt32, write: Bool, value: UInt8) -> (fault: MemoryFault?, read: UInt8) {
        caught = nil
        armed = true
        var byte: UInt8 = 0
        if write {
            ia32_probe_write(address, UInt32(value))
        } else {
            byte = UInt8(truncatingIfNeeded: ia32_probe_read(address))
        }
        armed = false
        return (caught, byte)
    }

    /// The `PANIC fault` line of a page fault's report:
    /// `PANIC fault address=0x40001000 access=write page=present mode=supervisor`.
    static func reportLine(error: UInt32) {
        let fault = describe(address: ia32_cr2(), error: error)
        Panic.field("PANIC fault address=", ia32_cr2())
        Serial.write(StaticString(" access="))
        switch fault.access {
        case .read: Serial.write(StaticString("read"))
        case .write: Serial.write(StaticString("write"))
        case .execute: Serial.write(StaticString("execute"))
        }
        Serial.write(fault.pagePresent ? StaticString(" page=present") : StaticString(" page=not-present"))
        Serial.write(fault.user ? StaticString(" mode=user") : StaticString(" mode=supervisor"))
        Serial.write(UInt8(ascii: "\n"))
    }
}

extension Machine {
    /// Reads the byte at virtual `address` in the loaded space, catching
    /// a page fault: the byte, or the fault.
    package static func probeRead(_ address: UInt64) -> (fault: MemoryFault?, value: UInt8) {
        precondition(address <= UInt64(UInt32.max), "ia32 addresses have 32 bits")
        let result = PageFault.probe(UInt32(address), write: false, value: 0)
        return (result.fault, result.read)
    }

    /// Writes `value` at virtual `address` in the loaded space, catching
    /// a page fault: the fault, or nil when the byte was written.
    package static func probeWrite(_ address: UInt64, _ value: UInt8) -> MemoryFault? {
        precondition(address <= UInt64(UInt32.max), "ia32 addresses have 32 bits")
        return PageFault.probe(UInt32(address), write: true, value: value).fault
    }
}

// machine/ia32/ring_probe.swift -- what the execution tests read of the
// processor: the code of ring_probe.S, and the registers of the thread
// that asks.

internal import IA32

/// The registers that tell where and how a thread runs.
package struct RingRegisters: Equatable {
    /// The code selector; its low two bits are the ring (CPL).
    package let codeSelector: UInt32
    /// The stack selector.
    package let stackSelector: UInt32
    /// The data selector.
    package let dataSelector: UInt32
    /// The stack pointer.
    package let stackPointer: UInt32
    /// EFLAGS (bit 9: interrupts on).
    package let flags: UInt32

    /// The registers of the caller, now.
    package static func now() -> RingRegisters {
        RingRegisters(codeSelector: UInt32(ia32_cs()), stackSelector: UInt32(ia32_ss()),
                      dataSelector: UInt32(ia32_ds()), stackPointer: ia32_esp(), flags: ia32_eflags())
    }
}

/// The code of ring_probe.S, as bytes to copy into a task's space.
package enum RingProbe {
    /// Words of the mailbox `ia32_ring_probe` fills (see ring_probe.S).
    package static let mailboxWords = 8
    /// The value of word 5 once the probe wrote the others.
    package static let written: UInt32 = 0x600D_F00D

    /// The bytes of `ia32_ring_probe`: reports its registers in the
    /// mailbox its argument names, then executes an invalid instruction.
    package static func reportingCode() -> [UInt8] {
        bytes(from: ia32_ring_probe_start(), to: ia32_ring_probe_stop())
    }

    /// The bytes of `ia32_fault_probe`: reads address 0.
    package static func faultingCode() -> [UInt8] {
        bytes(from: ia32_fault_probe_start(), to: ia32_fault_probe_stop())
    }

    /// The bytes of `ia32_spin_probe`: counts in word 0 of its mailbox
    /// forever.
    package static func spinningCode() -> [UInt8] {
        bytes(from: ia32_spin_probe_start(), to: ia32_spin_probe_stop())
    }

    /// The kernel's bytes in [start, end).
    static func bytes(from start: UInt32, to end: UInt32) -> [UInt8] {
        var code: [UInt8] = []
        for address in start..<end {
            code.append(UnsafePointer<UInt8>(bitPattern: UInt(address))!.pointee)
        }
        return code
    }
}

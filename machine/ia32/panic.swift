// machine/ia32/panic.swift -- the report printed when the kernel dies.
//
// Any CPU exception ends here: a Swift trap (overflow, a failed
// precondition, an out-of-bounds index) is compiled to the `ud2`
// instruction, which raises #UD; a division by zero raises #DE; a wild
// pointer raises #GP or #PF. The report goes to the serial port in a fixed
// format the grader parses (docs/contributing.md), for example:
//
//     PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00101234 nonce=5f1c
//     PANIC fault address=0x40001000 access=write page=present mode=supervisor   (#PF only)
//     PANIC regs eax=0x... ebx=0x... ... cs=0x00000008 cr2=0x00000000
//     PANIC frame 0x00101234
//     PANIC frame 0x00101876
//     PANIC end
//
// (a fault during the report itself adds one "PANIC nested" line instead
// of a second report), then qemu exits with the panic status. The frames are return addresses,
// innermost first: `llvm-symbolizer --obj=IMAGE 0x00101234` or
// `addr2line -f -e IMAGE 0x...` turns them into function names.
//
// The report is written with Serial.writeHex and friends only: no String,
// no allocation, since the heap may be what broke.

internal import IA32

/// The panic report.
package enum Panic {
    /// How many reports have started: a fault while reporting must not
    /// start another full report (which could fault again, forever).
    nonisolated(unsafe) package static var depth = 0
    /// At most this many frames are printed.
    static let maxFrames = 32

    /// Prints the report for the exception saved in `frame` and stops qemu.
    ///
    /// Steps:
    /// 1. a panic during the report prints one line and exits (a third, silently);
    /// 2. the header: kind, vector, name, error code, eip, nonce; for a
    ///    page fault, the faulting address and access (page_fault.swift);
    /// 3. the registers as they were when the exception struck;
    /// 4. the backtrace, eip first;
    /// 5. the end line, and exit with the panic status.
    static func exception(_ frame: UnsafeMutablePointer<ia32_frame>) -> Never {
        let f = frame.pointee
        // 1.
        depth += 1
        if depth > 2 {
            Machine.exit(.panic)
        }
        if depth == 2 {
            line("PANIC nested vector=")
            Serial.writeDecimal(f.vector)
            field(" eip=", f.eip)
            Serial.write(StaticString(" nonce="))
            Serial.write(Machine.panicNonceText)
            Serial.write(UInt8(ascii: "\n"))
            Machine.exit(.panic)
        }
        // 2.
        line(isTrap(at: f.eip) ? "PANIC kind=trap vector=" : "PANIC kind=exception vector=")
        Serial.writeDecimal(f.vector)
        Serial.write(StaticString(" name="))
        Serial.write(name(of: f.vector))
        field(" error=", f.error)
        field(" eip=", f.eip)
        Serial.write(StaticString(" nonce="))
        Serial.write(Machine.panicNonceText)
        Serial.write(UInt8(ascii: "\n"))
        if f.vector == PageFault.vector {
            PageFault.reportLine(error: f.error)
        }
        // 3.
        line("PANIC regs")
        field(" eax=", f.eax); field(" ebx=", f.ebx); field(" ecx=", f.ecx); field(" edx=", f.edx)
        field(" esi=", f.esi); field(" edi=", f.edi); field(" ebp=", f.ebp)
        field(" esp=", stackPointer(frame)); field(" eflags=", f.eflags); field(" cs=", f.cs)
        field(" cr2=", ia32_cr2())
        Serial.write(UInt8(ascii: "\n"))
        // 4.
        backtrace(eip: f.eip, ebp: f.ebp)
        // 5.
        line("PANIC end\n")
        Machine.exit(.panic)
    }

    // excerpt: panic-fail
    /// A panic the kernel decides on (a corrupted heap, no memory): prints
    /// "panic: <message>" and executes `ud2`, so the report that follows
    /// shows where it happened like any Swift trap.
    static func fail(_ message: StaticString) -> Never {
        line("panic: ")
        Serial.write(message)
        stop()
    }

    /// Same, followed by a value in hexadecimal.
    static func fail(_ message: StaticString, _ value: UInt32) -> Never {
        line("panic: ")
        Serial.write(message)
        Serial.write(UInt8(ascii: " "))
        Serial.writeHex(value)
        stop()
    }

    /// Same, with two labelled values.
    static func fail(_ message: StaticString, _ value: UInt32, _ label: StaticString, _ other: UInt32) -> Never {
        line("panic: ")
        Serial.write(message)
        Serial.write(UInt8(ascii: " "))
        Serial.writeHex(value)
        Serial.write(label)
        Serial.writeHex(other)
        stop()
    }

    /// Ends a `fail` line and traps into the report.
    static func stop() -> Never {
        Serial.write(UInt8(ascii: "\n"))
        ia32_ud2()
        Machine.exit(.panic)   // not reached: ud2 never returns here
    }
    // end excerpt

    /// Prints "PANIC frame" lines: eip, then the return address of every
    /// caller found by following the chain of saved frame pointers.
    ///
    /// Each Swift function starts with `push %ebp; mov %esp, %ebp`, so
    /// [ebp] holds the caller's ebp and [ebp + 4] the return address into
    /// the caller. boot/multiboot.S starts the chain with ebp = 0. The walk
    /// stops at 0, at a misaligned or out-of-stack ebp, at a return address
    /// outside the code, when the chain does not climb the stack (a loop),
    /// or after `maxFrames` frames.
    // excerpt: backtrace
    static func backtrace(eip: UInt32, ebp start: UInt32) {
        frameLine(eip)
        var ebp = start
        var printed = 1
        while printed < maxFrames && ebp != 0 && ebp % 4 == 0 && onStack(ebp) {
            let words = UnsafePointer<UInt32>(bitPattern: UInt(ebp))!
            let returnAddress = words[1]
            guard inCode(returnAddress) else { break }
            frameLine(returnAddress)
            printed += 1
            guard words[0] > ebp else { break }
            ebp = words[0]
        }
    }
    // end excerpt

    /// True when the instruction at `eip` is `ud2` (bytes 0F 0B): the
    /// fault is a Swift trap, not an accident.
    static func isTrap(at eip: UInt32) -> Bool {
        guard inCode(eip), inCode(eip &+ 1) else { return false }
        let bytes = UnsafePointer<UInt8>(bitPattern: UInt(eip))!
        return bytes[0] == 0x0F && bytes[1] == 0x0B
    }

    /// %esp when the exception struck. From ring 0 the CPU pushed nothing
    /// beyond eflags, so it was just above the saved eflags (word 17 of
    /// the frame); from ring 3 the CPU saved it in the frame.
    static func stackPointer(_ frame: UnsafeMutablePointer<ia32_frame>) -> UInt32 {
        if frame.pointee.cs & 3 != 0 {
            return frame.pointee.user_esp
        }
        return UInt32(UInt(bitPattern: frame)) + 17 * 4
    }

    /// True for an address in the kernel's code.
    static func inCode(_ address: UInt32) -> Bool {
        address >= ia32_text_start() && address < ia32_text_end()
    }

    /// True when a frame (two words at `address`) lies where kernel stacks
    /// live: the boot stack, or the heap (where later assignments
    /// allocate the stacks of kernel threads).
    static func onStack(_ address: UInt32) -> Bool {
        let end = address &+ 8
        if address >= ia32_boot_stack_bottom() && end <= ia32_boot_stack_top() { return true }
        return address >= Heap.start && end <= Heap.end
    }

    /// The stable name of `vector` used in reports.
    static func name(of vector: UInt32) -> StaticString {
        switch vector {
        case 0: return "divide-error"
        case 1: return "debug"
        case 2: return "nmi"
        case 3: return "breakpoint"
        case 4: return "overflow"
        case 5: return "bound-range"
        case 6: return "invalid-opcode"
        case 7: return "device-not-available"
        case 8: return "double-fault"
        case 9: return "coprocessor-segment-overrun"
        case 10: return "invalid-tss"
        case 11: return "segment-not-present"
        case 12: return "stack-fault"
        case 13: return "general-protection"
        case 14: return "page-fault"
        case 16: return "x87-floating-point"
        case 17: return "alignment-check"
        case 18: return "machine-check"
        case 19: return "simd-floating-point"
        case 20: return "virtualization"
        case 21: return "control-protection"
        case 28: return "hypervisor-injection"
        case 29: return "vmm-communication"
        case 30: return "security"
        case 15, 22...27, 31: return "reserved"
        default: return "unexpected-interrupt"
        }
    }

    // Small printing helpers.
    static func line(_ text: StaticString) { Serial.write(text) }

    static func field(_ label: StaticString, _ value: UInt32) {
        Serial.write(label)
        Serial.writeHex(value)
    }

    static func frameLine(_ address: UInt32) {
        field("PANIC frame ", address)
        Serial.write(UInt8(ascii: "\n"))
    }
}

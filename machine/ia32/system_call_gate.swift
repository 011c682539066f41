// machine/ia32/system_call_gate.swift -- the system call: `int $48`.
//
// A program in ring 3 cannot call the kernel's functions: its code
// segment may not jump into ring 0. It can only trap, and only through
// a gate whose privilege level lets it: gate 48 of the IDT (idt.swift)
// is the one such gate. The trap goes through the same stub as every
// interrupt (interrupts.S), which saves the program's registers on the
// thread's kernel stack (tss.swift says how the CPU finds that stack):
//
//     eax  the call's number          eax  <- the status (0: success)
//     ebx, ecx, edx, esi, edi         ebx, ecx, edx
//          its five arguments              <- the three values
//
// This file reads those saved words, hands them to the core
// (`MachineUpcalls.systemCalled`), and writes its answer back over the
// saved eax, ebx, ecx and edx, which the stub's `popal` then loads: the
// program sees its `int $48` return with the answer in its registers.
//
// The core may block the caller inside (a receive with nothing queued):
// the switch leaves this kernel stack, frame and all, as it is, and the
// call finishes here when the thread is resumed.

internal import IA32

/// The gate of the system call.
enum SystemCallGate {
    /// The vector programs raise: the first after the PIC's lines.
    static let vector: UInt32 = 48

    // excerpt: system-call-gate
    /// Handles one `int $48` whose saved registers are at `frame`.
    ///
    /// Steps: 1. read the number and the arguments; 2. the core does the
    /// call; 3. write the status and values back into the frame.
    static func handle(_ frame: UnsafeMutablePointer<ia32_frame>) {
        // 1.
        let saved = frame.pointee
        var call = SystemCall(number: saved.eax, arguments: [saved.ebx, saved.ecx, saved.edx, saved.esi, saved.edi])
        // 2.
        Machine.upcalls.systemCalled(&call)
        // 3.
        frame.pointee.eax = call.status
        frame.pointee.ebx = call.values[0]
        frame.pointee.ecx = call.values[1]
        frame.pointee.edx = call.values[2]
    }
    // end excerpt
}

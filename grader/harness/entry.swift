// grader/harness/entry.swift -- kernel_main, the first Swift code the kernel runs.
//
// boot/multiboot.S gives us a stack and calls kernel_main with the two
// values the loader left in %eax and %ebx. It lives in the harness, the
// top module of the image, because it is the one place that may call
// both the machine and the core (docs/book/01-spine.md draws the three
// modules). The ia32 image only: the host build has no entry point.

import Kernel
import Machine

// excerpt: kernel-main
/// The kernel's Swift entry point.
///
/// Steps:
/// 1. the machine: serial port, descriptor tables, interrupts, timer,
///    boot information, heap, banner (machine/ia32/boot.swift);
/// 2. the command line, parsed here, not in the machine or the core: the
///    nonce goes to the panic report, and nowhere else outside the harness;
/// 3. the kernel core: every manager, in order (reference/kernel/kernel.swift).
///    A failure is reported but does not stop the boot: in a student
///    skeleton the managers are not written yet, and the tests must still
///    run to say so;
/// 4. the test harness, which runs the requested test and stops qemu.
@_cdecl("kernel_main")
func kernelMain(_ magic: UInt32, _ info: UInt32) -> Never {
    Machine.start(magic: magic, info: info)       // 1.
    let request = HarnessRequest(commandLine: Machine.bootCommandLine())  // 2.
    Machine.setPanicNonce(request.nonce)
    do throws(KernelError) {                      // 3.
        try Kernel.initialize()
    } catch {
        print("kernel: initialize failed: \(error.description)")
    }
    Harness.run(request, tests: kernelTests)      // 4.
}
// end excerpt

// grader/harness/host/main.swift -- the entry point of a host run.
//
// `make assignment-N HOST=1` (and `make qemu ... HOST=1`) build the same
// three modules as the ia32 image, with machine/host in place of
// machine/ia32, into an ordinary program (mk/host.mk). This file is its
// `main`: the host's counterpart of entry.swift's kernel_main. The
// program's arguments are the kernel command line, word for word:
//
//     build/host/01-set test=set_add_get nonce=0 seed=7
//
// Its output is the serial port's: the same KTEST lines, the same exit
// statuses as qemu (33 pass, 35 fail, 37 no such test, 65 panic, 97
// halt), so the grader reads a host run as it reads a qemu run. Only the
// host build compiles this folder (Package.swift leaves it out).

import Kernel
import Machine

/// The program's entry point.
@main
enum HostEntry {
    /// Steps:
    /// 1. the host machine: standard error onto standard output, no
    ///    buffering, a panic report for a crash (machine/host/run.swift);
    /// 2. the command line (the program's arguments); the nonce goes to
    ///    the panic report;
    /// 3. the kernel core, as entry.swift does: a failure is reported and
    ///    the tests still run;
    /// 4. the test harness, which runs the requested test and exits.
    static func main() {
        Machine.startHostRun()                                                  // 1.
        let request = HarnessRequest(commandLine: Machine.bootCommandLine())    // 2.
        Machine.setPanicNonce(request.nonce)
        do throws(KernelError) {                                                // 3.
            try Kernel.initialize()
        } catch {
            print("kernel: initialize failed: \(error.description)")
        }
        Harness.run(request, tests: kernelTests)                                // 4.
    }
}

// machine/ia32/entry.swift -- the first Swift code the kernel runs.
//
// boot/multiboot.S gives us a stack and calls kernel_main with the two
// values the loader left in %eax and %ebx.

/// The kernel's Swift entry point.
///
/// Steps:
/// 1. the serial console, so that everything after can report;
/// 2. the boot information (command line, memory map);
/// 3. the test harness, which runs the requested test and stops qemu.
@_cdecl("kernel_main")
public func kernelMain(_ magic: UInt32, _ info: UInt32) -> Never {
    Serial.initialize()                           // 1.
    Multiboot.parse(magic: magic, info: info)     // 2.
    Harness.run(commandLine: Machine.commandLine(), tests: kernelTests)  // 3.
}

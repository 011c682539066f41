// grader/Runner/QemuCommand.swift -- the qemu command line of one boot.

/// The arguments that boot a kernel image once.
public struct QemuCommand: Equatable, Sendable {
    /// The multiboot ELF image.
    public var image: String
    /// The kernel command line (`test=<name> nonce=<n>`).
    public var kernelCommandLine: String
    /// Where qemu writes its log (triple faults show up there).
    public var logPath: String
    /// Guest memory in MiB.
    public var memoryMiB = 32

    /// A command with these values.
    public init(image: String, kernelCommandLine: String, logPath: String) {
        self.image = image
        self.kernelCommandLine = kernelCommandLine
        self.logPath = logPath
    }

    /// The arguments, each with the reason it is there.
    public var arguments: [String] {
        [
            "-kernel", image,                      // qemu loads multiboot ELF images itself
            "-append", kernelCommandLine,          // becomes the multiboot command line
            "-display", "none",                    // no window
            "-serial", "stdio",                    // COM1 is our stdin/stdout
            "-no-reboot",                          // a reset (triple fault) ends qemu
            "-nodefaults",                         // no monitor, no default devices
            "-m", String(memoryMiB),
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",  // how the kernel exits
            "-d", "cpu_reset",                     // log resets, with "Triple fault" ...
            "-D", logPath,                         // ... in this file
        ]
    }
}

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
    /// Guest time counted in instructions, 2^shift ns per instruction
    /// (`icount` in a test script), or nil for the host's clock: see
    /// `instructionCountingArguments`.
    public var instructionCountShift: Int? = nil

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
        ] + (instructionCountShift.map(Self.instructionCountingArguments(shift:)) ?? [])
    }

    /// The shift a script's `icount: true` asks for: one instruction is
    /// one nanosecond of guest time (a 1 GHz processor).
    public static let scriptShift = 0

    /// qemu's instruction counting, for tests whose outcome depends on
    /// time (timers, the scheduler). Guest time then advances by 2^shift
    /// ns per instruction executed (2^0 for a script's `icount`), not
    /// with the host's clock, so the PIT's interrupts, the time-stamp
    /// counter and every interleaving fall at the same instruction in
    /// every run, on a fast host or a loaded one.
    /// `sleep=off`: while the guest halts waiting for an interrupt,
    /// guest time jumps to the next timer instead of waiting for it in
    /// real time (a halted kernel costs the host nothing).
    public static func instructionCountingArguments(shift: Int) -> [String] {
        ["-icount", "shift=\(shift),sleep=off"]
    }
}

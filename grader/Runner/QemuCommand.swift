// grader/Runner/QemuCommand.swift -- the qemu command line of one boot.

import Foundation

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
    /// Files qemu loads beside the kernel as multiboot modules, each
    /// named (the kernel's program manager finds programs by name).
    public var modules: [BootModuleFile] = []
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
          + (modules.isEmpty ? [] : ["-initrd", modules.map(\.loaderString).joined(separator: ",")])
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

/// A file given to qemu as a multiboot module, with the name the kernel
/// sees (the last word of the module's string).
public struct BootModuleFile: Equatable, Sendable {
    /// The file.
    public let path: String
    /// Its name: letters, digits, `_` and `-` only.
    public let name: String

    /// A module for `path` named `name`; nil when qemu could not be
    /// given it safely: qemu splits -initrd at commas and a module's
    /// string at its first space, so neither may hold one, and the name
    /// must be a plain word.
    public init?(path: String, name: String) {
        let plain = name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0)
            || ("A"..."Z").contains($0) || $0 == "_" || $0 == "-" }
        guard !name.isEmpty, plain, !path.isEmpty, !path.contains(","), !path.contains(" ") else {
            return nil
        }
        self.path = path
        self.name = name
    }

    /// What -initrd takes for it: the path, a space, the name.
    var loaderString: String { path + " " + name }

    /// The modules that go with `image`: every `.elf` file of the folder
    /// beside it named `<image without .elf>.programs` (mk/programs.mk),
    /// sorted by name; none when there is no such folder. Throws for a
    /// file that cannot be passed safely (see `init`).
    public static func beside(image: String) throws -> [BootModuleFile] {
        let folder = (image.hasSuffix(".elf") ? String(image.dropLast(4)) : image) + ".programs"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return []
        }
        return try names.filter { $0.hasSuffix(".elf") }.sorted().map { file in
            let path = folder + "/" + file
            guard let module = BootModuleFile(path: path, name: String(file.dropLast(4))) else {
                throw RunnerError.unsafeModule(path)
            }
            return module
        }
    }
}

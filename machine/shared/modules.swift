// machine/shared/modules.swift -- the files the boot loader put in memory
// beside the kernel.
//
// The kernel image carries no program. The loader (qemu's -initrd, or
// GRUB's `module` lines) puts each program's file in memory next to it
// and names it; the machine lists them and copies their bytes out, and
// the core's program manager (reference/program/) builds a task from one.
// A module is passive: bytes and a name, as the paper's "modules" are.

/// One file the boot loader loaded.
public struct LoadedModule: Equatable, Sendable {
    /// Its name: the last word of the string the loader gave with it
    /// (qemu -initrd "build/ping.elf ping" names it "ping").
    public let name: String
    /// Its size in bytes.
    public let size: UInt64

    /// A module named `name` of `size` bytes.
    public init(name: String, size: UInt64) {
        self.name = name
        self.size = size
    }

    /// The name in a loader's string: its last word, separated by spaces
    /// ("" for a string that has none).
    public static func name(in string: String) -> String {
        var words: [Substring] = string.split(separator: " ")
        guard let last = words.popLast() else {
            return ""
        }
        return String(last)
    }
}

// machine/ia32/multiboot.swift -- what the boot loader tells us.
//
// A multiboot v1 loader leaves a structure in memory and passes its
// address in %ebx. Its first word says which of the later fields are
// valid. See docs/book/01-spine.md for the layout.

/// The multiboot information structure, read once at boot.
enum Multiboot {
    /// The value a multiboot loader leaves in %eax.
    static let bootMagic: UInt32 = 0x2BAD_B002

    /// The kernel command line (`-append` under qemu).
    nonisolated(unsafe) static var commandLine = ""

    /// Reads the structure at physical address `info`.
    static func parse(magic: UInt32, info: UInt32) {
        guard magic == bootMagic, info != 0 else { return }
        let base = UnsafeRawPointer(bitPattern: UInt(info))!
        let flags = base.load(as: UInt32.self)
        if flags & (1 << 2) != 0 {
            let address = base.load(fromByteOffset: 16, as: UInt32.self)
            commandLine = cString(at: address)
        }
    }

    /// The NUL-terminated string at physical address `address`.
    static func cString(at address: UInt32) -> String {
        guard let start = UnsafePointer<UInt8>(bitPattern: UInt(address)) else { return "" }
        var length = 0
        while start[length] != 0 && length < 4096 { length += 1 }
        return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
    }
}

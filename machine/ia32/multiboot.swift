// machine/ia32/multiboot.swift -- what the boot loader tells us.
//
// A multiboot v1 loader (qemu's -kernel, GRUB) leaves an information
// structure in memory and its physical address in %ebx. Its first word,
// `flags`, says which of the later fields the loader filled in:
//
//     offset  field                         valid when flags bit
//       0     flags                         -
//       4     mem_lower, mem_upper (KiB)    0
//      16     cmdline (address of a C string)   2
//      20     mods_count, mods_addr         3
//      44     mmap_length, mmap_addr        6
//
// The memory map is a list of variable-size entries, each
//     size (4 bytes, not counting itself), base (8), length (8), type (4)
// where type 1 is RAM we may use; everything else (BIOS, ACPI, devices)
// is off limits. A module is 16 bytes: start, end (one past the last
// byte), the address of its string, and a reserved word.
//
// Everything here reads the loader's own structures in place: the heap
// does not exist yet when the kernel first needs the memory map (to find
// room for the heap), so nothing may allocate until `commandLine` is asked.

internal import IA32

/// One region of the physical address space, as the loader describes it.
package struct MemoryRegion {
    /// First byte.
    package let base: UInt64
    /// Size in bytes.
    package let length: UInt64
    /// 1: usable RAM; 2: reserved; 3: ACPI reclaimable; 4: ACPI NVS; 5: bad.
    package let type: UInt32

    /// One past the last byte.
    package var end: UInt64 { base + length }
    /// True for RAM the kernel may use.
    package var isUsable: Bool { type == 1 }
}

/// A module the loader put in memory (a file given with qemu's -initrd).
package struct BootModule {
    /// Physical address of the first byte.
    package let start: UInt32
    /// Physical address one past the last byte.
    package let end: UInt32
    /// Address of its NUL-terminated string (usually the file name).
    package let stringAddress: UInt32

    /// The module's string (allocates: call after the heap is up).
    package var string: String { Multiboot.cString(at: stringAddress) }
}

/// The multiboot information structure, checked once at boot.
package enum Multiboot {
    /// The value a multiboot loader leaves in %eax.
    static let bootMagic: UInt32 = 0x2BAD_B002
    /// The largest memory map or module list we believe (sanity bound).
    static let sanityLimit: UInt32 = 64 * 1024

    // Flag bits.
    static let memorySizesFlag: UInt32 = 1 << 0
    static let commandLineFlag: UInt32 = 1 << 2
    static let modulesFlag: UInt32 = 1 << 3
    static let memoryMapFlag: UInt32 = 1 << 6

    /// Address of the information structure, 0 when we have none.
    nonisolated(unsafe) package private(set) static var info: UInt32 = 0
    /// Its flags word (0 when there is no structure).
    nonisolated(unsafe) package private(set) static var flags: UInt32 = 0

    /// Checks what the loader passed and remembers the structure.
    ///
    /// Steps:
    /// 1. refuse a wrong magic number or a null address (no loader info at all);
    /// 2. keep the flags, dropping those whose fields fail a sanity check;
    /// 3. say on the console what is absent.
    static func parse(magic: UInt32, info address: UInt32) {
        // 1.
        guard magic == bootMagic, address != 0 else {
            Serial.write(StaticString("multiboot: not started by a multiboot loader (magic "))
            Serial.writeHex(magic)
            Serial.write(StaticString("): no memory map, no command line\n"))
            return
        }
        info = address
        flags = word(0)
        // 2.
        if has(memoryMapFlag) && !memoryMapIsSane() { flags &= ~memoryMapFlag }
        if has(modulesFlag) && word(20) > sanityLimit / 16 { flags &= ~modulesFlag }
        // 3.
        if !has(memoryMapFlag) {
            Serial.write(StaticString("multiboot: no usable memory map (flags bit 6)\n"))
        }
        if !has(commandLineFlag) {
            Serial.write(StaticString("multiboot: no command line (flags bit 2)\n"))
        }
    }

    /// True when the loader filled in the fields of `flag`.
    static func has(_ flag: UInt32) -> Bool {
        flags & flag != 0
    }

    /// True when the loader gave a memory map.
    package static var hasMemoryMap: Bool { has(memoryMapFlag) }
    /// True when the loader gave a command line.
    package static var hasCommandLine: Bool { has(commandLineFlag) }
    /// True when the loader gave a module list (possibly empty).
    package static var hasModules: Bool { has(modulesFlag) }

    /// The memory map, in the loader's order (empty when absent).
    package static var memoryMap: MemoryMap {
        has(memoryMapFlag) ? MemoryMap(start: word(48), length: word(44)) : MemoryMap(start: 0, length: 0)
    }

    /// The loaded modules (empty when absent).
    package static var modules: ModuleList {
        has(modulesFlag) ? ModuleList(start: word(24), count: word(20)) : ModuleList(start: 0, count: 0)
    }

    /// KiB of memory below 1 MiB and above it, from the mem_lower and
    /// mem_upper fields (nil when absent). The map is more precise.
    package static var memorySizes: (lower: UInt32, upper: UInt32)? {
        has(memorySizesFlag) ? (word(4), word(8)) : nil
    }

    /// Bytes of usable RAM according to the map (0 without a map).
    package static func usableBytes() -> UInt64 {
        var total: UInt64 = 0
        for region in memoryMap where region.isUsable {
            total += region.length
        }
        return total
    }

    /// The kernel command line (`-append` under qemu), "" when absent.
    package static var commandLine: String {
        has(commandLineFlag) ? cString(at: word(16)) : ""
    }

    /// The command line, read once and then wiped from the loader's
    /// memory: it carries the run's nonce, which nothing but the harness
    /// should find, even by scanning memory.
    package static func takeCommandLine() -> String {
        let line = commandLine
        if has(commandLineFlag), let start = UnsafeMutablePointer<UInt8>(bitPattern: UInt(word(16))) {
            start.update(repeating: 0, count: Int(cStringLength(at: word(16))))
        }
        return line
    }

    /// The byte ranges the loader's data occupies in memory: the structure,
    /// the command line, the map, the module list, the modules and their
    /// strings. The heap must not be placed over any of them.
    package static func forEachLoaderRange(_ body: (_ start: UInt32, _ end: UInt32) -> Void) {
        guard info != 0 else { return }
        body(info, info + 88)
        if has(commandLineFlag) { body(word(16), word(16) + cStringLength(at: word(16)) + 1) }
        if has(memoryMapFlag) { body(word(48), word(48) + word(44)) }
        for module in modules {
            body(module.start, module.end)
            body(module.stringAddress, module.stringAddress + cStringLength(at: module.stringAddress) + 1)
        }
        if modules.count > 0 { body(modules.start, modules.start + modules.count * 16) }
    }

    /// Word at byte `offset` of the information structure.
    static func word(_ offset: Int) -> UInt32 {
        UnsafeRawPointer(bitPattern: UInt(info))!.load(fromByteOffset: offset, as: UInt32.self)
    }

    /// The map must have a plausible length and entries of at least 20 bytes.
    static func memoryMapIsSane() -> Bool {
        let length = word(44)
        guard word(48) != 0, length >= 24, length <= sanityLimit else { return false }
        var offset: UInt32 = 0
        while offset < length {
            let size = UnsafeRawPointer(bitPattern: UInt(word(48) + offset))!.load(as: UInt32.self)
            guard size >= 20, size <= 64 else { return false }
            offset += size + 4
        }
        return offset == length
    }

    /// Length of the NUL-terminated string at `address` (at most 4 KiB).
    static func cStringLength(at address: UInt32) -> UInt32 {
        guard let start = UnsafePointer<UInt8>(bitPattern: UInt(address)) else { return 0 }
        var length: UInt32 = 0
        while start[Int(length)] != 0 && length < 4096 { length += 1 }
        return length
    }

    /// The NUL-terminated string at physical address `address`.
    static func cString(at address: UInt32) -> String {
        guard let start = UnsafePointer<UInt8>(bitPattern: UInt(address)) else { return "" }
        let count = Int(cStringLength(at: address))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}

/// The loader's memory map, walked in place: `for region in Multiboot.memoryMap`.
package struct MemoryMap: Sequence {
    /// Address of the first entry.
    let start: UInt32
    /// Bytes of entries.
    let length: UInt32

    /// Walks the entries one by one.
    package struct Iterator: IteratorProtocol {
        var address: UInt32
        let end: UInt32

        /// The next region, or nil after the last.
        package mutating func next() -> MemoryRegion? {
            guard address < end else { return nil }
            let entry = UnsafeRawPointer(bitPattern: UInt(address))!
            let size = entry.load(as: UInt32.self)
            // The 64-bit fields sit at offset 4: not 8-byte aligned.
            let region = MemoryRegion(base: entry.loadUnaligned(fromByteOffset: 4, as: UInt64.self),
                                      length: entry.loadUnaligned(fromByteOffset: 12, as: UInt64.self),
                                      type: entry.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
            address += size + 4
            return region
        }
    }

    /// An iterator from the first entry.
    package func makeIterator() -> Iterator {
        Iterator(address: start, end: start + length)
    }
}

/// The loader's module list, read in place: `for module in Multiboot.modules`.
package struct ModuleList: Sequence {
    /// Address of the first 16-byte entry.
    let start: UInt32
    /// Number of modules.
    package let count: UInt32

    /// Walks the entries one by one.
    package struct Iterator: IteratorProtocol {
        var address: UInt32
        let end: UInt32

        /// The next module, or nil after the last.
        package mutating func next() -> BootModule? {
            guard address < end else { return nil }
            let entry = UnsafeRawPointer(bitPattern: UInt(address))!
            address += 16
            return BootModule(start: entry.load(as: UInt32.self),
                              end: entry.load(fromByteOffset: 4, as: UInt32.self),
                              stringAddress: entry.load(fromByteOffset: 8, as: UInt32.self))
        }
    }

    /// An iterator from the first entry.
    package func makeIterator() -> Iterator {
        Iterator(address: start, end: start + count * 16)
    }
}

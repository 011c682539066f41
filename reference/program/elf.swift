// reference/program/elf.swift -- reading a program file: the ELF header
// and its loadable segments.
//
// A program is an ELF executable (the format every Unix linker writes).
// The loader needs three things from it: that it is an executable for
// this processor, where to start (the entry point), and its *program
// headers*, each saying "copy these bytes of the file to this virtual
// address, in this much memory, with these permissions":
//
//     file:  | ELF header | program headers | .text ...   | .data ... |
//                               |  LOAD offset 0x1000 -> 0x40000000 r-x
//                               |  LOAD offset 0x2000 -> 0x40001000 rw-  (memory > file: .bss)
//
// Only what the loader uses is read, and every number is checked against
// the file's size before it is believed: a header that points past the
// end is `invalidArgument`, not a read out of bounds.

import Machine

/// One loadable segment of a program (a LOAD program header).
public struct ProgramSegment: Equatable, Sendable {
    /// Where its bytes start in the file.
    public let fileOffset: UInt64
    /// How many bytes come from the file.
    public let fileSize: UInt64
    /// The virtual address of its first byte.
    public let address: UInt64
    /// Its size in memory (the bytes past `fileSize` are zeros: .bss).
    public let memorySize: UInt64
    /// What the program may do with it.
    public let permissions: SegmentPermissions
}

/// What the loader needs of an ELF executable.
public struct ProgramHeader: Equatable, Sendable {
    /// The address of its first instruction.
    public let entry: UInt64
    /// Its loadable segments, in the file's order.
    public let segments: [ProgramSegment]

    /// Sizes and magic numbers of the 32-bit ELF format.
    enum Layout {
        static let headerSize: UInt64 = 52
        static let programHeaderSize: UInt64 = 32
        static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]
        static let executable: UInt16 = 2
        static let load: UInt32 = 1
        static let mostHeaders: UInt64 = 16
    }

    // excerpt: program-header-parse
    /// Reads the header of a file of `size` bytes through `read`
    /// (offset, count): `invalidArgument` unless it is a 32-bit
    /// little-endian executable for this processor whose headers lie
    /// inside the file.
    ///
    /// Steps: 1. the identification and the type; 2. the program header
    /// table, inside the file; 3. each LOAD header, its bytes inside the
    /// file and no more in the file than in memory.
    public static func parse(
        size: UInt64, read: (UInt64, UInt64) throws(KernelError) -> [UInt8]
    ) throws(KernelError) -> ProgramHeader {
        // 1.
        if size < Layout.headerSize {
            throw KernelError.invalidArgument
        }
        let header = try read(0, Layout.headerSize)
        if Array(header[0..<4]) != Layout.magic || header[4] != 1 || header[5] != 1
            || half(header, 16) != Layout.executable || half(header, 18) != Machine.executableMachine {
            throw KernelError.invalidArgument
        }
        // 2.
        let table = UInt64(word(header, 28))
        let count = UInt64(half(header, 44))
        if UInt64(half(header, 42)) != Layout.programHeaderSize || count == 0 || count > Layout.mostHeaders
            || table > size || count * Layout.programHeaderSize > size - table {
            throw KernelError.invalidArgument
        }
        // 3.
        var segments: [ProgramSegment] = []
        let entries = try read(table, count * Layout.programHeaderSize)
        for index in 0..<Int(count) {
            let entry = Array(entries[index * 32..<index * 32 + 32])
            if word(entry, 0) != Layout.load {
                continue
            }
            let segment = ProgramSegment(
                fileOffset: UInt64(word(entry, 4)), fileSize: UInt64(word(entry, 16)),
                address: UInt64(word(entry, 8)), memorySize: UInt64(word(entry, 20)),
                permissions: permissions(word(entry, 24)))
            if segment.fileOffset > size || segment.fileSize > size - segment.fileOffset
                || segment.fileSize > segment.memorySize {
                throw KernelError.invalidArgument
            }
            segments.append(segment)
        }
        return ProgramHeader(entry: UInt64(word(header, 24)), segments: segments)
    }
    // end excerpt

    /// The segment permissions of ELF flags (1 execute, 2 write, 4 read).
    static func permissions(_ flags: UInt32) -> SegmentPermissions {
        var permissions: SegmentPermissions = []
        if flags & 4 != 0 { permissions.insert(.read) }
        if flags & 2 != 0 { permissions.insert(.write) }
        if flags & 1 != 0 { permissions.insert(.execute) }
        return permissions
    }

    /// The little-endian 16-bit number at `offset` of `bytes`.
    static func half(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The little-endian 32-bit number at `offset` of `bytes`.
    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(half(bytes, offset)) | UInt32(half(bytes, offset + 2)) << 16
    }
}

// grader/Runner/ELF32.swift -- just enough of an ELF32 reader to find functions.
//
// A kernel image is a little-endian ELF32 file. To name the functions of
// a backtrace we need its symbol table: the section headers (at e_shoff,
// e_shnum entries of e_shentsize bytes) lead to the SHT_SYMTAB section,
// whose sh_link names the string table holding the symbols' names. Each
// symbol is 16 bytes: name offset, value (the address), size, info
// (type in the low four bits; 2 is a function), other, section index.
// Every read is bounds-checked: a truncated or foreign file gives an
// `ELFError`, never a crash.

/// Why a file could not be read as an ELF32 image.
public enum ELFError: Error, Equatable, CustomStringConvertible {
    /// The file does not start with the ELF magic number.
    case notELF
    /// An ELF file, but not 32-bit little-endian.
    case unsupportedFormat(String)
    /// A header or table points past the end of the file.
    case truncated(String)
    /// The image has no symbol table (it was stripped).
    case noSymbolTable

    /// One line for the user.
    public var description: String {
        switch self {
        case .notELF: "not an ELF file"
        case .unsupportedFormat(let what): "unsupported ELF file: \(what)"
        case .truncated(let what): "truncated ELF file: \(what) lies past the end of the file"
        case .noSymbolTable: "the image has no symbol table"
        }
    }
}

/// A function symbol of an image.
public struct ELFSymbol: Equatable, Sendable {
    /// The symbol's name, as stored (mangled for Swift functions).
    public var name: String
    /// The function's first address.
    public var address: UInt32
    /// The function's size in bytes (0 when the object did not say).
    public var size: UInt32
}

/// An ELF32 little-endian file held in memory.
public struct ELF32File: Sendable {
    private let bytes: [UInt8]
    private let sections: [Section]

    /// The fields of a section header the reader uses.
    private struct Section {
        var type: UInt32
        var offset: UInt32
        var size: UInt32
        var link: UInt32
        var entrySize: UInt32
    }

    private static let symbolTableType: UInt32 = 2
    private static let functionType: UInt8 = 2

    /// Reads the ELF header and the section headers of `bytes`.
    ///
    /// Steps:
    /// 1. check the magic number, the class (32-bit) and the byte order;
    /// 2. read e_shoff, e_shentsize and e_shnum;
    /// 3. read each section header.
    public init(bytes: [UInt8]) throws(ELFError) {
        self.bytes = bytes
        // 1.
        guard bytes.count >= 4, bytes[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]) else { throw .notELF }
        guard bytes.count >= 52 else { throw .truncated("the ELF header") }
        guard bytes[4] == 1 else { throw .unsupportedFormat("not 32-bit") }
        guard bytes[5] == 1 else { throw .unsupportedFormat("not little-endian") }
        // 2.
        let reader = ByteReader(bytes: bytes)
        let tableOffset = try reader.word(at: 32, "the ELF header")
        let entrySize = try reader.half(at: 46, "the ELF header")
        let count = try reader.half(at: 48, "the ELF header")
        guard count == 0 || entrySize >= 40 else { throw .unsupportedFormat("section headers of \(entrySize) bytes") }
        // 3.
        var sections: [Section] = []
        for index in 0..<Int(count) {
            let base = Int(tableOffset) + index * Int(entrySize)
            let what = "section header \(index)"
            sections.append(Section(type: try reader.word(at: base + 4, what),
                                    offset: try reader.word(at: base + 16, what),
                                    size: try reader.word(at: base + 20, what),
                                    link: try reader.word(at: base + 24, what),
                                    entrySize: try reader.word(at: base + 36, what)))
        }
        self.sections = sections
    }

    /// The function symbols with a name and a non-zero address, sorted by
    /// address.
    public func functionSymbols() throws(ELFError) -> [ELFSymbol] {
        guard let table = sections.first(where: { $0.type == ELF32File.symbolTableType }) else {
            throw .noSymbolTable
        }
        guard Int(table.link) < sections.count else { throw .truncated("the symbol string table") }
        let strings = sections[Int(table.link)]
        let reader = ByteReader(bytes: bytes)
        let entrySize = table.entrySize >= 16 ? Int(table.entrySize) : 16
        var symbols: [ELFSymbol] = []
        for index in 0..<Int(table.size) / entrySize {
            let base = Int(table.offset) + index * entrySize
            let what = "symbol \(index)"
            guard try reader.byte(at: base + 12, what) & 0x0F == ELF32File.functionType else { continue }
            let address = try reader.word(at: base + 4, what)
            let nameOffset = try reader.word(at: base, what)
            let name = try reader.cString(at: Int(strings.offset) + Int(nameOffset),
                                          end: Int(strings.offset) + Int(strings.size))
            guard address != 0, !name.isEmpty else { continue }
            symbols.append(ELFSymbol(name: name, address: address, size: try reader.word(at: base + 8, what)))
        }
        return symbols.sorted { $0.address < $1.address }
    }
}

/// Bounds-checked little-endian reads.
private struct ByteReader {
    let bytes: [UInt8]

    func byte(at offset: Int, _ what: String) throws(ELFError) -> UInt8 {
        guard offset >= 0, offset < bytes.count else { throw .truncated(what) }
        return bytes[offset]
    }

    func half(at offset: Int, _ what: String) throws(ELFError) -> UInt16 {
        UInt16(try byte(at: offset, what)) | UInt16(try byte(at: offset + 1, what)) << 8
    }

    func word(at offset: Int, _ what: String) throws(ELFError) -> UInt32 {
        UInt32(try half(at: offset, what)) | UInt32(try half(at: offset + 2, what)) << 16
    }

    /// The NUL-terminated string at `offset`, which must end before `end`.
    func cString(at offset: Int, end: Int) throws(ELFError) -> String {
        let limit = min(end, bytes.count)
        guard offset >= 0, offset < limit else { throw .truncated("a symbol name") }
        guard let terminator = bytes[offset..<limit].firstIndex(of: 0) else { throw .truncated("a symbol name") }
        return String(decoding: bytes[offset..<terminator], as: UTF8.self)
    }
}

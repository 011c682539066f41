// Tests/RunnerTests/ELFReaderTests.swift -- the ELF32 reader on malformed input.
// (The reader on a real image is in KernelImageTests.)

import Testing
@testable import GraderRunner

@Suite struct ELFReaderTests {
    @Test func rejectsNonELF() {
        #expect(throws: ELFError.notELF) { try ELF32File(bytes: []) }
        #expect(throws: ELFError.notELF) { try ELF32File(bytes: Array("garbage\n".utf8)) }
    }

    @Test func rejectsShortHeader() {
        #expect(throws: ELFError.truncated("the ELF header")) { try ELF32File(bytes: [0x7F, 0x45, 0x4C, 0x46, 1, 1]) }
    }

    @Test func rejects64Bit() {
        var header = [UInt8](repeating: 0, count: 64)
        header[0...5] = [0x7F, 0x45, 0x4C, 0x46, 2, 1]
        #expect(throws: ELFError.unsupportedFormat("not 32-bit")) { try ELF32File(bytes: header) }
    }

    @Test func sectionTablePastTheEnd() {
        var header = [UInt8](repeating: 0, count: 52)
        header[0...5] = [0x7F, 0x45, 0x4C, 0x46, 1, 1]
        header[32] = 0xFF   // e_shoff = 0xff, past the end
        header[46] = 40     // e_shentsize
        header[48] = 3      // e_shnum
        #expect(throws: ELFError.truncated("section header 0")) { try ELF32File(bytes: header) }
    }

    @Test func noSections() throws {
        var header = [UInt8](repeating: 0, count: 52)
        header[0...5] = [0x7F, 0x45, 0x4C, 0x46, 1, 1]
        let file = try ELF32File(bytes: header)
        #expect(throws: ELFError.noSymbolTable) { try file.functionSymbols() }
    }
}

// Tests/RunnerTests/SymbolTableTests.swift -- address lookup, demangling, symbolizing.

import GraderModel
import Testing
@testable import GraderRunner

@Suite struct SymbolTableTests {
    private let table = SymbolTable(symbols: [
        ELFSymbol(name: "second", address: 0x200, size: 0x10),
        ELFSymbol(name: "first", address: 0x100, size: 0x100),
        ELFSymbol(name: "sizeless", address: 0x300, size: 0),
    ])

    @Test func lookup() {
        #expect(table.function(containing: 0xFF) == nil)
        #expect(table.function(containing: 0x100)?.symbol.name == "first")
        #expect(table.function(containing: 0x1FF)?.offset == 0xFF)
        #expect(table.function(containing: 0x20F)?.symbol.name == "second")
        #expect(table.function(containing: 0x210) == nil)
        #expect(table.function(containing: 0x5000)?.symbol.name == "sizeless")
    }

    @Test func demanglesSwiftNamesOnly() {
        #expect(SwiftDemangler.demangle("$e6Kernel15test_boot_helloyyAA11TestFailureVYKF")
            == "Kernel.test_boot_hello() throws(Kernel.TestFailure) -> ()")
        #expect(SwiftDemangler.demangle("$sSi") == "Swift.Int")
        #expect(SwiftDemangler.demangle("memcpy") == "memcpy")
        #expect(SwiftDemangler.demangle("") == "")
    }

    @Test func returnAddressesAreLookedUpOneByteBack() {
        // A call as the last instruction of `first`: its return address is
        // the first byte of `second`, but the frame is inside `first`.
        let panic = PanicReport(kind: "trap", vector: 6, name: "invalid-opcode", errorCode: 0, eip: 0x200,
                                registers: [:], frames: [.init(address: 0x200), .init(address: 0x200),
                                                         .init(address: 0x50)])
        let frames = PanicSymbolizer(symbols: table).symbolize(panic).frames
        #expect(frames[0] == .init(address: 0x200, function: "second", offset: 0))
        #expect(frames[1] == .init(address: 0x200, function: "first", offset: 0x100))
        #expect(frames[2] == .init(address: 0x50))
    }
}

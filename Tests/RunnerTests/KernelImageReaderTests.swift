// Tests/RunnerTests/KernelImageReaderTests.swift -- the ELF32 reader on a real image.

import Foundation
import Testing
@testable import GraderRunner

extension KernelImageTests {
    @Suite struct ImageReaderTests {
        @Test func readsTheFunctionsOfTheSpineImage() throws {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: try SpineImage.image())))
            let symbols = try ELF32File(bytes: bytes).functionSymbols()
            #expect(symbols.count > 50)
            #expect(symbols.map(\.address) == symbols.map(\.address).sorted())
            #expect(symbols.contains { $0.name == "kernel_main" })
            #expect(symbols.contains { $0.name == "$e7Harness15test_boot_helloyyAA11TestFailureVYKF" })
        }

        @Test func symbolTableDemanglesAndFindsFunctions() throws {
            let table = try SymbolTable(imageAt: try SpineImage.image())
            let hello = try #require(table.functions.first { $0.name.hasPrefix("Harness.test_boot_hello()") })
            let found = table.function(containing: hello.address + 1)
            #expect(found?.symbol.name == hello.name)
            #expect(found?.offset == 1)
        }

        @Test func truncatedImageIsAnErrorNotACrash() throws {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: try SpineImage.image())))
            for length in [0, 3, 51, 52, bytes.count / 2, bytes.count - 100, bytes.count - 1] {
                #expect(throws: ELFError.self, "length \(length)") {
                    try ELF32File(bytes: Array(bytes.prefix(length))).functionSymbols()
                }
            }
        }
    }
}

// Tests/StripperTests/MarkerParserTests.swift -- the marker syntax and its errors.

import Testing
@testable import StripperKit

@Suite struct MarkerParserTests {
    @Test func readsBlocksWithAndWithoutElse() throws {
        let file = try parse(layered)
        #expect(file.blocks.map(\.assignment) == ["01-set", "01-set", "02-segment", "03-region"])
        let add = file.blocks[1]
        #expect(add.beginLine == 6 && add.endLine == 10)
        #expect(add.code.map(\.number) == [7])
        #expect(add.replacement?.map(\.text) == ["        // throw KernelError.notImplemented"])
        #expect(file.blocks[0].replacement == nil)
        #expect(file.endsWithNewline)
    }

    @Test func fileWithoutMarkersIsAllLines() throws {
        let file = try parse("a\nb")
        #expect(file.blocks.isEmpty && file.pieces.count == 2 && !file.endsWithNewline)
    }

    @Test func assemblyCommentsWork() throws {
        let text = "entry:\n// BEGIN ASSIGNMENT 02-segment\n    movl %eax, %cr3\n// ELSE\n// ret\n// END ASSIGNMENT 02-segment\n"
        let file = try MarkerParser(curriculum: course).parse(text, path: "switch.S")
        #expect(file.blocks.first?.replacement?.count == 1)
    }

    /// Each mistake, the line it is reported on, and a word of the message.
    static let mistakes: [(text: String, line: Int, says: String)] = [
        ("// BEGIN ASSIGNMENT 01-set\n// BEGIN ASSIGNMENT 02-segment\n", 2, "do not nest"),
        ("x\n// BEGIN ASSIGNMENT 01-set\ny\n", 2, "no matching END"),
        ("x\n// END ASSIGNMENT 01-set\n", 2, "without a BEGIN"),
        ("// BEGIN ASSIGNMENT 01-set\n// END ASSIGNMENT 02-segment\n", 2, "closes the block of 01-set"),
        ("a\n// ELSE\n", 2, "ELSE outside"),
        ("// BEGIN ASSIGNMENT 01-set\n// ELSE\n// x\n// ELSE\n// END ASSIGNMENT 01-set\n", 4, "second ELSE"),
        ("\n\n// BEGIN ASSIGNMENT 09-magic\n// END ASSIGNMENT 09-magic\n", 3, "unknown assignment '09-magic'"),
        ("// BEGIN ASSIGNMENT 01-set\nx\n// ELSE\n    throw oops\n// END ASSIGNMENT 01-set\n", 4, "must be a '// ' comment"),
        ("// BEGIN ASSIGNMENT 01-set\n// ELSE\n/// doc\n// END ASSIGNMENT 01-set\n", 3, "must be a '// ' comment"),
        ("// BEGIN ASSIGNMENT\n", 1, "exactly one assignment name"),
        ("// BEGIN ASSIGNMENT 01-set extra\n", 1, "exactly one assignment name"),
        ("// begin assignment 01-set\n", 1, "capitals"),
        ("let x = 1 // BEGIN ASSIGNMENT 01-set\n", 1, "alone on its line"),
    ]

    @Test(arguments: mistakes.indices)
    func mistakeIsReportedWithItsLine(index: Int) {
        let mistake = Self.mistakes[index]
        #expect {
            try parse(mistake.text)
        } throws: { error in
            guard let error = error as? StripperError else { return false }
            return error.file == "file.swift" && error.line == mistake.line && error.message.contains(mistake.says)
                && error.description.hasPrefix("file.swift:\(mistake.line): error: ")
        }
    }

    @Test func ordinaryCommentsAreText() throws {
        let file = try parse("// else we fail\n// ELSE IF nothing\n// The END ASSIGNMENT marker closes\n")
        #expect(file.blocks.isEmpty && file.pieces.count == 3)
    }

    @Test func uncommentKeepsIndentationAndCountsColumns() {
        #expect(Replacement.uncomment("    // throw X").text == "    throw X")
        #expect(Replacement.uncomment("    // throw X").columnShift == 3)
        #expect(Replacement.uncomment("\t//").text == "\t")
        #expect(Replacement.uncomment("// // nested comment").text == "// nested comment")
    }
}

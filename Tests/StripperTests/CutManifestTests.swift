// Tests/StripperTests/CutManifestTests.swift -- the committed view of a cut.

import Testing
@testable import StripperKit

@Suite struct CutManifestTests {
    func manifest(_ assignment: String) throws -> String {
        let builder = SkeletonBuilder(files: [try parse(layered)], curriculum: course)
        return try builder.skeleton(for: assignment).manifest
    }

    @Test func listsEachCutBlockWithItsNameLinesAndReplacement() throws {
        let text = try manifest("02-segment")
        #expect(text.hasPrefix("# The cut of 02-segment (generated, do not edit)\n"))
        #expect(text.contains("\n## reference/file.swift\n"))
        // A block inside a function is named by the function; its
        // replacement is shown uncommented, where it lands.
        #expect(text.contains(
            "- lines 13-17 (02-segment) `func reserve() throws(KernelError)`: skeleton line 7 `throw KernelError.notImplemented`\n"),
            "\(text)")
        // A block that is a whole declaration is named by it; without ELSE
        // it is removed.
        #expect(text.contains("- lines 19-21 (03-region) `func locate() { regionLocateForReal() }`: removed (after skeleton line 8)\n"),
                "\(text)")
        // Blocks of earlier assignments are kept, so not listed.
        #expect(!text.contains("(01-set)"))
    }

    @Test func theLastAssignmentCutsOnlyItsOwnBlocks() throws {
        let text = try manifest("03-region")
        #expect(text.contains("(03-region)"))
        #expect(!text.contains("(02-segment)") && !text.contains("(01-set)"))
    }

    @Test func anUnmarkedReferenceCutsNothing() throws {
        let file = MarkedFile.verbatim(path: "a.swift", text: "let a = 1\n")
        let text = try SkeletonBuilder(files: [file], curriculum: course).skeleton(for: "01-set").manifest
        #expect(text.contains("Nothing is cut"))
        #expect(!text.contains("## "))
    }

    @Test func aLongReplacementIsFencedWithItsIndentation() throws {
        let file = try parse("""
            func f() {
                // BEGIN ASSIGNMENT 01-set
                g()
                // ELSE
                // let x = 1
                //
                // throw KernelError.notImplemented
                // END ASSIGNMENT 01-set
            }

            """)
        let text = try SkeletonBuilder(files: [file], curriculum: course).skeleton(for: "01-set").manifest
        #expect(text.contains("""
            - lines 2-8 (01-set) `func f()`: skeleton lines 2-4

              ```swift
                  let x = 1

                  throw KernelError.notImplemented
              ```

            """.dropLast()), "\(text)")
    }

    @Test func aFenceInAReplacementGetsALongerFence() throws {
        let file = try parse("""
            func f() {
                // BEGIN ASSIGNMENT 01-set
                g()
                // ELSE
                // let s = "```"
                // END ASSIGNMENT 01-set
            }

            """)
        let text = try SkeletonBuilder(files: [file], curriculum: course).skeleton(for: "01-set").manifest
        #expect(text.contains("  ````swift\n      let s = \"```\"\n  ````"), "\(text)")
    }
}

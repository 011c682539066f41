// Tests/StripperTests/StrippingTests.swift -- cumulative skeletons and their line maps.

import Testing
@testable import StripperKit

@Suite struct StrippingTests {
    func skeletonText(_ position: Int) throws -> String {
        try parse(layered).stripped(forPosition: position, in: course).text
    }

    @Test func firstAssignmentLosesEveryBlock() throws {
        let text = try skeletonText(0)
        #expect(!text.contains("storage"))
        #expect(!text.contains("ForReal"))
        #expect(!text.contains("ASSIGNMENT"))
        #expect(!text.contains("ELSE"))
        #expect(text.components(separatedBy: "        throw KernelError.notImplemented\n").count == 3)
    }

    @Test func laterAssignmentKeepsEarlierSolutions() throws {
        let text = try skeletonText(1)
        #expect(text.contains("    var storage: [Int] = []\n"))
        #expect(text.contains("        storage.append(1)\n"))
        #expect(!text.contains("segmentReserveForReal"))
        #expect(!text.contains("regionLocateForReal"))
        #expect(!text.contains("ASSIGNMENT") && !text.contains("ELSE"))
        // Only the 02-segment replacement remains.
        #expect(text.components(separatedBy: "throw KernelError.notImplemented").count == 2)
    }

    @Test func lastAssignmentOnlyLosesItsOwnBlock() throws {
        let text = try skeletonText(2)
        #expect(text.contains("segmentReserveForReal()"))
        #expect(!text.contains("regionLocateForReal"))
        #expect(!text.contains("notImplemented"))
    }

    @Test func lineMapPointsAtReferenceLinesAndColumns() throws {
        let stripped = try parse(layered).stripped(forPosition: 0, in: course)
        let lines = stripped.text.split(separator: "\n", omittingEmptySubsequences: false)
        // Every mapped line is the reference line, or its uncommented replacement.
        let reference = layered.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.dropLast().enumerated() {
            let origin = try #require(stripped.lineMap.origin(ofLine: index + 1))
            let source = String(reference[origin.line - 1])
            #expect(source == String(line) || Replacement.uncomment(source).text == String(line))
        }
        // `throw` of the first replacement: skeleton line 3, reference line 9, 3 columns further right.
        #expect(lines[2] == "        throw KernelError.notImplemented")
        #expect(stripped.lineMap.origin(ofLine: 3) == LineOrigin(line: 9, columnShift: 3))
        #expect(stripped.lineMap.origin(ofLine: 99) == nil)
    }

    @Test func outputIsDeterministic() throws {
        let builder = SkeletonBuilder(files: [try parse(layered)], curriculum: course)
        #expect(builder.skeletons() == builder.skeletons())
        let again = SkeletonBuilder(files: [try parse(layered)], curriculum: course)
        #expect(builder.skeletons().map(\.files) == again.skeletons().map(\.files))
    }

    @Test func unmarkedTreeGivesFullCopies() throws {
        let temp = try TempTree(["reference/kernel/a.swift": "let a = 1\n", "reference/notes.txt": "hello\n"])
        defer { temp.remove() }
        let skeletons = try SkeletonBuilder(tree: temp.tree, curriculum: course).skeletons()
        #expect(skeletons.map(\.assignment) == course.assignments)
        for skeleton in skeletons {
            #expect(skeleton.files["kernel/a.swift"]?.text == "let a = 1\n")
            #expect(skeleton.files["notes.txt"]?.text == "hello\n")
            #expect(skeleton.files["README.md"]?.text.contains("Nothing is cut") == true)
        }
    }

    @Test func markersInUnstrippedFilesAreRefused() throws {
        let temp = try TempTree(["reference/notes.md": "one\n// BEGIN ASSIGNMENT 01-set\n"])
        defer { temp.remove() }
        #expect(throws: StripperError(file: "reference/notes.md", line: 2,
                                      "assignment markers are only understood in .swift, .S, .h and .c files")) {
            try SkeletonBuilder(tree: temp.tree, curriculum: course)
        }
    }

    @Test func parseErrorsNameTheReferencePath() throws {
        let temp = try TempTree(["reference/set/bad.swift": "x\n// ELSE\n"])
        defer { temp.remove() }
        #expect(throws: StripperError(file: "reference/set/bad.swift", line: 2,
                                      "ELSE outside a BEGIN ASSIGNMENT ... END ASSIGNMENT block")) {
            try SkeletonBuilder(tree: temp.tree, curriculum: course)
        }
    }

    @Test func readmeIsTheCutManifest() throws {
        let builder = SkeletonBuilder(files: [try parse(layered)], curriculum: course)
        let skeleton = try builder.skeleton(for: "02-segment")
        #expect(skeleton.files["README.md"]!.text == skeleton.manifest)
        #expect(skeleton.manifest.contains("- lines 13-17 (02-segment)"))
    }
}

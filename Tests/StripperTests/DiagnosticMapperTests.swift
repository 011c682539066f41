// Tests/StripperTests/DiagnosticMapperTests.swift -- compiler errors back in the reference.

import Testing
@testable import StripperKit

@Suite struct DiagnosticMapperTests {
    let mapper: DiagnosticMapper

    init() throws {
        let file = try MarkerParser(curriculum: course).parse(layered, path: "set/set.swift")
        mapper = DiagnosticMapper(skeletons: SkeletonBuilder(files: [file], curriculum: course).skeletons())
    }

    @Test func mapsLineAndColumnOfAReplacement() {
        // Skeleton 01-set line 3 is the uncommented replacement from reference line 9.
        let line = "build/skeletons/01-set/set/set.swift:3:9: error: cannot find 'KernelError' in scope"
        #expect(mapper.mapLine(line) ==
            "reference/set/set.swift:9:12: error: cannot find 'KernelError' in scope [build/skeletons/01-set/set/set.swift:3:9]")
    }

    @Test func keepsAnAbsolutePrefix() {
        let line = "/home/t/kit/build/skeletons/02-segment/set/set.swift:2:5: warning: unused"
        // In 02-segment the 01-set storage line is kept: skeleton line 2 is reference line 3.
        #expect(mapper.mapLine(line).hasPrefix("/home/t/kit/reference/set/set.swift:3:5: warning: unused"))
    }

    @Test func leavesOtherLinesAlone() {
        for line in ["machine/ia32/entry.swift:3:1: error: x", "build/skeletons/01-set/nope.swift:1: error", "skeleton/01-set/set/set.swift:3:9: error", "make: *** [x] Error 1"] {
            #expect(mapper.mapLine(line) == line)
        }
        #expect(mapper.map("a\nb\n") == "a\nb\n")
    }
}

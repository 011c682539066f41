// Tests/StripperTests/KitPathsTests.swift -- reference/<path> told as the kit's kernel/<path>.

import Testing
@testable import StripperKit

@Suite struct KitPathsTests {
    let paths = KitPaths(corePaths: ["set/list.swift", "id/identifier.swift", "kernel/kernel.swift"])

    @Test func corePathsBecomeKernelPaths() {
        #expect(paths.rewrite("// reference/set/list.swift -- the list\n") == "// kernel/set/list.swift -- the list\n")
        #expect(paths.rewrite("see `reference/id/identifier.swift:12` and (reference/set)")
            == "see `kernel/id/identifier.swift:12` and (kernel/set)")
        #expect(paths.rewrite("reference/kernel/kernel.swift") == "kernel/kernel/kernel.swift")
    }

    @Test func otherMentionsAreKept() {
        for text in ["reference/ alone", "build/grader-out/reference/set", "reference/docs/x.md",
                     "the reference kernel", "my_reference/set/x", "reference/set.swift"] {
            #expect(paths.rewrite(text) == text, "\(text)")
        }
    }
}

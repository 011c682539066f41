// Tests/GraderKitTests/BuildWarningsTests.swift -- warnings picked out of a build's output.

import Testing
@testable import GraderKit

@Suite struct BuildWarningsTests {
    static let output = """
        kernel/set/list.swift:12:9: warning: initialization of immutable value 'unused' was never used
           |
        12 |     let unused = 41
           |         `- warning: initialization of immutable value 'unused' was never used
        kernel/set/list.swift:12:9: warning: initialization of immutable value 'unused' was never used
        machine/ia32/cpu.swift:3:1: warning: not the student's
        kernel/set/array.swift:4:5: error: not a warning
        """

    @Test func onlyTheCoresWarningsOnceEach() {
        #expect(BuildWarnings.extract(from: Self.output)
            == ["kernel/set/list.swift:12:9: warning: initialization of immutable value 'unused' was never used"])
        // Control: a clean build has none.
        #expect(BuildWarnings.extract(from: "").isEmpty)
    }

    @Test func pathsAreNamedAsInTheSubmission() {
        let warnings = BuildWarnings.extract(from: Self.output)
        #expect(BuildWarnings.relocate(warnings, to: "kernel").first?.hasPrefix("kernel/set/list.swift:12:9") == true)
        #expect(BuildWarnings.relocate(warnings, to: "reference").first?.hasPrefix("reference/set/list.swift:12:9") == true)
        #expect(BuildWarnings.relocate(warnings, to: "alice/kernel").first?.hasPrefix("alice/kernel/set/") == true)
        #expect(BuildWarnings.relocate(warnings, to: "").first?.hasPrefix("set/list.swift:12:9") == true)
    }

    @Test func manyWarningsAreCut() {
        let many = (1 ... 80).map { "kernel/a.swift:\($0):1: warning: w" }.joined(separator: "\n")
        let warnings = BuildWarnings.extract(from: many)
        #expect(warnings.count == BuildWarnings.limit + 1)
        #expect(warnings.last == "... and 30 more warnings")
    }
}

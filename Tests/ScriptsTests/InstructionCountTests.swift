// Tests/ScriptsTests/InstructionCountTests.swift -- the `icount` key of a test script.

import Testing
@testable import GraderScripts

private let timerScript = """
    test: interrupts_timer
    title: T
    points: 4
    icount: true
    """

@Suite struct InstructionCountTests {
    @Test func theKeyTurnsInstructionCountingOn() throws {
        #expect(try #require(parseScript(timerScript)).icount)
        // Negative controls: off when false, and when the key is absent.
        let off = timerScript.replacingOccurrences(of: "icount: true", with: "icount: false")
        #expect(try #require(parseScript(off)).icount == false)
        let absent = timerScript.replacingOccurrences(of: "\nicount: true", with: "")
        #expect(!absent.contains("icount"))
        #expect(try #require(parseScript(absent)).icount == false)
    }

    @Test func aValueThatIsNotABooleanIsAnError() {
        let wrong = timerScript.replacingOccurrences(of: "icount: true", with: "icount: 0")
        let diagnostics = scriptDiagnostics(wrong)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("icount") == true, "\(diagnostics)")
        #expect(diagnostics.first?.location.line == 4, "\(diagnostics)")
        // Control: the same script with a boolean has nothing to say.
        #expect(scriptDiagnostics(timerScript).isEmpty)
    }
}

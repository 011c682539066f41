// Tests/ReportsTests/TerminalSummaryTests.swift -- the student's table, and colour choices.

import GraderModel
import GraderReports
import Testing

@Suite struct TerminalSummaryTests {
    let plain = TerminalSummary(Samples.report, colored: false).render()
    let colored = TerminalSummary(Samples.report, colored: true).render()

    @Test func plainOutputHasNoEscapeSequence() {
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func rowsAreAligned() {
        let rows = plain.split(separator: "\n").filter { $0.hasPrefix("  ✔") || $0.hasPrefix("  ✘") }
        #expect(rows.contains("  ✔ PASS          3 / 3    set_add_get  Adding and getting an element"))
        #expect(rows.contains("  ✘ WRONG OUTPUT  1.5 / 3  set_show     show prints every element"))
        // The name column starts at the same place on each of alice's rows.
        let aliceRows = rows.prefix(4)
        #expect(Set(aliceRows.map { $0.firstRange(of: "set_")!.lowerBound.utf16Offset(in: $0) }).count == 1)
    }

    @Test func failuresShowExpectedAndSeen() {
        #expect(plain.contains("      Expected: /set [0-9]+ created/\n      Seen (serial line 7): set -1 created\n"))
        #expect(plain.contains("      GOOD    set 1 created\n      BAD     set -1 created\n      MISSING set 2 created\n"))
    }

    @Test func panicsShowTheSymbolizedBacktraceAndChapter() {
        #expect(plain.contains("      Panic: invalid-opcode (trap, vector 6) at 0x00101234, error code 0x00000000"))
        #expect(plain.contains("        #1 0x00102000 in test_set_reserve() + 0x40\n        #2 0x00103000\n"))
        #expect(plain.contains("      Read: docs/book/01-set.md#reserve"))
        #expect(plain.contains("(hidden)"))
    }

    @Test func buildFailuresShowTheCompiler() {
        #expect(plain.contains("  The submission did not build.\n    set.swift:3:1: error: expected '}'\n    note: here\n"))
    }

    @Test func totalsCountEveryOutcome() {
        #expect(plain.contains("  Total  7.5 / 12 points (63 %)  "))
        #expect(plain.contains("1 passed · 3 failed · 1 grader error · 1 skipped"))
        #expect(plain.contains("  Total  12 / 12 points (100 %)  ████████████████████████  1 passed"))
    }

    @Test func colourMarksVerdictsAndMismatchLines() {
        #expect(colored.contains("\u{1B}[32;1m✔ PASS        \u{1B}[0m"))
        #expect(colored.contains("\u{1B}[31mBAD     set -1 created\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[33mMISSING set 2 created\u{1B}[0m"))
    }

    @Test func theKernelCannotSendEscapesToTheTerminal() {
        var submission = Samples.carol
        submission.tests[0].verdict = .fail
        submission.tests[0].message = "boom\u{1B}[2J\u{1B}]0;pwned\u{07}\u{0}"
        let text = TerminalSummary(GradeReport(startedAt: "now", submissions: [submission]), colored: true).render()
        #expect(!text.contains("\u{1B}[2J") && !text.contains("\u{1B}]0;"))
        #expect(text.contains("boom\\x00"))
    }
}

@Suite struct ColorChoiceTests {
    @Test func autoColoursOnlyATerminalWithoutNoColor() {
        #expect(ColorChoice.auto.resolve(isTerminal: true, environment: [:]))
        #expect(!ColorChoice.auto.resolve(isTerminal: false, environment: [:]))
        #expect(!ColorChoice.auto.resolve(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(ColorChoice.auto.resolve(isTerminal: true, environment: ["NO_COLOR": ""]))
    }

    @Test func alwaysAndNeverIgnoreTheTerminal() {
        #expect(ColorChoice.always.resolve(isTerminal: false, environment: ["NO_COLOR": "1"]))
        #expect(!ColorChoice.never.resolve(isTerminal: true, environment: [:]))
    }

    @Test func aPlainPaletteChangesNothing() {
        #expect(Palette(colored: false).paint(Diagnosis.Line(tone: .bad, text: "x")) == "x")
    }
}

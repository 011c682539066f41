// Tests/ReportsTests/ReportTextTests.swift -- the sanitiser and the log excerpts.

import GraderReports
import Testing

@Suite struct ReportTextTests {
    @Test func controlCharactersBecomeVisibleEscapes() {
        let text = ReportText.sanitize("a\u{0}b\u{01}c\u{07}d\u{7F}e\u{85}f")
        #expect(text == "a\\x00b\\x01c\\x07d\\x7fe\\x85f")
    }

    @Test func tabAndNewlineStay() {
        #expect(ReportText.sanitize("a\tb\nc") == "a\tb\nc")
    }

    @Test func crlfBecomesNewlineAndALoneCarriageReturnStaysOnItsLine() {
        #expect(ReportText.sanitize("one\r\ntwo\r\n") == "one\ntwo\n")
        // A lone CR would start a new line (or overwrite this one).
        #expect(ReportText.sanitize("FAIL\rPASS") == "FAIL\\rPASS")
        #expect(ReportText.sanitize("end\r") == "end\\r")
    }

    @Test func xmlNoncharactersAreEscaped() {
        #expect(ReportText.sanitize("x\u{FFFE}y\u{FFFF}z") == "x\\u{FFFE}y\\u{FFFF}z")
    }

    @Test func ordinaryUnicodeIsUntouched() {
        let text = "é ✓ 🚀 日本 <&>"
        #expect(ReportText.sanitize(text) == text)
    }

    @Test func ansiSequencesAreStripped() {
        let text = "\u{1B}[31mred\u{1B}[0m \u{1B}[2J\u{1B}[1;1Hhome \u{1B}]0;title\u{07}t \u{1B}]8;;x\u{1B}\\link \u{1B}(Bz \u{1B}c"
        #expect(ReportText.sanitize(text) == "red home t link z ")
    }

    @Test func unfinishedSequenceAtTheEndIsDropped() {
        #expect(ReportText.sanitize("ok\u{1B}[12") == "ok")
        #expect(ReportText.sanitize("ok\u{1B}") == "ok")
    }

    @Test func colourIsKeptOnlyWhenAsked() {
        let text = "\u{1B}[1;31mred\u{1B}[0m\u{1B}[2J"
        #expect(ReportText.sanitize(text, mode: .keepingColor) == "\u{1B}[1;31mred\u{1B}[0m")
        #expect(ReportText.sanitize(text, mode: .plain) == "red")
    }

    @Test func invalidUTF8DecodesToReplacementCharacters() {
        let text = ReportText.decode(Samples.invalidUTF8)
        #expect(text.hasPrefix("bad \u{FFFD}A"))
        #expect(text.hasSuffix(" end"))
        // The encoded lone surrogate never becomes a scalar of its own.
        #expect(!text.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
        #expect(text.unicodeScalars.count { $0 == "\u{FFFD}" } >= 3)
    }

    @Test func sanitisedTextHasNothingXMLForbids() {
        let text = ReportText.sanitize(Samples.hostileLog)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("nul\\x00 soh\\x01"))
    }
}

@Suite struct LogExcerptTests {
    @Test func shortLogsAreKeptWhole() {
        let excerpt = LogExcerpt("one\ntwo\n", limit: 100)
        #expect(excerpt.text == "one\ntwo\n")
        #expect(!excerpt.isCut)
    }

    @Test func longLogsKeepHeadAndTailAndSayWhatWasCut() {
        let log = (1...1000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let excerpt = LogExcerpt(log, limit: 200)
        #expect(excerpt.isCut)
        #expect(excerpt.text.hasPrefix("line 1\nline 2\n"))
        #expect(excerpt.text.hasSuffix("line 999\nline 1000\n"))
        #expect(excerpt.text.contains("[... \(excerpt.omittedBytes) bytes (\(excerpt.omittedLines) lines) cut ...]"))
        #expect(excerpt.text.utf8.count < 300)
        // Every line kept is a whole line of the original.
        let kept = excerpt.text.split(separator: "\n").filter { !$0.hasPrefix("[...") }
        #expect(kept.allSatisfy { log.contains($0 + "\n") })
        #expect(kept.count + excerpt.omittedLines == 1000)
    }

    @Test func cutsWithoutNewlinesLandOnCharacterBoundaries() {
        let log = String(repeating: "é🚀", count: 500)
        let excerpt = LogExcerpt(log, limit: 101)
        #expect(!excerpt.text.contains("\u{FFFD}"))
        #expect(excerpt.isCut)
    }

    @Test func tailKeepsTheEnd() {
        let log = (1...100).map { "line \($0)" }.joined(separator: "\n")
        let tail = LogExcerpt.tail(of: log, limit: 30)
        #expect(tail.text.hasPrefix("[... first \(tail.omittedBytes) bytes"))
        #expect(tail.text.hasSuffix("line 99\nline 100"))
        #expect(!tail.text.contains("line 1\n"))
    }
}

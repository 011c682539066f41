// Tests/ScriptsTests/ConversationMatcherTests.swift -- the serial conversation.

import GraderModel
import Testing
@testable import GraderScripts

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite struct ConversationMatcherTests {
    @Test func expectsMatchInOrderWithOtherLinesBetween() {
        let outcome = ConversationMatcher.match(
            ["boot", "set 0x1000", "chatter", "size=12"],
            against: script(conversation: [.expect(.literal("set 0x")), .expect(.regex("size=[0-9]+"))]))
        #expect(outcome.matched && outcome.mismatch == nil && outcome.message == nil)
    }

    @Test func orderMatters() {
        let outcome = ConversationMatcher.match(
            ["size=12", "set 0x1000"],
            against: script(conversation: [.expect(.literal("set 0x")), .expect(.regex("size=[0-9]+"))]))
        #expect(!outcome.matched)
        #expect(outcome.mismatch?.expected == "/size=[0-9]+/")
    }

    @Test func eachExpectConsumesItsLine() {
        let steps: [ConversationStep] = [.expect(.literal("a")), .expect(.literal("b"))]
        #expect(!ConversationMatcher.match(["a b"], against: script(conversation: steps)).matched)
        #expect(ConversationMatcher.match(["a b", "b"], against: script(conversation: steps)).matched)
    }

    @Test func regexesSearchTheWholeLineUnlessAnchored() {
        #expect(ConversationMatcher.match(["x size=3 y"], against: script(conversation: [.expect(.regex("size=\\d"))])).matched)
        #expect(!ConversationMatcher.match(["x size=3"], against: script(conversation: [.expect(.regex("^size"))])).matched)
    }

    @Test func sendsFollowTheExpectThatPrecedesThem() {
        var matcher = ConversationMatcher(script: script(conversation: [
            .send(bytes("go\n")), .expect(.literal("ready")), .send(bytes("a")), .send(bytes("b")),
            .expect(.literal("done")),
        ]))
        #expect(matcher.start() == bytes("go\n"))
        #expect(matcher.start() == nil)
        #expect(matcher.receive("booting") == nil)
        #expect(matcher.receive("ready>") == bytes("ab"))
        #expect(matcher.receive("ready>") == nil)
        #expect(!matcher.conversationDone)
        #expect(matcher.receive("done") == nil)
        #expect(matcher.conversationDone)
        #expect(matcher.finish().matched)
    }

    @Test func openingSendsComeWithTheFirstLineIfStartWasNotCalled() {
        var matcher = ConversationMatcher(script: script(conversation: [.send(bytes("x"))]))
        #expect(matcher.receive("hello") == bytes("x"))
    }

    @Test func harnessLinesAreIgnoredButNumbered() {
        let lines = ["KTEST START name=t nonce=1", "KTEST CHECK name=t.set nonce=1 status=pass", "other"]
        let outcome = ConversationMatcher.match(lines, against: script(conversation: [.expect(.literal("set"))]))
        let mismatch = outcome.mismatch
        #expect(mismatch?.seen == "other" && mismatch?.lineNumber == 3)
        #expect(mismatch?.lines.contains { $0.text.contains("KTEST") } == false)
        // Never-patterns do not look at harness lines either.
        #expect(ConversationMatcher.match(["KTEST FAIL name=t nonce=1"], against: script(never: [.literal("FAIL")])).matched)
    }

    @Test func carriageReturnsAreDropped() {
        let outcome = ConversationMatcher.match(["value=1\r"], against: script(conversation: [.expect(.regex("=1$"))]))
        #expect(outcome.matched)
    }

    @Test func neverPatternsFailTheRunOnAnyLine() {
        let outcome = ConversationMatcher.match(
            ["ok", "set 0x10", "memory leak here", "fine"],
            against: script(conversation: [.expect(.literal("set"))], never: [.literal("leak"), .regex("PANIC")]))
        let mismatch = outcome.mismatch
        #expect(mismatch?.expected == "never \"leak\"")
        #expect(mismatch?.seen == "memory leak here" && mismatch?.lineNumber == 3)
        #expect(outcome.message == "line 3 has forbidden output \"leak\"")
        #expect(mismatch?.lines == [
            Mismatch.Line(.context, "1: ok"), Mismatch.Line(.good, "2: set 0x10"),
            Mismatch.Line(.bad, "3: memory leak here"), Mismatch.Line(.context, "4: fine"),
        ])
    }

    @Test func aMatchedLineWithForbiddenOutputIsShownOnceAsBad() {
        let outcome = ConversationMatcher.match(["set leak"], against: script(
            conversation: [.expect(.literal("set"))], never: [.literal("leak")]))
        #expect(outcome.mismatch?.lines == [Mismatch.Line(.bad, "1: set leak")])
    }

    @Test func aMissingExpectShowsGoodBadContextAndMissing() {
        let lines = ["boot", "one", "a", "b", "wrong", "c", "d", "e", "f"]
        let outcome = ConversationMatcher.match(lines, against: script(conversation: [
            .expect(.literal("one")), .expect(.literal("two")), .expect(.regex("three")),
        ]))
        let mismatch = outcome.mismatch
        #expect(mismatch?.expected == "\"two\"")
        #expect(mismatch?.seen == "a" && mismatch?.lineNumber == 3)
        #expect(outcome.message == "expected \"two\", but line 3 was \"a\"")
        #expect(mismatch?.lines == [
            Mismatch.Line(.context, "1: boot"), Mismatch.Line(.good, "2: one"), Mismatch.Line(.bad, "3: a"),
            Mismatch.Line(.context, "4: b"), Mismatch.Line(.context, "5: wrong"),
            Mismatch.Line(.missing, "\"two\""), Mismatch.Line(.missing, "/three/"),
        ])
    }

    @Test func outputEndingEarlyShowsTheLastLinesAsContext() {
        let outcome = ConversationMatcher.match(["x", "y", "z", "one"], against: script(conversation: [
            .expect(.literal("one")), .expect(.literal("two")),
        ]))
        #expect(outcome.message == "expected \"two\", but the output ended after line 4")
        #expect(outcome.mismatch?.seen == nil && outcome.mismatch?.lineNumber == nil)
        #expect(outcome.mismatch?.lines == [
            Mismatch.Line(.context, "3: z"), Mismatch.Line(.good, "4: one"), Mismatch.Line(.missing, "\"two\""),
        ])
    }

    @Test func noOutputAtAll() {
        let outcome = ConversationMatcher.match([], against: script(conversation: [.expect(.literal("hi"))]))
        #expect(outcome.message == "expected \"hi\", but the output ended after line 0")
        #expect(outcome.mismatch?.lines == [Mismatch.Line(.missing, "\"hi\"")])
    }

    @Test func contextSkipsHarnessLinesAndKeepsTheirNumbers() {
        let lines = ["a", "KTEST CHECK name=t.x nonce=1 status=pass", "b", "c", "bad", "d"]
        let outcome = ConversationMatcher.match(lines, against: script(never: [.literal("bad")]))
        #expect(outcome.mismatch?.lines.map(\.text) == ["3: b", "4: c", "5: bad", "6: d"])
    }

    @Test func floodsAreCutDown() {
        let long = String(repeating: "x", count: 1000) + " leak"
        let lines = [long] + (1 ... 50).map { "leak \($0)" }
        let outcome = ConversationMatcher.match(lines, against: script(never: [.literal("leak")]))
        let bad = outcome.mismatch?.lines.filter { $0.kind == .bad } ?? []
        #expect(bad.count == MismatchBuilder.maximumForbiddenLines)
        #expect(outcome.mismatch?.seen == String(repeating: "x", count: MismatchBuilder.maximumLineLength) + "…")
    }

    @Test func theDriverIsACallback() {
        let driver = ConversationDriver(script: script(conversation: [.expect(.literal("name?")), .send(bytes("bob\n"))]))
        let callback: @Sendable (String) -> [UInt8]? = driver.received
        #expect(driver.start() == nil)
        #expect(callback("hello") == nil)
        #expect(callback("name?") == bytes("bob\n"))
        #expect(driver.conversationDone)
        #expect(driver.outcome().matched)
    }

    /// Property: a conversation of random literals is matched by any
    /// output that contains its lines in order, whatever is printed between.
    @Test(arguments: 0 ..< 40)
    func expectedLinesInOrderAmongNoiseAlwaysMatch(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let wanted = (0 ..< Int.random(in: 1 ... 6, using: &random)).map { "step-\($0)-\(random.next() % 1000)" }
        var output: [String] = []
        for line in wanted {
            output += (0 ..< Int.random(in: 0 ... 3, using: &random)).map { "noise \($0)" }
            output.append("> \(line) <")
        }
        let steps = wanted.map { ConversationStep.expect(.literal($0)) }
        #expect(ConversationMatcher.match(output, against: script(conversation: steps)).matched)
        // Dropping any one wanted line breaks the match, and it is reported missing.
        let dropped = Int.random(in: 0 ..< wanted.count, using: &random)
        let broken = output.filter { $0 != "> \(wanted[dropped]) <" }
        let outcome = ConversationMatcher.match(broken, against: script(conversation: steps))
        #expect(outcome.mismatch?.expected == "\"\(wanted[dropped])\"")
        #expect(outcome.mismatch?.lines.filter { $0.kind == .good }.count == dropped)
        #expect(outcome.mismatch?.lines.filter { $0.kind == .missing }.count == wanted.count - dropped)
    }
}

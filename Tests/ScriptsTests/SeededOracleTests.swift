// Tests/ScriptsTests/SeededOracleTests.swift -- scripts whose expected lines come from the seed.

import Testing
@testable import GraderScripts

@Suite struct SeededOracleTests {
    @Test func theLinesDependOnTheSeed() throws {
        for name in SeededOracle.names {
            let oracle = try #require(SeededOracle.named(name))
            #expect(oracle(7) == oracle(7), "\(name) is not a function of the seed")
            #expect(oracle(7) != oracle(8), "\(name) ignores the seed")
            #expect(!oracle(7).isEmpty)
        }
        #expect(SeededOracle.named("nope") == nil)
    }

    @Test func aSeededScriptExpectsTheOracleLinesAfterItsOwn() throws {
        let script = try #require(parseScript("""
            test: set_seeded
            title: Seeded
            points: 1
            oracle: set_seeded
            conversation:
              - expect: "first"
            """))
        #expect(script.oracle == "set_seeded")
        let seeded = script.seeded(42)
        let oracle = try #require(SeededOracle.named("set_seeded"))
        let expected = oracle(42)
        #expect(seeded.conversation.first == .expect(.literal("first")))
        let wanted: [ConversationStep] = expected.map { line in ConversationStep.expect(Pattern.line(line)) }
        #expect(Array(seeded.conversation.dropFirst()) == wanted)
        // Without an oracle the script is unchanged.
        let plain = try #require(parseScript("test: x\ntitle: X\npoints: 1\n"))
        #expect(plain.seeded(42) == plain)
    }

    @Test func anUnknownOracleIsAnErrorNamingTheKnownOnes() {
        let found = scriptDiagnostics("test: x\ntitle: X\npoints: 1\noracle: guess\n", folder: .public)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("set_seeded") == true, "\(found)")
        #expect(found.first?.location.line == 4)
    }
}

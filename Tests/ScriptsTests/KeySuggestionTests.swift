// Tests/ScriptsTests/KeySuggestionTests.swift -- guessing the intended key.

import Testing
@testable import GraderScripts

@Suite struct KeySuggestionTests {
    @Test func closeTyposAreGuessed() {
        #expect(KeySuggestion.closest(to: "tittle", in: ScriptParser.keys) == "title")
        #expect(KeySuggestion.closest(to: "depend", in: ScriptParser.keys) == "depends")
        #expect(KeySuggestion.closest(to: "default_timout", in: RubricParser.keys) == "default_timeout")
        #expect(KeySuggestion.closest(to: "author", in: ScriptParser.keys) == nil)
    }

    @Test func distanceCountsEdits() {
        #expect(KeySuggestion.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(KeySuggestion.distance(Array(""), Array("abc")) == 3)
        #expect(KeySuggestion.distance(Array("same"), Array("same")) == 0)
    }
}

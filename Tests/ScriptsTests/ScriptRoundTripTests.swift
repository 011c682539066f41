// Tests/ScriptsTests/ScriptRoundTripTests.swift -- random valid scripts load back.
//
// JSON is YAML, so a random valid script written with JSONSerialization
// (which quotes any text correctly) must parse to exactly the script it
// was written from: every key, every awkward character, every step.

import Foundation
import Testing
@testable import GraderScripts

/// Builds random valid scripts and their JSON text.
private struct RandomScript {
    var random: SeededGenerator

    /// Text with the characters that trip YAML up: `:`, `#`, quotes,
    /// braces, dashes, spaces, a newline, non-ASCII.
    mutating func text() -> String {
        let pool = Array("abcXYZ09 :#'\"{}[]-,&*!|>%@`é→\n\\")
        return String((0 ..< Int.random(in: 1 ... 12, using: &random)).map { _ in pool.randomElement(using: &random)! })
    }

    mutating func identifier() -> String {
        let pool = Array("abcdefghijklmnopqrstuvwxyz0123456789_")
        return String((0 ..< Int.random(in: 1 ... 10, using: &random)).map { _ in pool.randomElement(using: &random)! })
    }

    mutating func pattern() -> Pattern {
        let regexes = ["size=[0-9]+", "^id=\\d+$", "(a|b)*c", "\\[ok\\]"]
        return Bool.random(using: &random) ? .literal(text()) : .regex(regexes.randomElement(using: &random)!)
    }

    /// A valid script and the JSON object describing it.
    mutating func make() -> (TestScript, [String: Any]) {
        let checks = (0 ..< Int.random(in: 0 ... 3, using: &random)).map {
            CheckSpec(name: "c\($0)_\(identifier())", points: Int.random(in: 1 ... 5, using: &random))
        }
        let points = checks.isEmpty ? Int.random(in: 1 ... 20, using: &random) : checks.reduce(0) { $0 + $1.points }
        let steps: [ConversationStep] = (0 ..< Int.random(in: 0 ... 4, using: &random)).map { _ in
            Bool.random(using: &random) ? .expect(pattern()) : .send(Array(text().utf8))
        }
        let script = TestScript(
            name: "s", kernelTest: identifier(), title: text(), points: points,
            timeout: Bool.random(using: &random) ? Double(Int.random(in: 1 ... 200, using: &random)) / 4 : nil,
            depends: Array(Set((0 ..< Int.random(in: 0 ... 3, using: &random)).map { _ in identifier() })).sorted(),
            chapter: Bool.random(using: &random) ? text() : nil, checks: checks, conversation: steps,
            never: (0 ..< Int.random(in: 0 ... 2, using: &random)).map { _ in pattern() }, file: "s.yaml")
        return (script, json(script))
    }

    private func json(_ script: TestScript) -> [String: Any] {
        func pattern(_ p: Pattern) -> Any {
            switch p {
            case .literal(let text): return text
            case .regex(let source): return ["regex": source]
            case .line(let text): return text   // never generated: oracles' lines only
            }
        }
        var object: [String: Any] = ["test": script.kernelTest, "title": script.title, "points": script.points,
                                     "visibility": "public", "depends": script.depends]
        object["timeout"] = script.timeout
        object["chapter"] = script.chapter
        if !script.checks.isEmpty { object["checks"] = script.checks.map { ["name": $0.name, "points": $0.points] } }
        object["conversation"] = script.conversation.map { step -> Any in
            switch step {
            case .expect(let p): return ["expect": pattern(p)]
            case .send(let bytes): return ["send": String(decoding: bytes, as: UTF8.self)]
            }
        }
        object["never"] = script.never.map(pattern)
        return object
    }
}

@Suite struct ScriptRoundTripTests {
    @Test(arguments: 0 ..< 60)
    func randomValidScriptsParseBackUnchanged(seed: UInt64) throws {
        var generator = RandomScript(random: SeededGenerator(state: seed))
        let (script, object) = generator.make()
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        let text = try #require(String(data: data, encoding: .utf8))
        var log = DiagnosticLog()
        let parsed = ScriptParser.parse(text, name: "s", file: "s.yaml", folder: .public, log: &log)
        #expect(log.isEmpty, "\(log.diagnostics) in \(text)")
        #expect(parsed?.script == script, "\(text)")
    }
}

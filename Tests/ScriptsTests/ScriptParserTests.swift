// Tests/ScriptsTests/ScriptParserTests.swift -- the test-script format.

import Testing
@testable import GraderScripts

/// Expects exactly one diagnostic, at `line` (and `column` if given),
/// whose message contains `text`.
private func expectOneError(_ yaml: String, line: Int, column: Int? = nil, _ text: String,
                            folder: Visibility = .public, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let found = scriptDiagnostics(yaml, folder: folder)
    #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
    guard let first = found.first else { return }
    #expect(first.location.line == line, "\(first)", sourceLocation: sourceLocation)
    if let column { #expect(first.location.column == column, "\(first)", sourceLocation: sourceLocation) }
    #expect(first.message.contains(text), "\(first)", sourceLocation: sourceLocation)
    #expect(first.location.file == "s.yaml", sourceLocation: sourceLocation)
}


@Suite struct ScriptParserTests {
    @Test func theDocumentedExampleParses() throws {
        let parsed = try #require(parseScript("""
            test: set_add_get            # kernel test to boot
            title: Adding then getting an object returns it
            points: 4
            visibility: public
            timeout: 10
            depends: [set_reserve]
            chapter: docs/book/02-set.md#adding
            checks:
              - name: first_add
                points: 1
              - name: order
                points: 3
            conversation:
              - expect: "set 0x"
              - expect: {regex: "size=[0-9]+"}
              - send: "hello\\n"
            never:
              - "leak"
              - {regex: "PANIC"}
            """, name: "set_add_get"))
        let expected = TestScript(
            name: "set_add_get", kernelTest: "set_add_get", title: "Adding then getting an object returns it",
            points: 4, visibility: .public, timeout: 10, depends: ["set_reserve"],
            chapter: "docs/book/02-set.md#adding",
            checks: [CheckSpec(name: "first_add", points: 1), CheckSpec(name: "order", points: 3)],
            conversation: [.expect(.literal("set 0x")), .expect(.regex("size=[0-9]+")), .send(Array("hello\n".utf8))],
            never: [.literal("leak"), .regex("PANIC")], file: "set_add_get.yaml")
        #expect(parsed == expected)
    }

    @Test func optionalKeysHaveDefaults() throws {
        let parsed = try #require(parseScript("test: a\ntitle: A\npoints: 1\n"))
        #expect(parsed.visibility == .public)
        #expect(parsed.timeout == nil && parsed.chapter == nil)
        #expect(parsed.depends.isEmpty && parsed.checks.isEmpty && parsed.conversation.isEmpty && parsed.never.isEmpty)
    }

    @Test func unknownKeyIsReportedAtTheKey() {
        expectOneError("test: a\ntitle: A\npoints: 1\ntittle: B\n", line: 4, column: 1,
                       "unknown key 'tittle' in a test script; did you mean 'title'?")
        expectOneError("test: a\ntitle: A\npoints: 1\nauthor: B\n", line: 4,
                       "unknown key 'author' in a test script; expected one of 'test', 'title', 'points'")
    }

    @Test(arguments: ["test", "title", "points"])
    func missingRequiredKey(_ key: String) {
        let lines = ["test: a", "title: A", "points: 1"].filter { !$0.hasPrefix(key) }
        expectOneError(lines.joined(separator: "\n"), line: 1, "missing required key '\(key)'")
    }

    @Test func wrongTypesAreReported() {
        expectOneError("test: a\ntitle: [A]\npoints: 1\n", line: 2, column: 8, "'title' must be text, found a list")
        expectOneError("test: a\ntitle: A\npoints: four\n", line: 3, "'points' must be a whole number")
        expectOneError("test: a\ntitle: A\npoints: 1.5\n", line: 3, "'points' must be a whole number")
        expectOneError("test: a\ntitle: A\npoints: 1\ntimeout: soon\n", line: 4, "'timeout' must be a number")
        expectOneError("test: a\ntitle: A\npoints: 1\ndepends: b\n", line: 4, "'depends' must be a list")
        expectOneError("test: a\ntitle:\npoints: 1\n", line: 2, "'title' must be text, found nothing")
        expectOneError("- test: a\n", line: 1, "a test script must be a mapping")
    }

    @Test func nonPositiveNumbersAreRefused() {
        expectOneError("test: a\ntitle: A\npoints: 0\n", line: 3, "'points' must be greater than 0, found 0")
        expectOneError("test: a\ntitle: A\npoints: -2\n", line: 3, "greater than 0")
        expectOneError("test: a\ntitle: A\npoints: 1\ntimeout: 0\n", line: 4, "'timeout' must be greater than 0")
    }

    @Test func kernelTestNamesAreIdentifiers() {
        expectOneError("test: set add\ntitle: A\npoints: 1\n", line: 1, column: 7, "only letters, digits and '_'")
    }

    @Test func checkPointsMustSumToThePoints() {
        expectOneError("""
            test: a
            title: A
            points: 4
            checks:
              - {name: one, points: 1}
              - {name: two, points: 2}
            """, line: 4, "the checks' points sum to 3 but the script is worth 4")
    }

    @Test func checkProblems() {
        expectOneError("""
            test: a
            title: A
            points: 2
            checks:
              - {name: one, points: 1}
              - {name: one, points: 1}
            """, line: 6, "duplicate check name 'one'")
        expectOneError("""
            test: a
            title: A
            points: 1
            checks:
              - {name: one, points: 1, weight: 2}
            """, line: 5, "unknown key 'weight' in a check")
        expectOneError("""
            test: a
            title: A
            points: 1
            checks:
              - {name: one, points: 1}
              - {name: two, points: 0}
            """, line: 6, "'points' must be greater than 0")
    }

    @Test func badRegexIsReportedWithTheCompilerMessage() {
        expectOneError("""
            test: a
            title: A
            points: 1
            conversation:
              - expect: {regex: "size=[0-9+"}
            """, line: 5, column: 21, "invalid regex /size=[0-9+/")
        expectOneError("test: a\ntitle: A\npoints: 1\nnever:\n  - {regex: \"(x\"}\n", line: 5, "invalid regex")
    }

    @Test func conversationStepsHaveExactlyOneKey() {
        expectOneError("""
            test: a
            title: A
            points: 1
            conversation:
              - {expect: a, send: b}
            """, line: 5, "exactly one key, 'expect' or 'send'")
        expectOneError("test: a\ntitle: A\npoints: 1\nconversation:\n  - wait: a\n", line: 5,
                       "unknown key 'wait' in a conversation step")
        expectOneError("test: a\ntitle: A\npoints: 1\nconversation:\n  - expect: \"\"\n", line: 5,
                       "'expect' must not be empty")
    }

    @Test func visibilityMustAgreeWithTheFolder() {
        expectOneError("test: a\ntitle: A\npoints: 1\nvisibility: hidden\n", line: 4,
                       "'visibility' is hidden but the file is in the tests/ folder")
        expectOneError("test: a\ntitle: A\npoints: 1\nvisibility: public\n", line: 4,
                       "in the hidden/ folder", folder: .hidden)
        expectOneError("test: a\ntitle: A\npoints: 1\nvisibility: secret\n", line: 4, "must be public or hidden")
        #expect(scriptDiagnostics("test: a\ntitle: A\npoints: 1\n", folder: .hidden).isEmpty)
    }

    @Test func dependencyListedTwice() {
        expectOneError("test: a\ntitle: A\npoints: 1\ndepends: [b, b]\n", line: 4, column: 14, "listed twice")
    }

    @Test func yamlSyntaxErrorsCarryTheirPosition() {
        let found = scriptDiagnostics("test: a\ntitle: \"A\npoints: 1\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("invalid YAML") == true)
        #expect((found.first?.location.line ?? 0) >= 2)
        expectOneError("test: a\ntest: b\ntitle: A\npoints: 1\n", line: 1, "duplicate key 'test'")
        expectOneError("", line: 1, "the file is empty")
    }

    @Test func everyErrorOfAFileIsCollected() {
        let found = scriptDiagnostics("""
            tset: a
            title: [A]
            points: 0
            never: "x"
            """)
        #expect(found.map(\.location.line).sorted() == [1, 1, 2, 3, 4])
    }

    @Test func diagnosticsPrintLikeCompilerErrors() {
        let diagnostic = ScriptDiagnostic("bad", at: FileLocation(file: "a/b.yaml", line: 3, column: 7))
        #expect(diagnostic.description == "a/b.yaml:3:7: error: bad")
    }
}

// Tests/GraderKitTests/MutantGeneratorTests.swift -- the mutant generator: operators, markers, determinism.

import Foundation
import Testing
@testable import GraderKit

/// A file whose only student code is `body` (between the 01-set markers),
/// with `outside` before the block.
private func marked(_ body: String, outside: String = "let kept = 1 < 2\n") -> String {
    "\(outside)func work(_ a: Int, _ b: Int) -> Bool {\n    // BEGIN ASSIGNMENT 01-set\n\(body)\n    // END ASSIGNMENT 01-set\n}\n"
}

/// The mutants of `body` in a marked file.
private func mutants(_ body: String, outside: String = "let kept = 1 < 2\n") throws -> [Mutant] {
    try MutantGenerator(assignment: "01-set").mutants(of: marked(body, outside: outside), path: "set/work.swift")
}

/// The `after` lines of the mutants made by `kind`.
private func afters(_ body: String, _ kind: MutationOperator) throws -> [String] {
    try mutants(body).filter { $0.kind == kind }.map(\.after)
}

@Suite struct MutantGeneratorTests {
    @Test func tokensGiveTheSourceBack() {
        let source = "let s = \"a < b \\(x + \"y\") // no\" /* c /* d */ e */ + 1...3 // tail\n"
        let tokens = SwiftTokenizer.tokenize(source)
        #expect(tokens.map(\.text).joined() == source)
        #expect(tokens.filter { $0.kind == .string }.map(\.text) == ["\"a < b \\(x + \"y\") // no\""])
        #expect(tokens.filter { $0.kind == .comment }.map(\.text) == ["/* c /* d */ e */", "// tail"])
        #expect(tokens.contains { $0.kind == .operatorSymbol && $0.text == "..." })
    }

    @Test func relationalSwapsTheBoundary() throws {
        #expect(try afters("    return a < b", .relational) == ["    return a <= b"])
        #expect(try afters("    return a >= b", .relational) == ["    return a > b"])
        #expect(try afters("    return a == b", .relational) == ["    return a != b"])
        // A generic argument list is not a comparison.
        #expect(try afters("    let x = Array<Int>()\n    return x.isEmpty", .relational).isEmpty)
    }

    @Test func arithmeticLogicalAndBounds() throws {
        #expect(try afters("    let c = a + b\n    return c > 0", .arithmetic) == ["    let c = a - b"])
        #expect(try afters("    var c = a\n    c += b\n    return c > 0", .arithmetic) == ["    c -= b"])
        #expect(try afters("    return a > 0 && b > 0", .logical) == ["    return a > 0 || b > 0"])
        #expect(try afters("    for i in 0..<a { _ = i }\n    return true", .bound) == ["    for i in 0...a { _ = i }"])
        // A prefix minus is not an arithmetic operator.
        #expect(try afters("    return -a > b", .arithmetic).isEmpty)
    }

    @Test func constantsMoveByOne() throws {
        #expect(try afters("    return a > 2", .constant) == ["    return a > 3", "    return a > 1"])
        #expect(try afters("    return a > 0", .constant) == ["    return a > 1"])
        // A tuple element is not a constant.
        #expect(try afters("    let t = (a, b)\n    return t.0 > b", .constant).isEmpty)
    }

    @Test func neighboursAndReturns() throws {
        // A use is swapped; the new name (`let next`) and a label are not.
        #expect(try afters("    let next = a\n    return next > b", .neighbour) == ["    return previous > b"])
        #expect(try afters("    _ = Pair(left: a, right: b)\n    return a > b", .neighbour).isEmpty)
        #expect(try afters("    if a > b { return true }\n    return false", .swapReturn)
                == ["    if a > b { return false }", "    return true"])
    }

    @Test func statementsConditionsAndThrows() throws {
        let body = """
                var total = a
                total = b
                record(total)
                if a > b {
                    throw Failure.bad
                }
                guard a != 0 else { throw Failure.zero }
                return total > 0
            """
        #expect(try afters(body, .deleteStatement).count == 2, "the assignment and the call")
        #expect(try afters(body, .dropThrow).count == 2, "the throw and the one-line guard")
        #expect(try afters(body, .invertCondition)
                == ["    if !(a > b) {", "    guard !(a != 0) else { throw Failure.zero }"])
        // Declarations, bindings and control flow are not deleted or inverted.
        #expect(try afters("    guard let x = Optional(a) else { return false }\n    return x > b", .invertCondition).isEmpty)
        #expect(try afters("    let x = a\n    return x > b", .deleteStatement).isEmpty)
    }

    @Test func onlyMarkedCodeIsMutated() throws {
        let all = try mutants("    return a < b", outside: "let kept = 1 < 2\nfunc other() -> Bool { return 3 > 4 }\n")
        #expect(!all.isEmpty)
        // The marked code is on line 5 (two lines before, the func, the BEGIN marker).
        #expect(all.allSatisfy { $0.line == 5 }, "\(all.map(\.line))")
        // Another assignment's block is left alone.
        let other = "func f(_ a: Int) -> Bool {\n    // BEGIN ASSIGNMENT 02-segment\n    return a < 1\n    // END ASSIGNMENT 02-segment\n}\n"
        #expect(try MutantGenerator(assignment: "01-set").mutants(of: other, path: "f.swift").isEmpty)
    }

    @Test func commentsAndStringsAreUntouched() throws {
        let all = try mutants("""
                // a < b + 1 when next is true
                let text = "a < b && next 1 \\(a + 1)"
                /* return true */
                return text.isEmpty
            """)
        #expect(all.allSatisfy { !$0.before.contains("//") && !$0.before.contains("/*") }, "\(all.map(\.id))")
        let onText = all.filter { $0.before.contains("let text") }
        #expect(onText.isEmpty, "\(onText.map(\.change))")
        // Negative control: the same code outside the string is mutated.
        #expect(try !mutants("    let text = a < b && next > 1\n    return text").filter { $0.line == 4 }.isEmpty)
    }

    @Test func theSameSeedPicksTheSameMutants() throws {
        let body = (1...12).map { "    let v\($0) = a + \($0) < b" }.joined(separator: "\n") + "\n    return v1"
        let all = try mutants(body)
        #expect(all.count > 30)
        #expect(Set(all.map(\.id)).count == all.count, "ids are unique")
        let first = MutantGenerator.sample(all, seed: 7, budget: 5)
        #expect(first == MutantGenerator.sample(all, seed: 7, budget: 5))
        #expect(first.count == 5)
        #expect(first != MutantGenerator.sample(all, seed: 8, budget: 5), "another seed picks others")
        #expect(MutantGenerator.sample(all, seed: 7, budget: nil).count == all.count)
        #expect(try mutants(body) == all, "generation itself is deterministic")
    }

    @Test func applyingChangesOneLine() throws {
        let source = marked("    return a < b")
        let mutant = try #require(try mutants("    return a < b").first { $0.kind == .relational })
        let changed = mutant.apply(to: source)
        let (before, after) = (source.split(separator: "\n"), changed.split(separator: "\n"))
        #expect(zip(before, after).filter { $0 != $1 }.count == 1)
        #expect(changed.contains("return a <= b"))
    }

    @Test func reportEscapesAndScores() throws {
        let mutant = Mutant(id: "m-1", path: "set/x.swift", line: 3, kind: .relational, change: "`<` -> `<=`",
                            before: "    a < b <script>", after: "    a <= b <script>")
        func result(_ status: MutantStatus, failed: [FailedTest] = []) -> MutantResult {
            MutantResult(mutant: mutant, status: status, failedTests: failed, score: 0, maxScore: 100, seconds: 1)
        }
        let hidden = FailedTest(name: "h", visibility: "hidden", verdict: "fail", points: 0, maxPoints: 5)
        let open = FailedTest(name: "p", visibility: "public", verdict: "panic", points: 0, maxPoints: 5)
        let report = MutationReport(assignment: "01-set", seed: 1, budget: nil, generated: 9,
                                    results: [result(.killed, failed: [open]), result(.killed, failed: [hidden]),
                                              result(.survived), result(.stillborn)])
        #expect(report.score == 2.0 / 3.0)
        #expect(report.publicShare == 0.5)
        #expect(report.html().contains("&lt;script&gt;") && !report.html().contains("<script>"))
        #expect(report.terminalText().contains("survivor m-1"))
        #expect(report.terminalText().contains("66.7%"))
    }

    /// A survivor listed as equivalent leaves the score (with its reason
    /// shown); an unlisted survivor still counts; a listed mutant that a
    /// test killed is named as misjudged and stays killed.
    @Test func equivalentSurvivorsLeaveTheScore() throws {
        func result(_ id: String, _ status: MutantStatus) -> MutantResult {
            let mutant = Mutant(id: id, path: "set/x.swift", line: 3, kind: .constant, change: "`4` -> `5`",
                                before: "    grow(4)", after: "    grow(5)")
            let failed = status == .killed
                ? [FailedTest(name: "p", visibility: "public", verdict: "fail", points: 0, maxPoints: 5)] : []
            return MutantResult(mutant: mutant, status: status, failedTests: failed, score: 0, maxScore: 100,
                                seconds: 1)
        }
        let list = try EquivalentMutants(parsing: """
            # id        why
            same-1      the first capacity: 5 slots work as 4 do

            killed-1    wrongly judged
            """, file: "list.txt")
        let results = [result("same-1", .survived), result("real-1", .survived), result("killed-1", .killed),
                       result("killed-2", .killed)]
        let judged = MutationReport(assignment: "01-set", seed: 1, budget: nil, generated: 4, results: results,
                                    equivalents: list)
        #expect(judged.equivalent == 1 && judged.survived == 1 && judged.killed == 2)
        #expect(judged.score == 2.0 / 3.0)
        #expect(judged.misjudged == ["killed-1"])
        #expect(judged.terminalText().contains("equivalent same-1 (`4` -> `5`): the first capacity"))
        #expect(judged.terminalText().contains("survivor real-1"))
        #expect(judged.html().contains("why: the first capacity"))
        // Control: without the list both survivors count.
        let plain = MutationReport(assignment: "01-set", seed: 1, budget: nil, generated: 4, results: results)
        #expect(plain.equivalent == 0 && plain.survived == 2 && plain.score == 0.5)
        // A line without a reason, or an id twice, is refused.
        #expect(throws: MutationRunError.self) { try EquivalentMutants(parsing: "lonely-1\n", file: "l") }
        #expect(throws: MutationRunError.self) { try EquivalentMutants(parsing: "a-1 x\na-1 y\n", file: "l") }
    }
}

// Tests/GraderKitTests/SimilarityTests.swift -- `grader similarity` finds copies, and only copies.
//
// The fixtures (SimilarityFixtures.swift) are two independent stacks
// written against the 01-set skeleton and three disguised copies of the
// first. The baseline is the real kit's (the skeleton cut from
// reference/ in memory, machine/, boot/, the harness). Each finding has
// its negative control: the independent solution, a submission that is
// the untouched skeleton, the same check without the baseline.

import Foundation
import StripperKit
import Testing
@testable import GraderKit

@Suite struct SimilarityTests {
    static let baseline = try! SimilarityBaseline.given(by: try! Kit(root: realKitRoot), assignment: "01-set")

    /// The score of `a` against `b` (0 when the pair is not reported at threshold 0).
    func score(_ a: String, _ b: String, baseline: SimilarityBaseline = baseline) -> Double {
        let submissions = [ComparedSubmission(name: "a", texts: ["set/stack.swift": a]),
                           ComparedSubmission(name: "b", texts: ["set/stack.swift": b])]
        let check = SimilarityCheck(submissions, baseline: baseline, options: SimilarityOptions(threshold: 0))
        return check.pairs().first?.score ?? 0
    }

    @Test func theLexerDropsNamesCommentsAndLayout() {
        let one = SwiftLexer.tokens(of: "let count = items.count // how many\n/* a /* nested */ note */")
        let two = SwiftLexer.tokens(of: "let   n=\n  pile . count")
        #expect(one.map(\.kind) == ["let", "$id", "=", "$id", ".", "$id"])
        #expect(one.map(\.kind) == two.map(\.kind))
        // Negative control: a different keyword or operator is a different token.
        #expect(SwiftLexer.tokens(of: "var n = pile.count").map(\.kind) != two.map(\.kind))
        #expect(SwiftLexer.tokens(of: "let n = pile.count + 1").map(\.kind) != two.map(\.kind))
    }

    @Test func theLexerReadsLiteralsByClass() {
        let quotes = String(repeating: "\"", count: 3)
        let text = ##"x("a \(b["c"]) d", #"raw "q" "#, "## + quotes + "\n multi \"line\"\n " + quotes
            + ", 0x1F, 1_000, 3.5e-2, 1..<n)"
        let kinds = SwiftLexer.tokens(of: text).map(\.kind)
        #expect(kinds == ["$id", "(", "$str", ",", "$str", ",", "$str", ",", "$num", ",", "$num", ",", "$num", ",",
                          "$num", "..<", "$id", ")"])
        // Lines: the token after a multi-line string starts two lines down.
        let tokens = SwiftLexer.tokens(of: "let a = " + quotes + "\none\n" + quotes + "\nlet b")
        #expect(tokens.last?.line == 4)
        // Hostile input never hangs or crashes: unterminated everything.
        for broken in ["\"abc", "/* open", "#\"raw", "\"\\(", "`name", "'x", quotes + "\n", "@", "#", "$"] {
            _ = SwiftLexer.tokens(of: broken)
        }
    }

    @Test func aCopyWithRenamedVariablesIsFound() {
        #expect(score(arrayStack, renamedStack) > 0.9)
        // Negative control: the independent solution.
        #expect(score(linkedStack, renamedStack) < 0.2)
    }

    @Test func aCopyWithFunctionsReorderedIsFound() {
        #expect(reorderedStack != arrayStack)
        #expect(score(arrayStack, reorderedStack) > 0.6)
        #expect(score(linkedStack, reorderedStack) < 0.2)
    }

    @Test func aCopyWithCommentsAndLayoutChangedIsFound() {
        #expect(score(arrayStack, reformattedStack) > 0.9)
        #expect(score(linkedStack, reformattedStack) < 0.2)
    }

    @Test func twoIndependentSolutionsOfTheSkeletonAreNotFlagged() {
        let independent = score(arrayStack, linkedStack)
        #expect(independent < SimilarityOptions().threshold / 2)
        // Negative control: each is found in a copy of itself.
        #expect(score(linkedStack, linkedStack) == 1)
    }

    @Test func theSkeletonsCodeIsNotShared() throws {
        // Two students who handed in the skeleton share nothing of their own.
        let skeleton = try SkeletonCode.stack()
        #expect(score(skeleton, skeleton) == 0)
        // Negative control: without the baseline the same pair is identical.
        #expect(score(skeleton, skeleton, baseline: SimilarityBaseline(texts: [])) == 1)
        // And the skeleton's lines inside two independent solutions do not bring them together.
        #expect(score(arrayStack, linkedStack, baseline: SimilarityBaseline(texts: [])) > score(arrayStack, linkedStack))
    }

    @Test func earlierSubmissionsAreNotComparedAmongThemselves() {
        let submissions = [ComparedSubmission(name: "now", texts: ["set/stack.swift": linkedStack]),
                           ComparedSubmission(name: "old1", isEarlier: true, texts: ["set/stack.swift": arrayStack]),
                           ComparedSubmission(name: "old2", isEarlier: true, texts: ["set/stack.swift": renamedStack]),
                           ComparedSubmission(name: "old3", isEarlier: true, texts: ["set/stack.swift": linkedStack])]
        let pairs = SimilarityCheck(submissions, baseline: Self.baseline, options: SimilarityOptions()).pairs()
        #expect(pairs.map { [submissions[$0.first].name, submissions[$0.second].name] } == [["now", "old3"]])
        // Negative control: as current submissions, old1 and old2 are a pair.
        let current = submissions.map { ComparedSubmission(name: $0.name, files: $0.files) }
        let all = SimilarityCheck(current, baseline: Self.baseline, options: SimilarityOptions()).pairs()
        #expect(all.contains { [current[$0.first].name, current[$0.second].name] == ["old1", "old2"] })
    }

    @Test func passagesPointAtTheSharedLines() throws {
        // The first submission adds a function of its own at the end.
        let own = arrayStack.replacingOccurrences(of: "\n}\n", with: """

                /// How many objects have an even identifier (the student's own idea).
                func evenCount() -> Int {
                    var evens = 0
                    for item in items where item.identifier.hashValue % 2 == 0 { evens += 1 }
                    return evens // unique marker line
                }
            }

            """)
        let submissions = [ComparedSubmission(name: "a", texts: ["set/stack.swift": own]),
                           ComparedSubmission(name: "b", texts: ["set/stack.swift": reorderedStack])]
        let pair = try #require(SimilarityCheck(submissions, baseline: Self.baseline, options: SimilarityOptions()).pairs().first)
        #expect(!pair.passages.isEmpty)
        let lines = own.split(separator: "\n", omittingEmptySubsequences: false)
        let covered = pair.passages.flatMap { Array(lines[($0.firstLines.lowerBound - 1) ..< $0.firstLines.upperBound]) }
        #expect(covered.contains { $0.contains("while index >= 0") })
        // Negative control: the function only `a` has is in no passage.
        #expect(!covered.contains { $0.contains("unique marker line") })
        #expect(pair.passages.allSatisfy { $0.firstFile == "set/stack.swift" && $0.secondFile == "set/stack.swift" })
    }
}

/// The 01-set skeleton's stack, cut in memory like the baseline.
enum SkeletonCode {
    static func stack() throws -> String {
        let tree = StripperKit.FileTree(root: realKitRoot)
        return try SkeletonBuilder(tree: tree).skeleton(for: "01-set").files["set/stack.swift"]!.text
    }
}

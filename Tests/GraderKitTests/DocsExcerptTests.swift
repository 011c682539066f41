// Tests/GraderKitTests/DocsExcerptTests.swift -- a quoted excerpt that drifts from its source fails.
//
// Each test builds a small tree, a source with markers and a chapter that
// quotes it, and changes one thing: the quote (differs), the name
// (unknown), the markers (unbalanced, malformed, duplicated), the stripper's
// block (overlap). The unchanged tree is the negative control: no problem.
// Sync is tried on a stale quote (rewritten, then clean) and on a quote of
// stripped code (left alone, still reported). The last test runs the check
// on the repository's own book.

import Foundation
import Testing
import TestSupport
@testable import GraderKit

@Suite("Docs: quoted excerpts")
struct DocsExcerptTests {
    static let source = """
        struct Set {
            // excerpt: set-add
            /// Adds `object`.
            func add(_ object: Int) {
                // excerpt: set-add-step
                store(object)   // 1.
                // end excerpt

                count += 1
            }
            // end excerpt
        }
        # excerpt: yaml-style
          key: value
        # end excerpt
        /* excerpt: c-style */
        SECTIONS { }
        /* end excerpt */

        """

    static let chapter = """
        # Chapter

        <!-- excerpt: src/set.swift#set-add -->
        ```swift
        /// Adds `object`.
        func add(_ object: Int) {
            store(object)   // 1.

            count += 1
        }
        ```

        <!-- excerpt: src/set.swift#set-add-step -->
        ```swift
        store(object)   // 1.
        ```

        <!-- excerpt: src/set.swift#yaml-style -->
        ```yaml
        key: value
        ```

        <!-- excerpt: src/set.swift#c-style -->
        ~~~
        SECTIONS { }
        ~~~

        """

    /// Writes the source and the chapter (each changed by `edit`) and checks them.
    private func check(source: String = source, chapter: String = chapter) throws -> (TemporaryFolder, [ExcerptProblem]) {
        let folder = try TemporaryFolder("excerpts")
        try folder.write("src/set.swift", source)
        try folder.write("docs/chapter.md", chapter)
        let problems = Excerpts.problems(markdown: [folder.url.appendingPathComponent("docs/chapter.md")],
                                         sources: [folder.url.appendingPathComponent("src/set.swift")], root: folder.url)
        return (folder, problems)
    }

    @Test("Quotes equal to their excerpts (markers and common indentation gone) pass, in every comment syntax")
    func matching() throws {
        let (_, problems) = try check()
        #expect(problems == [])
    }

    @Test("A quote that differs by one character fails, on the comment's line, naming both lines")
    func differs() throws {
        let (_, problems) = try check(chapter: Self.chapter.replacingOccurrences(of: "count += 1", with: "count += 2"))
        #expect(problems.count == 1)
        #expect(problems.first?.file == "docs/chapter.md")
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message.contains("'    count += 2'") == true)
        #expect(problems.first?.message.contains("'    count += 1'") == true)
        #expect(problems.first?.message.contains("make docs-sync") == true)
    }

    @Test("Trailing blanks and indentation count: the comparison is byte for byte")
    func byteForByte() throws {
        let (_, trailing) = try check(chapter: Self.chapter.replacingOccurrences(of: "store(object)   // 1.\n```", with: "store(object)   // 1. \n```"))
        #expect(trailing.map(\.line) == [13])
        let (_, indented) = try check(chapter: Self.chapter.replacingOccurrences(of: "\nkey: value", with: "\n  key: value"))
        #expect(indented.map(\.line) == [18])
    }

    @Test("An unknown name, an unknown file and a comment without a block are problems")
    func unknown() throws {
        let (_, name) = try check(chapter: Self.chapter.replacingOccurrences(of: "#c-style", with: "#c-styles"))
        #expect(name.map(\.message).contains { $0.contains("no usable excerpt 'c-styles'") && $0.contains("it has: c-style, set-add") })
        let (_, file) = try check(chapter: Self.chapter.replacingOccurrences(of: "src/set.swift#yaml", with: "src/gone.swift#yaml"))
        #expect(file.map(\.message).contains("no such source file 'src/gone.swift'"))
        let (_, noBlock) = try check(chapter: Self.chapter + "<!-- excerpt: src/set.swift#set-add -->\n\ntext\n")
        #expect(noBlock.map(\.message).contains { $0.contains("followed, on the next line, by a fenced code block") })
        let (_, malformed) = try check(chapter: Self.chapter + "<!-- excerpt src/set.swift -->\n")
        #expect(malformed.map(\.message).contains { $0.hasPrefix("malformed excerpt comment") })
        // A comment that merely mentions the word is not a quote.
        let (_, mention) = try check(chapter: Self.chapter + "<!-- the excerpt below is short -->\n")
        #expect(mention == [])
    }

    @Test("Unbalanced, malformed and duplicated markers are problems in the source")
    func markers() throws {
        let (_, unclosed) = try check(source: Self.source.replacingOccurrences(of: "/* end excerpt */", with: ""))
        #expect(unclosed.contains { $0.file == "src/set.swift" && $0.line == 16 && $0.message.contains("never closed") })
        let (_, stray) = try check(source: Self.source + "// end excerpt\n")
        #expect(stray.contains { $0.line == 19 && $0.message.contains("without an 'excerpt: <name>'") })
        let (_, bad) = try check(source: Self.source + "// excerpt: Bad_Name\n")
        #expect(bad.contains { $0.message.hasPrefix("malformed excerpt marker") })
        let (_, twice) = try check(source: Self.source + "// excerpt: c-style\nx\n// end excerpt\n")
        #expect(twice.contains { $0.message.contains("a second excerpt named 'c-style'") })
    }

    @Test("An excerpt marked but quoted nowhere is a problem (its markers would be noise)")
    func unused() throws {
        let (_, problems) = try check(source: Self.source + "// excerpt: lonely\nx\n// end excerpt\n")
        #expect(problems.map(\.message) == ["excerpt 'lonely' is quoted nowhere: quote it or remove its markers"])
    }

    @Test("An excerpt overlapping a stripped block is refused: the book would hand out the solution")
    func overlapsStrippedCode() throws {
        let stripped = Self.source.replacingOccurrences(
            of: "        store(object)   // 1.\n",
            with: "        // BEGIN ASSIGNMENT 01-set\n        store(object)   // 1.\n        // END ASSIGNMENT 01-set\n")
        let (folder, problems) = try check(source: stripped)
        // Both the function and the step around the block are refused, and then unknown to the chapter.
        #expect(problems.filter { $0.message.contains("overlaps the block of assignment 01-set") }.count == 2)
        #expect(problems.filter { $0.message.contains("no usable excerpt") }.count == 2)
        // Sync does not copy the stripped code into the book either.
        let chapter = folder.url.appendingPathComponent("docs/chapter.md")
        let before = try String(contentsOf: chapter, encoding: .utf8)
        let synced = try Excerpts.sync(markdown: [chapter], root: folder.url)
        #expect(synced.rewritten == [])
        #expect(try String(contentsOf: chapter, encoding: .utf8) == before)
        // Markers inside a block (the stripper would cut them, or turn them
        // into code in an ELSE part) are refused the same way.
        let inside = Self.source.replacingOccurrences(of: "/* excerpt: c-style */", with: "// BEGIN ASSIGNMENT 01-set\n/* excerpt: c-style */")
            .replacingOccurrences(of: "/* end excerpt */", with: "/* end excerpt */\n// ELSE\n// throw KernelError.notImplemented\n// END ASSIGNMENT 01-set")
        let (_, cut) = try check(source: inside)
        #expect(cut.contains { $0.line == 17 && $0.message.contains("excerpt 'c-style'") && $0.message.contains("overlaps the block of assignment 01-set (lines 16-22)") })
        // A block that merely sits next to an excerpt is fine.
        let beside = Self.source.replacingOccurrences(of: "}\n# excerpt", with: "}\n// BEGIN ASSIGNMENT 01-set\nx\n// END ASSIGNMENT 01-set\n# excerpt")
        let (_, clean) = try check(source: beside)
        #expect(clean == [])
    }

    @Test("Sync rewrites stale quotes from the source, after which the check is clean")
    func sync() throws {
        let changed = Self.source.replacingOccurrences(of: "count += 1", with: "count += 2").replacingOccurrences(of: "SECTIONS { }", with: "SECTIONS { ~~~~ }")
        let (folder, problems) = try check(source: changed)
        #expect(problems.count == 2)
        let chapter = folder.url.appendingPathComponent("docs/chapter.md")
        let result = try Excerpts.sync(markdown: [chapter], root: folder.url)
        #expect(result.rewritten == ["docs/chapter.md"])
        #expect(result.problems == [])
        let text = try String(contentsOf: chapter, encoding: .utf8)
        #expect(text.contains("    count += 2\n"))
        // The fence grew longer than the run of '~' the code now holds.
        #expect(text.contains("~~~~~\nSECTIONS { ~~~~ }\n~~~~~\n"))
        let (_, after) = try check(source: changed, chapter: text)
        #expect(after == [])
        // A second sync has nothing to do.
        #expect(try Excerpts.sync(markdown: [chapter], root: folder.url).rewritten == [])
    }

    @Test("A hidden test is never quoted, even when its markers are sound")
    func hiddenTestsAreNotQuoted() throws {
        let folder = try TemporaryFolder("excerpts")
        try folder.write("assignments/01-set/hidden/secret_tests.swift", "// excerpt: secret\nfunc test_secret() {}\n// end excerpt\n")
        try folder.write("docs/chapter.md", "<!-- excerpt: assignments/01-set/hidden/secret_tests.swift#secret -->\n```swift\nfunc test_secret() {}\n```\n")
        let problems = Excerpts.problems(markdown: [folder.url.appendingPathComponent("docs/chapter.md")], root: folder.url)
        #expect(problems.map(\.message) == ["'assignments/01-set/hidden/secret_tests.swift' is a hidden test: the book never quotes one (students read the book)"])
    }

    @Test("In a student kit (kernel/, no reference/), a quote of reference/ reads the kit's core")
    func kitCore() throws {
        let folder = try TemporaryFolder("excerpts")
        try folder.write("kernel/set.swift", Self.source)
        try folder.write("docs/chapter.md", Self.chapter.replacingOccurrences(of: "src/set.swift", with: "reference/set.swift"))
        let chapter = folder.url.appendingPathComponent("docs/chapter.md")
        let core = folder.url.appendingPathComponent("kernel/set.swift")
        #expect(Excerpts.problems(markdown: [chapter], sources: [core], root: folder.url) == [])
        // The negative control: the kit's core differs from the quote.
        try folder.write("kernel/set.swift", Self.source.replacingOccurrences(of: "count += 1", with: "count += 3"))
        #expect(Excerpts.problems(markdown: [chapter], sources: [core], root: folder.url).count == 1)
    }

    @Test("The stripper's markers are not excerpt markers, and excerpt markers are ordinary text to the stripper")
    func distinctMarkers() {
        #expect(ExcerptMarker.classify("    // BEGIN ASSIGNMENT 01-set") == nil)
        #expect(ExcerptMarker.classify("    // END ASSIGNMENT 01-set") == nil)
        #expect(ExcerptMarker.classify("    /// excerpt: doc comment") == nil)
        #expect(ExcerptMarker.classify("  // excerpt: set-add") == .open("set-add"))
        #expect(ExcerptMarker.classify("# end excerpt") == .close)
        #expect(ExcerptSource.strippedBlocks(["a", "// BEGIN ASSIGNMENT 01-set", "b", "// END ASSIGNMENT 01-set"]).map(\.first) == [2])
    }

    @Test("The repository's book quotes its sources exactly, and every marked excerpt is quoted")
    func shippedBook() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // Minutes in a debug build: off the pool, which the other tests need.
        let problems = try await offThePool {
            Excerpts.problems(markdown: DocsLayout.markdownFiles(root: root), sources: DocsLayout.sourceFiles(root: root),
                              root: root).map(\.description)
        }
        #expect(problems == [])
        // The check did find quotes to compare.
        let book = try String(contentsOf: root.appendingPathComponent("docs/book/01-spine.md"), encoding: .utf8)
        #expect(book.contains("<!-- excerpt: "))
    }
}

// Tests/GraderKitTests/DocsLinkTests.swift -- the link check finds what is broken, and only that.
//
// Each kind of link is tried in a small tree twice: once leading somewhere
// (no report) and once leading nowhere (exactly one report, on the right
// line, with the reason). The last tests run the check on the kit's own
// docs/, subjects, README.md and scripts: what we ship has no broken link.

import Foundation
import Testing
import TestSupport
@testable import GraderKit

@Suite("Docs: links and code references")
struct DocsLinkTests {
    /// A small tree: docs/a.md links to b.md, code files to refer to.
    private func tree(_ markdown: String) throws -> (TemporaryFolder, [BrokenLink]) {
        let folder = try TemporaryFolder("links")
        try folder.write("docs/b.md", "# Title\n\n## 1.2 `make qemu`: run *one* test\n\n## Same\n\n## Same\n\nSetext\n------\n\n<a name=\"custom\"></a>\n")
        try folder.write("src/entry.swift", (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n")
        try folder.write("src/deep/only.S", "a\nb\nc\n")
        try folder.write("other/entry.swift", "x\n")
        try folder.write("docs/a.md", markdown)
        return (folder, MarkdownLinks.broken(in: folder.url.appendingPathComponent("docs"), root: folder.url))
    }

    @Test("Relative links, anchors and line anchors that exist are not reported")
    func goodLinks() throws {
        let (_, broken) = try tree("""
            # Top
            See [b](b.md), [title](b.md#title), [run](b.md#12-make-qemu-run-one-test),
            [same](b.md#same), [same again](b.md#same-1), [setext](b.md#setext), [html](b.md#custom),
            [self](#top), [folder](../src), [lines](../src/entry.swift#L3-L20), <https://example.com/x.md>,
            [web](https://example.com/missing.md), [mail](mailto:a@b.c), ![pic](<b.md>), [t](b.md "a title").

            [ref]: b.md#title
            """)
        #expect(broken == [])
    }

    @Test("A missing file, a missing anchor and bad line anchors are each reported on their line")
    func badLinks() throws {
        let (_, broken) = try tree("""
            # Top
            [x](missing.md)
            [y](b.md#no-such-heading)
            [z](#nowhere) and [w](../src/entry.swift#L21)
            [v](b.md#same-2)

            [ref]: gone.md
            """)
        #expect(broken.map(\.line) == [2, 3, 4, 4, 5, 7])
        #expect(broken.map(\.target) == ["missing.md", "b.md#no-such-heading", "#nowhere", "../src/entry.swift#L21", "b.md#same-2", "gone.md"])
        #expect(broken[0].reason == "no such file")
        #expect(broken[1].reason.contains("no heading"))
        #expect(broken[3].reason.contains("past the end"))
        #expect(broken.allSatisfy { $0.file == "docs/a.md" })
        #expect(broken[0].description == "docs/a.md:2: 'missing.md': no such file")
    }

    @Test("Code references: from the root, from the file's folder, or a unique suffix")
    func goodCodeReferences() throws {
        let (_, broken) = try tree("""
            The entry is `src/entry.swift:12`, its end src/entry.swift:15-20, and
            `deep/only.S:3` or only.S:1-3 find the one file of that name.
            A diagnostic such as `src/entry.swift:99:5: error` is an example, not a reference.
            """)
        #expect(broken == [])
    }

    @Test("Code references: missing lines, a missing file, an ambiguous name, a backward range")
    func badCodeReferences() throws {
        let (_, broken) = try tree("""
            `src/entry.swift:21`
            src/nothing.swift:1
            entry.swift:1 has two candidates
            `src/entry.swift:9-3`
            """)
        #expect(broken.map(\.line) == [1, 2, 3, 4])
        #expect(broken[0].reason == "line 21 is past the end (the file has 20 lines)")
        #expect(broken[1].reason == "no such file")
        #expect(broken[2].reason.hasPrefix("ambiguous"))
        #expect(broken[3].reason.contains("backwards"))
    }

    @Test("Fenced blocks and inline code are not links")
    func codeIsNotALink() throws {
        let (_, broken) = try tree("""
            ```sh
            [x](missing.md) src/nothing.swift:1
            ```
            ~~~~
            ```
            [y](missing.md)
            ~~~~
            Inline `[z](missing.md)` is code. But [w](missing.md) after it is a link.
            """)
        #expect(broken.map(\.line) == [8])
        #expect(broken.map(\.target) == ["missing.md"])
    }

    @Test("GitHub's slugs: punctuation goes, code and snake_case stay, emphasis goes")
    func slugs() {
        #expect(MarkdownText.slug("0.4 `make gdb`: step through your code") == "04-make-gdb-step-through-your-code")
        #expect(MarkdownText.slug("Trust: what is built and what is ignored") == "trust-what-is-built-and-what-is-ignored")
        #expect(MarkdownText.slug("The `test_set_add` _check_ [link](x.md)") == "the-test_set_add-check-link")
        #expect(MarkdownText.slug("What can (and cannot) be forged?") == "what-can-and-cannot-be-forged")
    }

    @Test("A target written outside Markdown (a script's chapter) is checked from the root")
    func targetOutsideMarkdown() throws {
        let (folder, _) = try tree("# Top\n")
        #expect(MarkdownLinks.problem(withTarget: "docs/b.md#setext", root: folder.url) == nil)
        #expect(MarkdownLinks.problem(withTarget: "docs/b.md", root: folder.url) == nil)
        #expect(MarkdownLinks.problem(withTarget: "docs/b.md#nope", root: folder.url)?.contains("no heading") == true)
        #expect(MarkdownLinks.problem(withTarget: "docs/gone.md#title", root: folder.url) == "no such file")
    }

    @Test("Every chapter a shipped rubric or test script names exists, anchor included")
    func shippedChapters() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scripts = DocsLayout.sourceFiles(["assignments"], root: root).filter { $0.pathExtension == "yaml" }
        var checked = 0
        var broken: [String] = []
        for script in scripts {
            let text = try String(contentsOf: script, encoding: .utf8)
            for match in text.matches(of: #/(?m)^chapter:\s*"?([^"\s]+)"?\s*$/#) {
                checked += 1
                if let problem = MarkdownLinks.problem(withTarget: String(match.output.1), root: root) {
                    broken.append("\(script.lastPathComponent): \(match.output.1): \(problem)")
                }
            }
        }
        #expect(broken == [])
        #expect(checked > 10)
    }

    @Test("The kit's docs/, subjects and README.md have no broken link or code reference")
    func shippedDocs() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // Minutes in a debug build: off the pool, which the other tests need.
        let broken = try await offThePool {
            (MarkdownLinks.broken(in: root.appendingPathComponent("docs"), root: root)
                + MarkdownLinks.broken(in: root.appendingPathComponent("assignments"), root: root)
                + MarkdownLinks.broken(inFile: root.appendingPathComponent("README.md"), root: root)).map(\.description)
        }
        #expect(broken == [])
        // The check did read the docs: the book links to itself.
        let book = try String(contentsOf: root.appendingPathComponent("docs/README.md"), encoding: .utf8)
        #expect(LinkChecker.linkTargets(book).contains("book/01-spine.md"))
    }
}

// Tests/StripperTests/KitDocsTests.swift -- what a kit ships names the kit's own paths.
//
// Every kit (each assignment with a rubric) is exported into a temporary
// folder and read as a student would:
// * no `reference/<path>` is left where the kit has `kernel/<path>`: the
//   book, the source headers and the grader's comments name the kit's files;
// * every relative markdown link and `path:line` reference of its docs
//   resolves inside the kit (GraderKit's MarkdownLinks);
// * every `docs/....md` a shipped file that is not markdown names (a
//   comment of mk/, a source header, a script's pointer into the book)
//   exists in the kit; `docs/x.md:12: ...`, an example of a diagnostic,
//   is not a mention (MarkdownLinks reads the markdown files, and skips
//   their fenced examples).
// Each check has a negative control: the teacher's text, or a kit with a
// link planted in it, must fail it.

import Foundation
import enum GraderKit.MarkdownLinks
import Testing
@testable import StripperKit

@Suite struct KitDocsTests {
    /// The teacher's tree: this repository.
    static let teacher = FileTree(root: kitRoot)

    /// Exports the kit of `assignment` from the real tree into a temporary folder.
    func export(_ assignment: String) throws -> TempTree {
        let kit = try StudentKit(assignment: assignment, tree: Self.teacher)
        let output = try TempTree()
        try kit.write(from: Self.teacher, to: output.tree)
        return output
    }

    /// `reference/<name>...` mentions in `text` where `<name>` is in
    /// `kernel` (the kit's kernel/ entries): told in the teacher's paths.
    /// A mention continuing another path (`grader-out/reference/x`) is not one.
    static func teacherPaths(in text: String, kernel: Set<String>) -> [String] {
        text.matches(of: /(?:^|[^\w.\/-])(reference\/([\w.-]+)[\w.\/-]*)/)
            .filter { kernel.contains(String($0.output.2)) }
            .map { String($0.output.1) }
    }

    /// `docs/....md` paths named in `text` that `kit` does not have.
    static func missingDocs(in text: String, kit: FileTree) -> [String] {
        text.matches(of: /(?:^|[^\w.\/-])(docs\/[\w.\/-]+\.md)(?!:\d+:)/)
            .map { String($0.output.1) }
            .filter { !kit.exists($0) }
    }

    /// The kit's text files (UTF-8), by path.
    static func texts(of kit: FileTree) -> [(String, String)] {
        kit.files(under: "").compactMap { path in (try? kit.read(path)).map { (path, $0) } }
    }

    @Test(arguments: Curriculum.course.graded(in: teacher))
    func everyTextNamesTheKitsPaths(assignment: String) throws {
        let kit = try export(assignment)
        defer { kit.remove() }
        let kernel = Set(kit.tree.entries(of: "kernel"))
        #expect(kernel.contains("set"))
        for (path, text) in Self.texts(of: kit.tree) {
            #expect(Self.teacherPaths(in: text, kernel: kernel) == [], "\(path)")
            if !path.hasSuffix(".md") {
                #expect(Self.missingDocs(in: text, kit: kit.tree) == [], "\(path)")
            }
        }
        // The source headers and the set chapter say kernel/set/...
        #expect(try kit.tree.read("kernel/set/list.swift").hasPrefix("// kernel/set/list.swift -- "))
        #expect(try kit.tree.read("docs/book/02-set.md").contains("kernel/set/"))
    }

    @Test(arguments: Curriculum.course.graded(in: teacher))
    func everyLinkResolvesInsideTheKit(assignment: String) throws {
        let kit = try export(assignment)
        defer { kit.remove() }
        let broken = MarkdownLinks.broken(in: kit.tree.root, root: kit.tree.root)
        #expect(broken.isEmpty, "\(broken.map(\.description).joined(separator: "\n"))")
    }

    /// Negative controls: the teacher's text fails the path checks, and a
    /// link to a file the kit does not ship is found in an exported kit.
    @Test func theChecksCatchWhatTheyLookFor() throws {
        let kernel: Set<String> = ["set", "id", "kernel", "stats"]
        let chapter = try Self.teacher.read("docs/book/02-set.md")
        #expect(!Self.teacherPaths(in: chapter, kernel: kernel).isEmpty)
        #expect(Self.teacherPaths(in: "see build/grader-out/reference/set and reference/ alone", kernel: kernel) == [])
        #expect(Self.teacherPaths(in: "(reference/set/list.swift:12)", kernel: kernel) == ["reference/set/list.swift"])
        let kit = try export("01-set")
        defer { kit.remove() }
        #expect(Self.missingDocs(in: "# docs/teacher/guide.md explains them", kit: kit.tree) == ["docs/teacher/guide.md"])
        #expect(Self.missingDocs(in: "# docs/book/00-workflow.md explains them", kit: kit.tree) == [])
        #expect(Self.missingDocs(in: "// docs/book/x.md:12: 'y.md#z': no heading", kit: kit.tree) == [])
        try kit.tree.write("See [the guide](../teacher/guide.md) and `kernel/set/list.swift:9999`.\n",
                           to: "docs/book/planted.md")
        let broken = MarkdownLinks.broken(in: kit.tree.root, root: kit.tree.root).map(\.target)
        #expect(broken.contains("../teacher/guide.md"))
        #expect(broken.contains("kernel/set/list.swift:9999"))
    }
}

// Tests/GraderKitTests/SimilarityRunTests.swift -- `grader similarity` end to end, on hostile input.
//
// A class of submissions in every form intake reads (folder, .tar.gz,
// .zip), one refused for a hostile file name, one whose folder name and
// code carry HTML; then the run on the real kit (01-set), its JSON, its
// page, its table. The run must read only owned files, never write into a
// submission, and show every student byte as inert text.

import Foundation
import Testing
@testable import GraderKit

@Suite struct SimilarityRunTests {
    let folder: TemporaryFolder
    let run: SimilarityRun
    static let hostileName = "<img src=x onerror=alert(1)>"

    init() throws {
        folder = try TemporaryFolder("similarity")
        run = try SimilarityRun(kit: try Kit(root: realKitRoot), assignment: "01-set", options: SimilarityOptions())
    }

    /// The class: alice (the array stack; the linked one in a file she
    /// does not own), bob (a reordered copy, .tar.gz), carol (the linked
    /// stack, .zip), dave (a hostile file name), and a student whose name
    /// and code carry HTML (a renamed copy).
    private func makeClass() throws -> URL {
        try folder.write("class/alice/kernel/set/stack.swift", arrayStack)
        try folder.write("class/alice/kernel/id/identifier.swift", linkedStack)
        var tar = TarBuilder()
        tar.file("kernel/set/stack.swift", reorderedStack)
        try folder.write("class/bob.tar.gz", data: try gzip(tar.archive, in: folder))
        try makeZip(at: folder.url.appendingPathComponent("class/carol.zip"),
                    [("kernel/set/stack.swift", .file, Data(linkedStack.utf8))])
        try folder.write("class/dave/kernel/set/a;touch${IFS}PWNED;.swift", arrayStack)
        let hostileCode = renamedStack.replacingOccurrences(
            of: "while cursor >= 0 {", with: "while cursor >= 0 { // </pre><script>alert(1)</script>\u{1B}[2J")
        try folder.write("class/\(Self.hostileName)/kernel/set/stack.swift", hostileCode)
        return folder.url.appendingPathComponent("class")
    }

    /// Every file under `url` with its bytes.
    private func snapshot(_ url: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: FileTree.files(under: url).map {
            ($0, FileManager.default.contents(atPath: url.appendingPathComponent($0).path) ?? Data())
        })
    }

    private func names(_ report: SimilarityReport, _ pair: SimilarityReport.Pair) -> Set<String> {
        [report.submissions[pair.first].name, report.submissions[pair.second].name]
    }

    @Test func copiesAreFoundInEveryFormAndHostileInputStaysInert() async throws {
        let classFolder = try makeClass()
        let before = snapshot(classFolder)
        let output = folder.url.appendingPathComponent("out")
        let (report, compared) = try await run.run(current: run.sources(for: [classFolder.path]), earlier: [], output: output)
        let written = try SimilarityRun.write(report, submissions: compared, pairLimit: 100, to: output)
        // The copies, and only them.
        let pairs = Set(report.pairs.map { names(report, $0) })
        #expect(pairs == [["alice", "bob"], ["alice", Self.hostileName], ["bob", Self.hostileName]])
        // Only owned files are read: alice's identifier.swift (the linked stack) is not hers to change.
        #expect(report.submissions.first { $0.name == "alice" }?.files == ["set/stack.swift"])
        // dave is refused by intake, with the name escaped; nothing ran.
        let dave = try #require(report.submissions.first { $0.name == "dave" })
        #expect(dave.refusal?.contains("kernel/set/a\\u{3b}touch\\u{24}") == true)
        #expect(dave.files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "PWNED"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("PWNED")))
        // The page shows the name and the code as text.
        let page = try String(contentsOf: written[1], encoding: .utf8)
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<img") && !page.contains("<script") && !page.contains("\u{1B}"))
        #expect(page.contains("while index &gt;= 0"))
        // The JSON keeps the name exactly; the table shows it sanitised.
        let decoded = try JSONDecoder().decode(SimilarityReport.self, from: Data(contentsOf: written[0]))
        #expect(decoded.submissions.map(\.name) == report.submissions.map(\.name))
        #expect(decoded.pairs.count == 3)
        let table = report.terminalText()
        #expect(table.contains("not compared: dave:"))
        #expect(!table.contains("\u{1B}"))
        // Nothing in the class changed.
        #expect(snapshot(classFolder) == before)
    }

    @Test func earlierSubmissionsAreComparedWithTheCurrentOnesOnly() async throws {
        let classFolder = try makeClass()
        try folder.write("earlier/old-linked/kernel/set/stack.swift", linkedStack)
        try folder.write("earlier/old-array/kernel/set/stack.swift", arrayStack)
        try folder.write("earlier/old-array-2/kernel/set/stack.swift", arrayStack)
        let (report, _) = try await run.run(current: run.sources(for: [classFolder.path]),
                                            earlier: run.sources(for: [folder.path("earlier")]), output: nil)
        let pairs = Set(report.pairs.map { names(report, $0) })
        // carol's linked stack is found in last year's class.
        #expect(pairs.contains(["carol", "old-linked"]))
        // The two identical earlier submissions are not a pair.
        #expect(!pairs.contains(["old-array", "old-array-2"]))
        // Negative control: carol still matches none of this year's.
        #expect(!pairs.contains { $0.contains("carol") && !$0.contains { $0.hasPrefix("old-") } })
        #expect(report.pairs.allSatisfy { !report.submissions[$0.first].earlier })
    }

    @Test func theOutputMayNotBeInsideASubmission() async throws {
        let classFolder = try makeClass()
        let before = snapshot(classFolder)
        let inside = classFolder.appendingPathComponent("alice/similarity")
        await #expect(throws: SimilarityError.self) {
            try await run.run(current: run.sources(for: [classFolder.path]), earlier: [], output: inside)
        }
        #expect(snapshot(classFolder) == before)
        // Nor inside the folder holding the class (the command checks its arguments so).
        #expect(throws: SimilarityError.self) {
            try SimilarityRun.requireOutside(classFolder.appendingPathComponent("out"), of: [classFolder.path])
        }
        // Negative control: beside the class is fine.
        try SimilarityRun.requireOutside(folder.url.appendingPathComponent("beside"), of: [classFolder.path])
        _ = try await run.run(current: run.sources(for: [classFolder.path]), earlier: [],
                              output: folder.url.appendingPathComponent("beside"))
    }

    @Test func onlyOwnedSourceTextIsRead() async throws {
        try folder.write("kim/kernel/set/stack.swift", arrayStack)
        try folder.write("kim/kernel/set/NOTES.md", linkedStack)
        try folder.write("kim/kernel/set/blob.swift", data: Data([0x6C, 0x65, 0x74, 0x00, 0x78]))
        try folder.write("kim/kernel/stats/statistics.swift", linkedStack)
        try folder.write("kim/Makefile", "all:\n")
        let reader = SimilarityReader(owned: run.owned, kitCore: [])
        let kim = await reader.read(SubmissionSource.parse(folder.path("kim")))
        #expect(kim.refusal == nil)
        #expect(kim.files.map(\.path) == ["set/stack.swift"])
        // Negative control: owning everything, the other source file is read too (the core
        // root is then the submission root); notes, a binary and the Makefile still are not.
        let everything = SimilarityReader(owned: [GlobPattern("**")], kitCore: [])
        let all = await everything.read(SubmissionSource.parse(folder.path("kim")))
        #expect(all.files.map(\.path) == ["kernel/set/stack.swift", "kernel/stats/statistics.swift"])
    }

    /// Owned machine files (03-region's page tables) are read from
    /// machine/ beside the core, named `machine/...`; machine files not
    /// owned are not (the control: without `machineOwned`, none is).
    @Test func ownedMachineFilesAreReadBesideTheCore() async throws {
        try folder.write("lou/kernel/set/stack.swift", arrayStack)
        try folder.write("lou/machine/ia32/paging.swift", linkedStack)
        try folder.write("lou/machine/ia32/boot.swift", arrayStack)
        var reader = SimilarityReader(owned: run.owned, kitCore: [])
        #expect(await reader.read(SubmissionSource.parse(folder.path("lou"))).files.map(\.path) == ["set/stack.swift"])
        reader.machineOwned = [GlobPattern("ia32/paging.swift")]
        let lou = await reader.read(SubmissionSource.parse(folder.path("lou")))
        #expect(lou.files.map(\.path) == ["machine/ia32/paging.swift", "set/stack.swift"])
        #expect(lou.files.first?.lines.joined(separator: "\n") == linkedStack.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n"))
    }
}

// Tests/GraderKitTests/SafeNameTests.swift -- no submission byte reaches a shell.
//
// For every shell metacharacter (and a non-ASCII letter) a submission is
// built in each form intake reads (folder, tar, tar.gz, zip, git) holding
// one file whose name carries it: once as a working command injection
// (`a;touch${IFS}PWNED;.swift`...), once alone (`a;b.swift`), so the
// refusal is seen to come from that character. Each must be refused with
// the entry named and escaped, and no PWNED file may appear. A safe name
// is the negative control: the same builders, accepted.

import Foundation
import Testing
@testable import GraderKit

/// Shell metacharacters, blanks, quotes, globs, and a non-ASCII letter,
/// each with a file name that would run `touch PWNED` in a shell.
let hostileNames: [(character: String, name: String)] = [
    (";", "a;touch${IFS}PWNED;.swift"), ("&", "a&touch${IFS}PWNED&.swift"), ("|", "a|touch${IFS}PWNED|.swift"),
    ("$", "a$(touch${IFS}PWNED).swift"), ("`", "a`touch${IFS}PWNED`.swift"), ("(", "a;(touch${IFS}PWNED);.swift"),
    (")", "a$(touch${IFS}PWNED).swift"), ("<", "a;touch${IFS}PWNED<.swift"), (">", "a>PWNED;.swift"),
    (" ", "a; touch PWNED;.swift"), ("\t", "a;\ttouch\tPWNED;.swift"), ("\n", "a\ntouch${IFS}PWNED\n.swift"),
    ("'", "a';touch${IFS}PWNED;'.swift"), ("\"", "a\";touch${IFS}PWNED;\".swift"), ("\\", "a\\;touch${IFS}PWNED;.swift"),
    ("*", "a;touch${IFS}PWNED;*.swift"), ("?", "a;touch${IFS}PWNED;?.swift"), ("[", "a;touch${IFS}PWNED;[.swift"),
    ("]", "a;touch${IFS}PWNED;].swift"), ("{", "a;{touch,PWNED};.swift"), ("}", "a;{touch,PWNED};.swift"),
    ("~", "a;touch${IFS}PWNED;~.swift"), ("#", "a;touch${IFS}PWNED;#.swift"), ("!", "a;!false;touch${IFS}PWNED;.swift"),
    ("%", "a;touch${IFS}PWNED%;.swift"), ("=", "a;X=1;touch${IFS}PWNED;.swift"), ("é", "é;touch${IFS}PWNED;.swift"),
]

/// The forms a submission can take, each built around one file name.
enum SubmissionForm: String, CaseIterable {
    case folder, tar, tarGzip, zip, git

    /// A submission of this form holding `kernel/<name>` under `folder`.
    func build(holding name: String, in folder: TemporaryFolder) throws -> SubmissionSource {
        let tag = UUID().uuidString
        let entry = "kernel/" + name
        switch self {
        case .folder:
            try folder.write("\(tag)/\(entry)", "x")
            return SubmissionSource.parse(folder.path(tag))
        case .tar, .tarGzip:
            var builder = TarBuilder()
            builder.file(entry, "x")
            let data = self == .tar ? builder.archive : try gzip(builder.archive, in: folder)
            return SubmissionSource.parse(try folder.write(tag + (self == .tar ? ".tar" : ".tar.gz"), data: data).path)
        case .zip:
            let url = folder.url.appendingPathComponent(tag + ".zip")
            try makeZip(at: url, [(entry, .file, Data("x".utf8))])
            return SubmissionSource.parse(url.path)
        case .git:
            try folder.write("\(tag)/\(entry)", "x")
            try runGit(in: folder.url.appendingPathComponent(tag), ["init", "-q"], ["add", "-A"], ["commit", "-qm", "one"])
            return SubmissionSource.parse(folder.path(tag) + "@HEAD")
        }
    }

    private func runGit(in repository: URL, _ commands: [String]...) throws {
        for arguments in commands {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", repository.path, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
            try process.run()
            process.waitUntilExit()
        }
    }
}

@Suite struct SafeNameTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder("names") }

    /// Intake of `name` in `form` is refused, naming the entry escaped;
    /// with a `cause`, the reason names that character.
    private func expectRefused(_ name: String, form: SubmissionForm, cause: String? = nil) async throws {
        let source = try form.build(holding: name, in: folder)
        let error = await intakeError(source, in: folder)
        guard case let .unsafeName(_, entry, reason)? = error else {
            Issue.record("\(form) holding \(EntryName.escaped(name)) was not refused for its name: \(String(describing: error))")
            return
        }
        #expect(entry == "kernel/" + name, "\(form)")
        if let cause { #expect(reason.contains(cause), "\(form): \(reason)") }
        let text = "\(error!)"
        #expect(text.contains("'" + EntryName.escaped(entry) + "'"), "\(form): \(text)")
        #expect(!text.contains("\n") && !text.contains("\t") && !text.contains("$"), "\(form): \(text)")
    }

    /// No PWNED file in the scratch folder, its parent, or the cwd.
    private func expectNoPwned() {
        let manager = FileManager.default
        let inside = manager.enumerator(atPath: folder.url.path)?.contains { ($0 as? String)?.hasSuffix("PWNED") == true }
        #expect(inside == false)
        #expect(!manager.fileExists(atPath: folder.url.deletingLastPathComponent().appendingPathComponent("PWNED").path))
        #expect(!manager.fileExists(atPath: manager.currentDirectoryPath + "/PWNED"))
    }

    @Test(arguments: SubmissionForm.allCases)
    func everyMetacharacterIsRefused(form: SubmissionForm) async throws {
        for (character, attack) in hostileNames {
            try await expectRefused(attack, form: form)
            try await expectRefused("a\(character)b.swift", form: form, cause: EntryName.escaped(character))
        }
        expectNoPwned()
    }

    @Test(arguments: SubmissionForm.allCases)
    func emptyComponentsAndLeadingDashesAreRefused(form: SubmissionForm) async throws {
        try await expectRefused("-rf.swift", form: form, cause: "starts with '-'")
        if form == .tar || form == .zip {   // only an archive can store "a//b"
            let source = form == .tar ? try tar("kernel//a.swift") : try zip("kernel//a.swift")
            guard case .unsafeName? = await intakeError(source, in: folder) else {
                Issue.record("\(form): an empty component was accepted")
                return
            }
        }
    }

    @Test(arguments: SubmissionForm.allCases)
    func aSafeNameIsAccepted(form: SubmissionForm) async throws {
        let source = try form.build(holding: "set-2_final.v1.swift", in: folder)
        let taken = try await intake(source, in: folder)
        #expect(FileManager.default.fileExists(atPath: taken.root.appendingPathComponent("kernel/set-2_final.v1.swift").path))
    }

    @Test func folderEntriesAndDotComponentsStayAccepted() async throws {
        var builder = TarBuilder()
        builder.entry("./kernel/", type: "5")
        builder.file("./kernel/./set.swift", "x")
        let url = try folder.write("dots.tar", data: builder.archive)
        let taken = try await intake(SubmissionSource.parse(url.path), in: folder)
        #expect(FileManager.default.fileExists(atPath: taken.root.appendingPathComponent("kernel/set.swift").path))
    }

    @Test func escapingShowsEveryUnsafeCharacterAsAnEscape() {
        #expect(EntryName.escaped("set/a;b c.swift") == "set/a\\u{3b}b\\u{20}c.swift")
        #expect(EntryName.escaped("\u{1b}[31m\\") == "\\u{1b}\\u{5b}31m\\u{5c}")
        #expect(EntryName.escaped("é") == "\\u{e9}")
        #expect(EntryName.problem(in: "kernel/set/") == nil)
        #expect(EntryName.problem(in: "a//b") != nil)
    }

    @Test func aRefusedSubmissionScoresZeroAndNeverBuilds() async throws {
        let counter = Counter()
        let kit = try makeFakeKit(in: folder)
        let assignment = Assignment(id: "01-set", rubric: Rubric(assignment: "01-set", title: "Sets", total: 100,
                                                                 studentFiles: ["set/**"]),
                                    scripts: [TestScript(name: "set_add", kernelTest: "set_add", title: "add", points: 3)])
        let grader = try SubmissionGrader(kit: kit, assignment: assignment,
                                          options: GradingOptions(assignment: "01-set", scratchFolder: folder.url),
                                          builder: FakeBuilder(counter: counter), booter: FakeBooter(counter: counter))
        try folder.write("subs/mallory/kernel/set/set.swift", "good")
        try folder.write("subs/mallory/kernel/set/a;touch${IFS}PWNED;.swift", "good")
        let graded = await grader.grade(SubmissionSource.parse(folder.path("subs/mallory")))
        #expect(graded.result.score == 0)
        #expect(graded.refusal?.contains("kernel/set/a\\u{3b}touch\\u{24}\\u{7b}IFS\\u{7d}PWNED\\u{3b}.swift") == true)
        #expect(counter.total == 0)
        expectNoPwned()
    }

    private func tar(_ path: String) throws -> SubmissionSource {
        var builder = TarBuilder()
        builder.file(path, "x")
        return SubmissionSource.parse(try folder.write(UUID().uuidString + ".tar", data: builder.archive).path)
    }

    private func zip(_ path: String) throws -> SubmissionSource {
        let url = folder.url.appendingPathComponent(UUID().uuidString + ".zip")
        try makeZip(at: url, [(path, .file, Data("x".utf8))])
        return SubmissionSource.parse(url.path)
    }
}

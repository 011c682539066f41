// Tests/GraderKitTests/SubmissionSourceTests.swift -- names, forms, folders of many, git.

import Foundation
import Testing
@testable import GraderKit

@Suite struct SubmissionSourceTests {
    @Test func formsAndNames() {
        #expect(SubmissionSource.parse("subs/alice.tar.gz") == SubmissionSource(name: "alice", location: "subs/alice.tar.gz", kind: .tarGzip))
        #expect(SubmissionSource.parse("bob.TGZ").kind == .tarGzip)
        #expect(SubmissionSource.parse("carol.zip").name == "carol")
        #expect(SubmissionSource.parse("dave/").name == "dave")
        #expect(SubmissionSource.parse("repos/erin.git@v1.2") == SubmissionSource(name: "erin", location: "repos/erin.git", kind: .git(ref: "v1.2")))
        #expect(SubmissionSource.parse("git@host:frank/kernel.git") == SubmissionSource(name: "kernel", location: "git@host:frank/kernel.git", kind: .git(ref: "HEAD")))
        #expect(SubmissionSource.parse("https://h/x/gina.git@main").kind == .git(ref: "main"))
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent
        #expect(SubmissionSource.parse(".").name == here)
    }

    @Test func aFolderOfArchivesAndFoldersIsAFolderOfMany() throws {
        let folder = try TemporaryFolder("list")
        try folder.write("subs/zoe.zip", "")
        try folder.write("subs/adam/kernel/set/set.swift", "")
        try folder.write("subs/bea.tar", "")
        let sources = SubmissionList.expand([folder.path("subs")])
        #expect(sources.map(\.name) == ["adam", "bea", "zoe"])
        // A student tree is one submission, even when it holds only folders.
        #expect(SubmissionList.expand([folder.path("subs/adam")]).map(\.name) == ["adam"])
        try folder.write("bare/set/set.swift", "")
        #expect(SubmissionList.expand([folder.path("bare")], markers: ["set"]).map(\.name) == ["bare"])
    }

    @Test func aGitRepositoryIsReadAtItsRef() async throws {
        let folder = try TemporaryFolder("git")
        let repo = try folder.folder("hana")
        try folder.write("hana/kernel/set/set.swift", "v1")
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", repo.path, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
            try process.run()
            process.waitUntilExit()
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-qm", "one")
        try git("tag", "v1")
        try folder.write("hana/kernel/set/set.swift", "v2")
        // A hook of the student's must never run.
        try folder.write("hana/.git/hooks/post-checkout", "#!/bin/sh\ntouch \(folder.path("pwned"))\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path("hana/.git/hooks/post-checkout"))
        try git("commit", "-qam", "two")
        let taken = try await intake(SubmissionSource.parse(repo.path + "@v1"), in: folder)
        #expect(try String(contentsOf: taken.root.appendingPathComponent("kernel/set/set.swift"), encoding: .utf8) == "v1")
        #expect(!FileManager.default.fileExists(atPath: folder.path("pwned")))
        let bad = SubmissionSource.parse(repo.path + "@no-such-ref")
        guard case .gitFailed? = await intakeError(bad, in: folder) else {
            Issue.record("a missing ref was accepted")
            return
        }
        let option = SubmissionSource(name: "x", location: repo.path, kind: .git(ref: "--output=/tmp/x"))
        guard case .gitFailed? = await intakeError(option, in: folder) else {
            Issue.record("a ref that reads as an option was accepted")
            return
        }
    }
}

// Tests/GraderKitTests/IntakeTests.swift -- hostile submissions are refused, fair ones accepted.

import Foundation
import Testing
import ZIPFoundation
@testable import GraderKit

@Suite struct IntakeTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder("intake") }

    private func tar(_ build: (inout TarBuilder) -> Void, name: String = "alice.tar") throws -> SubmissionSource {
        var builder = TarBuilder()
        build(&builder)
        let url = try folder.write(name, data: builder.archive)
        return SubmissionSource.parse(url.path)
    }

    @Test func aFairTarIsTakenIn() async throws {
        let source = try tar { $0.file("kernel/set/set.swift", "let x = 1\n"); $0.symlink("kernel/alias", to: "set/set.swift") }
        let taken = try await intake(source, in: folder)
        #expect(source.name == "alice")
        #expect(try String(contentsOf: taken.root.appendingPathComponent("kernel/set/set.swift"), encoding: .utf8) == "let x = 1\n")
        #expect(taken.symlinks == ["kernel/alias": "set/set.swift"])
        // Links are recorded, never created.
        #expect(!FileManager.default.fileExists(atPath: taken.root.appendingPathComponent("kernel/alias").path))
    }

    @Test func longNamesFromPaxAndGnuHeadersAreRead() async throws {
        let long = "kernel/" + String(repeating: "deep/", count: 30) + "set.swift"
        var builder = TarBuilder()
        let record = " path=\(long)\n"
        let pax = "\(record.utf8.count + 3)" + record // the length counts its own 3 digits
        builder.entry("PaxHeader", type: "x", content: Data(pax.utf8))
        builder.file("short-name", "pax")
        builder.entry("././@LongLink", type: "L", content: Data((long + ".gnu\0").utf8))
        builder.file("other-name", "gnu")
        let url = try folder.write("long.tar", data: builder.archive)
        let taken = try await intake(SubmissionSource.parse(url.path), in: folder)
        #expect(try String(contentsOf: taken.root.appendingPathComponent(long), encoding: .utf8) == "pax")
        #expect(try String(contentsOf: taken.root.appendingPathComponent(long + ".gnu"), encoding: .utf8) == "gnu")
    }

    @Test func dotDotAndAbsolutePathsAreRefused() async throws {
        let climbing = try tar({ $0.file("kernel/../../evil.swift", "x") }, name: "climb.tar")
        #expect(await intakeError(climbing, in: folder) == .unsafePath(submission: climbing.location, entry: "kernel/../../evil.swift"))
        let absolute = try tar({ $0.file("/tmp/evil.swift", "x") }, name: "abs.tar")
        #expect(await intakeError(absolute, in: folder) == .unsafePath(submission: absolute.location, entry: "/tmp/evil.swift"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.deletingLastPathComponent().appendingPathComponent("evil.swift").path))
    }

    @Test func linksOutOfTheSubmissionAreRefused() async throws {
        for target in ["/etc/passwd", "../../outside", "a/../../.."] {
            let source = try tar({ $0.symlink("kernel/link", to: target) ; $0.file("kernel/f.swift", "x") }, name: "l.tar")
            #expect(await intakeError(source, in: folder) == .linkEscapes(submission: source.location, entry: "kernel/link", target: target))
        }
    }

    @Test func aWriteThroughALinkIsRefused() async throws {
        // The classic: a link to a folder outside, then a file "through" it.
        let source = try tar { $0.symlink("dir", to: "kernel"); $0.file("kernel/x.swift", "x"); $0.file("dir/y.swift", "y") }
        #expect(await intakeError(source, in: folder) == .duplicateEntry(submission: source.location, entry: "dir/y.swift"))
    }

    @Test func devicesAndHardLinksAreRefused() async throws {
        let device = try tar({ $0.entry("kernel/null", type: "3") }, name: "dev.tar")
        #expect(await intakeError(device, in: folder) == .specialFile(submission: device.location, entry: "kernel/null", kind: "device file"))
        let hard = try tar({ $0.file("a", "x"); $0.entry("b", type: "1", link: "a") }, name: "hard.tar")
        #expect(await intakeError(hard, in: folder) == .specialFile(submission: hard.location, entry: "b", kind: "hard link"))
    }

    @Test func aFifoInAFolderIsRefused() async throws {
        let tree = try folder.folder("bob")
        try folder.write("bob/kernel/a.swift", "x")
        #expect(mkfifo(tree.appendingPathComponent("pipe").path, 0o600) == 0)
        let source = SubmissionSource.parse(tree.path)
        #expect(await intakeError(source, in: folder) == .specialFile(submission: tree.path, entry: "pipe", kind: "special file"))
    }

    @Test func aLinkInAFolderPointingOutIsRefused() async throws {
        let tree = try folder.folder("carol")
        try folder.write("carol/kernel/a.swift", "x")
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("kernel/etc").path,
                                                   withDestinationPath: "/etc")
        let error = await intakeError(SubmissionSource.parse(tree.path), in: folder)
        #expect(error == .linkEscapes(submission: tree.path, entry: "kernel/etc", target: "/etc"))
    }

    @Test func sizeLimitsHold() async throws {
        let limits = IntakeLimits(maxFileSize: 1000, maxTotalSize: 3000, maxArchiveSize: 1 << 20, maxEntries: 10)
        let huge = try tar({ $0.file("big.bin", zeros: 5000) }, name: "huge.tar")
        #expect(await intakeError(huge, in: folder, limits: limits) == .fileTooLarge(submission: huge.location, entry: "big.bin", limit: 1000))
        let many = try tar({ for i in 0 ..< 4 { $0.file("f\(i)", zeros: 900) } }, name: "many.tar")
        #expect(await intakeError(many, in: folder, limits: limits) == .submissionTooLarge(submission: many.location, limit: 3000))
        let crowd = try tar({ for i in 0 ..< 11 { $0.file("f\(i)", "x") } }, name: "crowd.tar")
        #expect(await intakeError(crowd, in: folder, limits: limits) == .tooManyEntries(submission: crowd.location, limit: 10))
    }

    @Test func aGzipBombStopsAtTheLimit() async throws {
        var builder = TarBuilder()
        builder.file("bomb.bin", zeros: 8 << 20)
        let url = try folder.write("bomb.tar.gz", data: try gzip(builder.archive, in: folder))
        let limits = IntakeLimits(maxFileSize: 1 << 20, maxTotalSize: 2 << 20, maxArchiveSize: 1 << 20, maxEntries: 10)
        let error = await intakeError(SubmissionSource.parse(url.path), in: folder, limits: limits)
        #expect(error == .submissionTooLarge(submission: url.path, limit: 4 << 20))
    }

    @Test func aFairTarGzIsTakenIn() async throws {
        var builder = TarBuilder()
        builder.file("kernel/set/set.swift", "ok")
        let url = try folder.write("dave.tgz", data: try gzip(builder.archive, in: folder))
        let taken = try await intake(SubmissionSource.parse(url.path), in: folder)
        #expect(FileManager.default.fileExists(atPath: taken.root.appendingPathComponent("kernel/set/set.swift").path))
    }

    @Test func corruptArchivesAreRefusedWithTheirName() async throws {
        var random = SystemRandomNumberGenerator()
        let noise = Data((0 ..< 4096).map { _ in UInt8.random(in: 0 ... 255, using: &random) })
        for name in ["noise.tar", "noise.tar.gz", "noise.zip"] {
            let url = try folder.write(name, data: noise)
            guard case .corruptArchive(let path, _)? = await intakeError(SubmissionSource.parse(url.path), in: folder) else {
                Issue.record("\(name) was not refused as corrupt")
                continue
            }
            #expect(path == url.path)
        }
        // A tar cut in the middle of a file, and a gzip cut in the middle of its stream.
        var builder = TarBuilder()
        builder.file("a.swift", String(repeating: "x", count: 3000))
        let cut = try folder.write("cut.tar", data: builder.data.prefix(1500))
        #expect(await intakeError(SubmissionSource.parse(cut.path), in: folder).map { "\($0)" }?.contains("corrupt") == true)
        let gz = try gzip(builder.archive, in: folder)
        let cutGz = try folder.write("cut.tar.gz", data: gz.prefix(gz.count / 2))
        #expect(await intakeError(SubmissionSource.parse(cutGz.path), in: folder).map { "\($0)" }?.contains("corrupt") == true)
    }

    @Test func zipEntriesAreCheckedLikeTarEntries() async throws {
        let climbing = folder.url.appendingPathComponent("climb.zip")
        try makeZip(at: climbing, [("../evil.swift", .file, Data("x".utf8))])
        #expect(await intakeError(SubmissionSource.parse(climbing.path), in: folder) == .unsafePath(submission: climbing.path, entry: "../evil.swift"))
        let linked = folder.url.appendingPathComponent("link.zip")
        try makeZip(at: linked, [("kernel/a.swift", .file, Data("x".utf8)), ("kernel/l", .symlink, Data("/etc/passwd".utf8))])
        #expect(await intakeError(SubmissionSource.parse(linked.path), in: folder) == .linkEscapes(submission: linked.path, entry: "kernel/l", target: "/etc/passwd"))
        let fair = folder.url.appendingPathComponent("erin.zip")
        try makeZip(at: fair, [("kernel/", .directory, Data()), ("kernel/set.swift", .file, Data("ok".utf8))])
        let taken = try await intake(SubmissionSource.parse(fair.path), in: folder)
        #expect(try String(contentsOf: taken.root.appendingPathComponent("kernel/set.swift"), encoding: .utf8) == "ok")
    }

    @Test func aZipBombIsStopped() async throws {
        let bomb = folder.url.appendingPathComponent("bomb.zip")
        try makeZip(at: bomb, [("zeros.bin", .file, Data(count: 8 << 20))])
        let size = try FileManager.default.attributesOfItem(atPath: bomb.path)[.size] as? Int ?? 0
        #expect(size < 100_000)
        let limits = IntakeLimits(maxFileSize: 1 << 20, maxTotalSize: 2 << 20, maxArchiveSize: 1 << 20, maxEntries: 10)
        #expect(await intakeError(SubmissionSource.parse(bomb.path), in: folder, limits: limits)
            == .fileTooLarge(submission: bomb.path, entry: "zeros.bin", limit: 1 << 20))
    }

    @Test func emptyAndMissingSubmissionsAreRefused() async throws {
        let empty = try folder.folder("frank")
        _ = try folder.folder("frank/kernel/set")
        #expect(await intakeError(SubmissionSource.parse(empty.path), in: folder) == .empty(path: empty.path))
        let missing = folder.path("nobody.zip")
        guard case .unreadable(let path, _)? = await intakeError(SubmissionSource.parse(missing), in: folder) else {
            Issue.record("a missing archive was accepted")
            return
        }
        #expect(path == missing)
    }
}

// grader/GraderKit/Intake/Intake.swift -- takes one submission into a fresh scratch folder.
//
// Whatever its form, a submission ends up as a folder of regular files
// under a scratch folder of its own, written by SubmissionWriter. Nothing
// in it is ever executed: the trusted build (TrustedTree) copies only the
// files the student owns out of it.

import Foundation

/// A submission taken in: its files on disk, and what was refused quietly.
public struct IntakenSubmission: Sendable {
    /// Where it came from.
    public var source: SubmissionSource
    /// The folder holding its regular files and folders.
    public var root: URL
    /// Symbolic links it held (path -> target), all inside the submission;
    /// recorded, never created.
    public var symlinks: [String: String]
}

/// Reads a submission of any form.
public enum Intake {
    /// Reads `source` into `folder/files` (the folder must be fresh and
    /// empty; `folder` may also hold a git clone).
    ///
    /// Steps: 1. read the entries of the form; 2. write them through the
    /// writer's checks; 3. refuse a submission without a file.
    public static func take(_ source: SubmissionSource, into folder: URL,
                            limits: IntakeLimits = .standard) async throws(IntakeError) -> IntakenSubmission {
        // 1.
        let entries = try await read(source, scratch: folder, limits: limits)
        // 2.
        let root = folder.appendingPathComponent("files")
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .unreadable(path: folder.path, reason: "cannot create the scratch folder")
        }
        var writer = SubmissionWriter(label: source.location, root: root, limits: limits)
        for entry in entries { try writer.write(entry) }
        // 3.
        try writer.requireFiles()
        return IntakenSubmission(source: source, root: root, symlinks: writer.symlinks)
    }

    private static func read(_ source: SubmissionSource, scratch: URL,
                             limits: IntakeLimits) async throws(IntakeError) -> [ArchiveEntry] {
        let url = URL(fileURLWithPath: source.location)
        switch source.kind {
        case .directory:
            try requireExists(source.location)
            return try DirectoryReader.entries(at: url, limits: limits, label: source.location)
        case .tar:
            return try TarReader.entries(of: try load(source.location, limits: limits), label: source.location)
        case .tarGzip:
            let data = try load(source.location, limits: limits)
            let tar = try Gzip.decompress(data, limit: limits.maxTotalSize * 2, label: source.location)
            return try TarReader.entries(of: tar, label: source.location)
        case .zip:
            _ = try load(source.location, limits: limits)
            return try ZipReader.entries(at: url, limits: limits, label: source.location)
        case let .git(ref):
            return try await GitReader.entries(repository: source.location, ref: ref, scratch: scratch, limits: limits)
        }
    }

    /// The archive's bytes, refused when it is larger than the archive limit.
    private static func load(_ path: String, limits: IntakeLimits) throws(IntakeError) -> Data {
        try requireExists(path)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limits.maxArchiveSize else {
            throw .submissionTooLarge(submission: path, limit: limits.maxArchiveSize)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        return data
    }

    private static func requireExists(_ path: String) throws(IntakeError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file or folder")
        }
    }
}

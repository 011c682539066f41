// grader/GraderKit/Intake/SubmissionWriter.swift -- the only code that writes a submission to disk.
//
// Entries arrive from an untrusted source. The writer checks each one
// against the limits and the path rules before anything is written, and
// writes only regular files and folders: symbolic links are recorded, never
// created, so no later write or read can be redirected through one.

import Foundation

/// Writes checked entries under a fresh root folder.
public struct SubmissionWriter {
    /// The submission's name in error messages (its file name).
    public let label: String
    /// The folder entries are written under; it must exist and be empty.
    public let root: URL
    /// The limits counted against.
    public let limits: IntakeLimits

    private(set) var totalSize = 0
    private(set) var entryCount = 0
    private(set) var files: Set<String> = []
    private(set) var directories: Set<String> = []
    /// Links seen, by normalised path: the overlay refuses owned files among them.
    public private(set) var symlinks: [String: String] = [:]

    /// A writer for the submission called `label`, writing under `root`.
    public init(label: String, root: URL, limits: IntakeLimits) {
        self.label = label
        self.root = root
        self.limits = limits
    }

    /// Checks one entry and writes it.
    ///
    /// Steps:
    /// 1. count it and normalise its path (refuse `..` and absolute
    ///    paths); skip it when it lies in a tool or build folder (never
    ///    written); refuse a name outside the safe set (see EntryName);
    /// 2. refuse special files and links that leave the submission;
    /// 3. refuse a path already taken, or one under a recorded link;
    /// 4. check the size limits, then write the folder or the file.
    public mutating func write(_ entry: ArchiveEntry) throws(IntakeError) {
        // 1.
        entryCount += 1
        guard entryCount <= limits.maxEntries else {
            throw .tooManyEntries(submission: label, limit: limits.maxEntries)
        }
        guard let path = EntryPath.normalized(entry.path) else {
            throw .unsafePath(submission: label, entry: entry.path)
        }
        if SkippedFolders.skips(path: path, isDirectory: entry.kind == .directory) { return }
        if let reason = EntryName.problem(in: entry.path) {
            throw .unsafeName(submission: label, entry: entry.path, reason: reason)
        }
        // 2.
        if case let .special(kind) = entry.kind {
            throw .specialFile(submission: label, entry: path, kind: kind)
        }
        if case let .symlink(target) = entry.kind,
           !EntryPath.linkStaysInside(linkPath: path, target: target) {
            throw .linkEscapes(submission: label, entry: path, target: target)
        }
        // 3.
        try checkFree(path, isDirectory: entry.kind == .directory)
        // 4.
        switch entry.kind {
        case .directory:
            directories.insert(path)
            try create(directory: path)
        case let .symlink(target):
            symlinks[path] = target
        case let .file(data):
            try store(data, at: path)
        case .special:
            break
        }
    }

    /// Throws when `path` is already a file or link, or lies under one.
    private func checkFree(_ path: String, isDirectory: Bool) throws(IntakeError) {
        if files.contains(path) || symlinks[path] != nil || (!isDirectory && directories.contains(path)) {
            throw .duplicateEntry(submission: label, entry: path)
        }
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            if files.contains(prefix) || symlinks[prefix] != nil {
                throw .duplicateEntry(submission: label, entry: path)
            }
        }
    }

    private mutating func store(_ data: Data, at path: String) throws(IntakeError) {
        guard data.count <= limits.maxFileSize else {
            throw .fileTooLarge(submission: label, entry: path, limit: limits.maxFileSize)
        }
        totalSize += data.count
        guard totalSize <= limits.maxTotalSize else {
            throw .submissionTooLarge(submission: label, limit: limits.maxTotalSize)
        }
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        if !parent.isEmpty { try create(directory: parent) }
        do {
            try data.write(to: root.appendingPathComponent(path), options: .withoutOverwriting)
        } catch {
            throw .unreadable(path: label, reason: "cannot write '\(path)': \(error.localizedDescription)")
        }
        files.insert(path)
        markParents(of: path)
    }

    private mutating func create(directory path: String) throws(IntakeError) {
        do {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        } catch {
            throw .duplicateEntry(submission: label, entry: path)
        }
        directories.insert(path)
        markParents(of: path)
    }

    private mutating func markParents(of path: String) {
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            directories.insert(prefix)
        }
    }

    /// Throws `.empty` when no regular file was written.
    public func requireFiles() throws(IntakeError) {
        if files.isEmpty { throw .empty(path: label) }
    }

    /// Enforces the per-file limit before a reader loads a file's bytes.
    public func checkDeclaredSize(_ size: Int, of path: String) throws(IntakeError) {
        guard size >= 0, size <= limits.maxFileSize else {
            throw .fileTooLarge(submission: label, entry: path, limit: limits.maxFileSize)
        }
        guard totalSize + size <= limits.maxTotalSize else {
            throw .submissionTooLarge(submission: label, limit: limits.maxTotalSize)
        }
    }
}

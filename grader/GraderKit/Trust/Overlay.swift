// grader/GraderKit/Trust/Overlay.swift -- copies the student's owned files onto the trusted tree.
//
// Only files matching the rubric's `student_files` patterns are taken,
// from the submission's core root onto the tree's core. An owned file the
// submission lacks keeps the kit's version (the report says which). Files
// the student changed but does not own are not used, and are listed so the
// student learns their edit had no effect.

import Foundation

/// What the overlay did, for the report and the cache key.
public struct OverlayReport: Sendable, Equatable {
    /// The submission's core root, relative to its root ("" = the root).
    public var coreRoot: String
    /// Owned files taken from the submission, relative to the core root.
    public var taken: [String]
    /// Owned files of the kit the submission lacks (the kit's version used).
    public var missing: [String]
    /// Files changed or added by the student that are not theirs to change.
    public var ignored: [String]
    /// SHA-256 over the taken files' paths and bytes.
    public var digest: String
}

/// Applies a submission's owned files to a trusted tree.
public enum Overlay {
    /// Copies the owned files of `submission` onto `tree`.
    ///
    /// Steps:
    /// 1. find the core root and refuse owned files that are links;
    /// 2. copy every owned regular file, digesting paths and bytes;
    /// 3. list the kit's owned files the submission lacks;
    /// 4. list non-owned files that differ from the kit.
    public static func apply(_ submission: IntakenSubmission, owned: [GlobPattern], kit: Kit, assignment: String,
                             tree: TrustedTree) throws -> OverlayReport {
        // 1.
        let kitCore = kit.core(for: assignment)
        let coreRoot = CoreRoot.locate(in: submission.root, owned: owned, kitCore: Set(FileTree.files(under: kitCore)))
        let prefix = coreRoot.isEmpty ? "" : coreRoot + "/"
        for link in submission.symlinks.keys.sorted() where link.hasPrefix(prefix) {
            if owned.anyMatches(String(link.dropFirst(prefix.count))) {
                throw IntakeError.ownedFileIsLink(submission: submission.source.location, entry: link)
            }
        }
        // 2.
        let coreFolder = coreRoot.isEmpty ? submission.root : submission.root.appendingPathComponent(coreRoot)
        let studentFiles = FileTree.files(under: coreFolder)
        let taken = studentFiles.filter { owned.anyMatches($0) }
        var digest = SHA256()
        for path in taken {
            let data = try Data(contentsOf: coreFolder.appendingPathComponent(path))
            digest.update(field: path)
            digest.update(field: String(data.count))
            digest.update(data)
            let target = tree.core.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try data.write(to: target)
        }
        // 3.
        let missing = FileTree.files(under: kitCore).filter { owned.anyMatches($0) && !taken.contains($0) }
        // 4.
        let ignored = changedNotOwned(submission.root, coreRoot: coreRoot, studentCore: studentFiles,
                                      owned: owned, kitCore: kitCore, kit: kit)
        return OverlayReport(coreRoot: coreRoot, taken: taken, missing: missing, ignored: ignored,
                             digest: digest.hexDigest())
    }

    /// Files that differ from the kit's and are not owned: in the core
    /// (changed or added) and, outside it, kit files the student edited
    /// (Makefile, tests, machine layer...). Paths are as in the submission.
    static func changedNotOwned(_ root: URL, coreRoot: String, studentCore: [String], owned: [GlobPattern],
                                kitCore: URL, kit: Kit) -> [String] {
        let prefix = coreRoot.isEmpty ? "" : coreRoot + "/"
        let coreFolder = root.appendingPathComponent(coreRoot)
        var ignored: [String] = []
        for path in studentCore where !owned.anyMatches(path) {
            if differ(coreFolder.appendingPathComponent(path), kitCore.appendingPathComponent(path)) {
                ignored.append(prefix + path)
            }
        }
        // Outside the core only kit files count: a README or notes are not edits.
        guard !coreRoot.isEmpty else { return ignored }
        let wrapper = coreRoot.split(separator: "/").dropLast().joined(separator: "/")
        let outerFolder = wrapper.isEmpty ? root : root.appendingPathComponent(wrapper)
        let outerPrefix = wrapper.isEmpty ? "" : wrapper + "/"
        for path in FileTree.files(under: outerFolder) where !path.hasPrefix(String(coreRoot.dropFirst(outerPrefix.count)) + "/") {
            let kitFile = kit.root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: kitFile.path), differ(outerFolder.appendingPathComponent(path), kitFile) {
                ignored.append(outerPrefix + path)
            }
        }
        return ignored.sorted()
    }

    private static func differ(_ a: URL, _ b: URL) -> Bool {
        FileManager.default.contents(atPath: a.path) != FileManager.default.contents(atPath: b.path)
    }
}

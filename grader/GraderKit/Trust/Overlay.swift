// grader/GraderKit/Trust/Overlay.swift -- copies the student's owned files onto the trusted tree.
//
// Only files matching the rubric's `student_files` patterns are taken,
// from the submission's core root onto the tree's core; and, when the
// rubric names machine files (`machine_files`), those from the machine/
// folder beside the core root onto the tree's machine/. An owned file the
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
    /// Owned files of the kit the submission lacks (the kit's version
    /// used); machine files among them as `machine/<path>`.
    public var missing: [String]
    /// Files changed or added by the student that are not theirs to change.
    public var ignored: [String]
    /// Owned machine files taken, relative to the machine folder.
    public var machineTaken: [String] = []
    /// SHA-256 over the taken files' paths and bytes (core and machine).
    public var digest: String
}

/// Applies a submission's owned files to a trusted tree.
public enum Overlay {
    /// Copies the owned files of `submission` onto `tree`: core files
    /// matching `owned`, machine files matching `machineOwned`.
    ///
    /// Steps:
    /// 1. find the core root and refuse owned files that are links;
    /// 2. copy every owned regular file of the core, digesting paths and bytes;
    /// 3. the same for owned machine files, from machine/ beside the core;
    /// 4. list the kit's owned files the submission lacks;
    /// 5. list non-owned files that differ from the kit.
    public static func apply(_ submission: IntakenSubmission, owned: [GlobPattern], machineOwned: [GlobPattern] = [],
                             kit: Kit, assignment: String, tree: TrustedTree) throws -> OverlayReport {
        // 1.
        let kitCore = kit.core(for: assignment)
        let coreRoot = CoreRoot.locate(in: submission.root, owned: owned, kitCore: Set(FileTree.files(under: kitCore)))
        let prefix = coreRoot.isEmpty ? "" : coreRoot + "/"
        let machinePrefix = machineRoot(besides: coreRoot) + "/"
        for link in submission.symlinks.keys.sorted() {
            let core = link.hasPrefix(prefix) && owned.anyMatches(String(link.dropFirst(prefix.count)))
            let machine = link.hasPrefix(machinePrefix) && machineOwned.anyMatches(String(link.dropFirst(machinePrefix.count)))
            if core || machine {
                throw IntakeError.ownedFileIsLink(submission: submission.source.location, entry: link)
            }
        }
        // 2.
        var digest = SHA256()
        let coreFolder = coreRoot.isEmpty ? submission.root : submission.root.appendingPathComponent(coreRoot)
        let studentFiles = FileTree.files(under: coreFolder)
        let taken = try copy(studentFiles.filter { owned.anyMatches($0) }, from: coreFolder, to: tree.core,
                             naming: "", into: &digest)
        // 3.
        let machineFolder = submission.root.appendingPathComponent(String(machinePrefix.dropLast()))
        let machineTaken = machineOwned.isEmpty ? [] : try copy(
            FileTree.files(under: machineFolder).filter { machineOwned.anyMatches($0) }, from: machineFolder,
            to: tree.machine, naming: "machine/", into: &digest)
        // 4.
        let kitMachine = kit.machine(for: assignment)
        let missing = FileTree.files(under: kitCore).filter { owned.anyMatches($0) && !taken.contains($0) }
            + FileTree.files(under: kitMachine).filter { machineOwned.anyMatches($0) && !machineTaken.contains($0) }
                .map { "machine/" + $0 }
        // 5.
        let ignored = changedNotOwned(submission.root, coreRoot: coreRoot, studentCore: studentFiles,
                                      owned: owned, machineOwned: machineOwned, kitCore: kitCore,
                                      kitMachine: kitMachine, kit: kit)
        return OverlayReport(coreRoot: coreRoot, taken: taken, missing: missing, ignored: ignored,
                             machineTaken: machineTaken, digest: digest.hexDigest())
    }

    /// Where a submission keeps its machine files: machine/ beside the
    /// core root (`kernel` -> `machine`, `work/kernel` -> `work/machine`;
    /// a core at the root -> `machine`).
    static func machineRoot(besides coreRoot: String) -> String {
        let wrapper = coreRoot.split(separator: "/").dropLast().joined(separator: "/")
        return wrapper.isEmpty ? "machine" : wrapper + "/machine"
    }

    /// Copies `paths` (regular files of `folder`) into `target`, digesting
    /// each path (with `naming` before it) and its bytes; returns `paths`.
    static func copy(_ paths: [String], from folder: URL, to target: URL, naming: String,
                     into digest: inout SHA256) throws -> [String] {
        for path in paths {
            let data = try Data(contentsOf: folder.appendingPathComponent(path))
            digest.update(field: naming + path)
            digest.update(field: String(data.count))
            digest.update(data)
            let destination = target.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
            try data.write(to: destination)
        }
        return paths
    }

    /// Files that differ from the kit's and are not owned: in the core
    /// (changed or added) and, outside it, kit files the student edited
    /// (Makefile, tests, machine layer...). Paths are as in the submission.
    /// A machine file is compared with the machine as cut for the
    /// assignment (`kitMachine`), which is what the student received.
    static func changedNotOwned(_ root: URL, coreRoot: String, studentCore: [String], owned: [GlobPattern],
                                machineOwned: [GlobPattern] = [], kitCore: URL, kitMachine: URL, kit: Kit) -> [String] {
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
            var kitFile = kit.root.appendingPathComponent(path)
            if path.hasPrefix("machine/") {
                let inMachine = String(path.dropFirst("machine/".count))
                if machineOwned.anyMatches(inMachine) { continue }
                kitFile = kitMachine.appendingPathComponent(inMachine)
            }
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

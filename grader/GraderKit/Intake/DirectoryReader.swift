// grader/GraderKit/Intake/DirectoryReader.swift -- reads a submission that is a folder.
//
// The folder is walked without following links (lstat semantics): a link
// is reported as a link, never entered, so a link to / cannot pull the
// host's files into the grade. Sizes are checked from metadata before a
// file is read. Tool folders (version control, SwiftPM's and the kit's
// build output, see SkippedFolders) are not entered at all.

import Foundation

/// Reads a folder's entries, under the limits.
public enum DirectoryReader {
    /// The entries under `root`, paths relative to it.
    public static func entries(at root: URL, limits: IntakeLimits, label: String) throws(IntakeError) -> [ArchiveEntry] {
        var entries: [ArchiveEntry] = []
        var total = 0
        try walk(root, relative: "", into: &entries, total: &total, limits: limits, label: label)
        return entries
    }

    /// Steps: 1. list the folder; 2. classify each child with lstat and
    /// skip build and tool folders; 3. recurse into folders, read files
    /// within the limits.
    private static func walk(_ folder: URL, relative: String, into entries: inout [ArchiveEntry], total: inout Int,
                             limits: IntakeLimits, label: String) throws(IntakeError) {
        // 1.
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw .unreadable(path: relative.isEmpty ? label : label + "/" + relative, reason: "cannot list the folder")
        }
        for name in names where !SkippedFolders.contains(name) {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            // 2.
            let attributes = (try? manager.attributesOfItem(atPath: url.path)) ?? [:]
            let type = attributes[.type] as? FileAttributeType
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            // Build output (build-ia32/, out/...) is never read nor counted.
            if type == .typeDirectory, SkippedFolders.skips(name, isDirectory: true) { continue }
            guard entries.count < limits.maxEntries else {
                throw .tooManyEntries(submission: label, limit: limits.maxEntries)
            }
            // 3.
            switch type {
            case .typeDirectory?:
                entries.append(ArchiveEntry(path: path, kind: .directory))
                try walk(url, relative: path, into: &entries, total: &total, limits: limits, label: label)
            case .typeSymbolicLink?:
                let target = (try? manager.destinationOfSymbolicLink(atPath: url.path)) ?? "/"
                entries.append(ArchiveEntry(path: path, kind: .symlink(target: target)))
            case .typeRegular?:
                guard size <= limits.maxFileSize else {
                    throw .fileTooLarge(submission: label, entry: path, limit: limits.maxFileSize)
                }
                total += size
                guard total <= limits.maxTotalSize else {
                    throw .submissionTooLarge(submission: label, limit: limits.maxTotalSize)
                }
                guard let data = manager.contents(atPath: url.path) else {
                    throw .unreadable(path: label + "/" + path, reason: "permission denied")
                }
                entries.append(ArchiveEntry(path: path, kind: .file(data)))
            default:
                entries.append(ArchiveEntry(path: path, kind: .special(describe(type))))
            }
        }
    }

    private static func describe(_ type: FileAttributeType?) -> String {
        switch type {
        case .typeCharacterSpecial?, .typeBlockSpecial?: return "device file"
        case .typeSocket?: return "socket"
        default: return "special file"
        }
    }
}

/// Folders a tool made, not the student: never read, never counted.
/// A student kit that has been built, or a teacher's tree, holds large
/// objects and images (a kernel.o over the file limit) in them.
public enum SkippedFolders {
    /// Version control, build products and editor state, skipped whether
    /// they are files or folders.
    public static let names: Set<String> = [".git", ".build", ".swiftpm", "build", ".DS_Store", "__MACOSX"]

    /// Build output skipped only as folders (`out/`, `build-ia32/`...): a
    /// file of that name is the student's. `bin/` holds the grader a
    /// student kit ships prebuilt (tens of megabytes): a kit handed in
    /// whole, or graded by `make assignment-N`, must not be refused for it.
    public static let folderNames: Set<String> = ["out", "bin"]

    /// True for a file or folder name the intake skips (`names`, and
    /// anything starting with `.build`).
    public static func contains(_ name: String) -> Bool {
        names.contains(name) || name.hasPrefix(".build")
    }

    /// True when an entry called `name` is skipped: what `contains` says,
    /// and for a folder also `out`, `bin` and `build-*` (the kit's build folders).
    public static func skips(_ name: String, isDirectory: Bool) -> Bool {
        contains(name) || (isDirectory && (folderNames.contains(name) || name.hasPrefix("build-")))
    }

    /// True when `path` (normalised) lies in a skipped folder, or is one
    /// when `isDirectory`.
    public static func skips(path: String, isDirectory: Bool) -> Bool {
        let parts = path.split(separator: "/")
        return parts.enumerated().contains { index, part in
            skips(String(part), isDirectory: isDirectory || index < parts.count - 1)
        }
    }
}

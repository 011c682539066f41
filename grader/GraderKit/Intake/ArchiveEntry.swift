// grader/GraderKit/Intake/ArchiveEntry.swift -- one entry read from a submission.
//
// Every intake path (tar, zip, git, folder) turns its input into these
// entries; `SubmissionWriter` alone decides what reaches the disk. Keeping
// the checks in one place means a new archive format cannot forget one.

import Foundation

/// One file, folder or link of a submission, before it is written out.
public struct ArchiveEntry: Sendable, Equatable {
    /// What the entry is.
    public enum Kind: Sendable, Equatable {
        /// A regular file and its bytes.
        case file(Data)
        /// A folder.
        case directory
        /// A symbolic link and its target, as stored.
        case symlink(target: String)
        /// Anything else (device, pipe, hard link); refused with its name.
        case special(String)
    }

    /// The path as the archive stores it (not yet checked).
    public var path: String
    /// The entry's kind and content.
    public var kind: Kind

    /// An entry at `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}

/// Checks and normalises entry paths.
public enum EntryPath {
    /// The path relative to the submission root, without `.` components or
    /// a trailing slash; nil when it is absolute, climbs out with `..`,
    /// holds a NUL byte, or names the root itself.
    public static func normalized(_ raw: String) -> String? {
        guard !raw.hasPrefix("/"), !raw.contains("\0") else { return nil }
        var parts: [Substring] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// True when a link stored at `linkPath` (normalised) with `target`
    /// stays inside the submission, judged on the text alone. Links are
    /// never written to disk, so no chain of links can be followed later.
    public static func linkStaysInside(linkPath: String, target: String) -> Bool {
        guard !target.hasPrefix("/"), !target.isEmpty else { return false }
        var stack = linkPath.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !stack.isEmpty else { return false }
                stack.removeLast()
            } else {
                stack.append(String(part))
            }
        }
        return true
    }
}

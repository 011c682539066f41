// grader/GraderKit/Intake/SubmissionSource.swift -- what a command-line argument names.
//
// `grader grade` accepts a student tree, an archive, a git repository at a
// ref (`repo@ref`), or a folder holding many of those. This file decides
// which, and what the student is called: the folder or archive name
// without its extension, or the repository's name.

import Foundation

/// One submission, before intake.
public struct SubmissionSource: Sendable, Hashable, Comparable {
    /// The forms a submission can take.
    public enum Kind: Sendable, Hashable {
        /// A folder holding the student's tree.
        case directory
        /// A .tar archive.
        case tar
        /// A .tar.gz or .tgz archive.
        case tarGzip
        /// A .zip archive.
        case zip
        /// A git repository (path or URL) and the ref to grade.
        case git(ref: String)
    }

    /// The student's name (folder, archive or repository name).
    public var name: String
    /// Where it is: a path, or a repository path or URL.
    public var location: String
    /// Its form.
    public var kind: Kind

    /// A source with every field given.
    public init(name: String, location: String, kind: Kind) {
        self.name = name
        self.location = location
        self.kind = kind
    }

    /// Orders by student name, then location: the stable order shards use.
    public static func < (lhs: SubmissionSource, rhs: SubmissionSource) -> Bool {
        (lhs.name, lhs.location) < (rhs.name, rhs.location)
    }

    /// The source a single path or `repo@ref` names, judged by its form
    /// (whether it exists is checked at intake).
    public static func parse(_ argument: String) -> SubmissionSource {
        if let (repository, ref) = splitRef(argument) {
            return SubmissionSource(name: repositoryName(repository), location: repository, kind: .git(ref: ref))
        }
        let trimmed = argument.hasSuffix("/") && argument.count > 1 ? String(argument.dropLast()) : argument
        var base = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
        if base == "." || base == ".." {
            // "grader grade ." in a student kit: the student is the folder's name.
            base = URL(fileURLWithPath: trimmed).standardizedFileURL.lastPathComponent
        }
        for (suffix, kind) in archiveSuffixes where base.lowercased().hasSuffix(suffix) {
            return SubmissionSource(name: String(base.dropLast(suffix.count)), location: trimmed, kind: kind)
        }
        if isRemote(trimmed) || base.hasSuffix(".git") {
            return SubmissionSource(name: repositoryName(trimmed), location: trimmed, kind: .git(ref: "HEAD"))
        }
        return SubmissionSource(name: base, location: trimmed, kind: .directory)
    }

    /// Archive name endings, longest first so ".tar.gz" wins over ".gz".
    static let archiveSuffixes: [(String, Kind)] = [
        (".tar.gz", .tarGzip), (".tgz", .tarGzip), (".tar", .tar), (".zip", .zip),
    ]

    /// `repo@ref` split in two. Refs never hold ':' (git forbids it), while
    /// ssh locations do (`git@host:path`), which tells the two '@' apart.
    static func splitRef(_ argument: String) -> (String, String)? {
        guard let at = argument.lastIndex(of: "@") else { return nil }
        let repository = String(argument[..<at])
        let ref = String(argument[argument.index(after: at)...])
        guard !repository.isEmpty, !ref.isEmpty, !ref.contains(":"),
              !(repository.hasSuffix("git") && !repository.contains("/") && !repository.contains(".")) else {
            return nil
        }
        return (repository, ref)
    }

    static func isRemote(_ location: String) -> Bool {
        ["https://", "http://", "ssh://", "git://", "file://"].contains { location.hasPrefix($0) }
            || (location.contains("@") && location.contains(":"))
    }

    /// "https://host/alice/kernel.git" -> "kernel"; "alice-kernel/" -> "alice-kernel".
    static func repositoryName(_ location: String) -> String {
        var base = location
        while base.hasSuffix("/") { base.removeLast() }
        base = String(base.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? Substring(base))
        return base.hasSuffix(".git") ? String(base.dropLast(4)) : base
    }
}

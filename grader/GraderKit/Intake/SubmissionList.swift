// grader/GraderKit/Intake/SubmissionList.swift -- from arguments to the list of submissions.
//
// A folder argument is either one student's tree or a folder of many
// submissions. It is one tree when it holds anything a kit tree holds (a
// Makefile, kernel/, reference/, a Swift file...); it is a folder of many
// when everything in it is a folder or an archive and none of those names
// belongs to a kit tree.

import Foundation

/// Expands command-line arguments into submissions.
public enum SubmissionList {
    /// Names that mark a folder as one student tree rather than a folder of many.
    static let treeMarkers: Set<String> = [
        "Makefile", "kernel", "reference", "boot", "machine", "assignments", "skeleton", "Package.swift",
        "harness", ".git",
    ]

    /// Every submission the arguments name, sorted by student name.
    /// A path that does not exist or cannot be listed stays one
    /// submission: intake then refuses it with a clear error, and the
    /// rest of the batch is graded. `markers` adds names that also mark a
    /// tree: the first folder of each owned-file pattern, so a bare core
    /// (`set/`, `segment/`) counts as one tree.
    public static func expand(_ arguments: [String], markers: Set<String> = []) -> [SubmissionSource] {
        var sources: [SubmissionSource] = []
        for argument in arguments {
            let source = SubmissionSource.parse(argument)
            sources += source.kind == .directory ? children(of: source, markers: treeMarkers.union(markers)) : [source]
        }
        return sources.sorted()
    }

    /// The folder itself when it is one tree, or its children when it is a
    /// folder of many. An empty or unreadable folder is one submission,
    /// refused at intake with a clear error.
    static func children(of source: SubmissionSource, markers: Set<String>) -> [SubmissionSource] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: source.location)
            .filter({ !$0.hasPrefix(".") || $0 == ".git" }) else { return [source] }
        let base = source.location.hasSuffix("/") ? source.location : source.location + "/"
        let paths = names.sorted().map { base + $0 }
        let isFolderOfMany = !names.isEmpty && names.allSatisfy { !markers.contains($0) }
            && paths.allSatisfy { isDirectory($0) || SubmissionSource.parse($0).kind != .directory }
        return isFolderOfMany ? paths.map(SubmissionSource.parse) : [source]
    }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}

// grader/GraderKit/Trust/CoreRoot.swift -- finds the kernel core inside a submission.
//
// Students hand in different shapes of the same thing: a student kit (the
// core under kernel/), a copy of the teacher's tree (under reference/),
// the bare core, or any of these wrapped in one extra folder by the archive
// tool. The core root is the candidate where the owned-file patterns match
// the most files; on a tie (an assignment where the student owns nothing,
// or a submission missing every owned file) the candidate sharing the most
// paths with the kit's core wins, then kernel/, reference/, the root.

import Foundation

/// Locates the core root of a taken-in submission.
public enum CoreRoot {
    /// Folders tried, in order of preference, below the submission root.
    public static let candidates = ["kernel", "reference", ""]

    /// The core root's path relative to `root` ("" for the root itself).
    ///
    /// Steps: 1. list the files once; 2. count owned files, then files
    /// the kit's core also has, under every candidate, directly and inside
    /// a single enclosing folder; 3. keep the best, the earliest on ties.
    public static func locate(in root: URL, owned: [GlobPattern], kitCore: Set<String> = []) -> String {
        // 1.
        let files = FileTree.files(under: root)
        let bases = [""] + (singleFolder(in: root).map { [$0 + "/"] } ?? [])
        var best = (path: "", count: (-1, -1))
        for base in bases {
            for candidate in candidates {
                // 2.
                let path = base + candidate
                guard candidate.isEmpty || isDirectory(root.appendingPathComponent(path)) else { continue }
                let prefix = path.isEmpty || path.hasSuffix("/") ? path : path + "/"
                let inside = files.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
                let count = (inside.filter { owned.anyMatches($0) }.count, inside.filter { kitCore.contains($0) }.count)
                // 3.
                if count > best.count {
                    best = (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix, count)
                }
            }
        }
        return best.path
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    /// The name of the only entry of `root` when it is a folder.
    private static func singleFolder(in root: URL) -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { !SkippedFolders.contains($0) }
        guard names.count == 1 else { return nil }
        guard isDirectory(root.appendingPathComponent(names[0])), !candidates.contains(names[0]) else { return nil }
        return names[0]
    }
}

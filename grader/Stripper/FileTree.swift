// grader/Stripper/FileTree.swift -- the few file-system operations the stripper needs.
//
// Kept in one place so the rest of the stripper works on values (paths
// and texts) and can be tested without touching the disk.

import Foundation

/// Reading and writing text files under a root folder.
public struct FileTree: Sendable {
    /// The folder every relative path starts from.
    public var root: URL

    /// A tree rooted at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// The URL of relative `path`.
    public func url(_ path: String) -> URL {
        path.isEmpty ? root : root.appendingPathComponent(path)
    }

    /// Whether `path` exists (file or folder).
    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url(path).path)
    }

    /// Whether `path` is a folder.
    public func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url(path).path, isDirectory: &folder) && folder.boolValue
    }

    /// Every regular file below `folder`, as sorted paths relative to
    /// `folder` (`set/set.swift`). With `hidden: false`, names starting
    /// with a dot (editor and system files) are skipped.
    public func files(under folder: String, hidden: Bool = true) -> [String] {
        let base = url(folder)
        guard let walker = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey],
            options: hidden ? [] : [.skipsHiddenFiles]) else { return [] }
        var found: [String] = []
        for case let file as URL in walker {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = file.standardizedFileURL.path
            let prefix = base.standardizedFileURL.path + "/"
            if full.hasPrefix(prefix) { found.append(String(full.dropFirst(prefix.count))) }
        }
        return found.sorted()
    }

    /// The UTF-8 text of `path`.
    public func read(_ path: String) throws(StripperError) -> String {
        guard let data = FileManager.default.contents(atPath: url(path).path) else {
            throw StripperError(file: path, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StripperError(file: path, "not UTF-8 text")
        }
        return text
    }

    /// Writes `text` to `path`, creating folders, unless the file
    /// already holds exactly that text (so timestamps, and make, see no
    /// change). Returns whether the file was written.
    @discardableResult
    public func write(_ text: String, to path: String) throws(StripperError) -> Bool {
        if let old = try? read(path), old == text { return false }
        do {
            try FileManager.default.createDirectory(
                at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url(path))
        } catch {
            throw StripperError(file: path, "cannot write: \(error.localizedDescription)")
        }
        return true
    }

    /// Copies the file at `path` in `source` to `path` in this tree.
    public func copy(_ path: String, from source: FileTree, to destination: String? = nil) throws(StripperError) {
        let target = url(destination ?? path)
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.removeItem(at: target)
            }
            try FileManager.default.copyItem(at: source.url(path), to: target)
        } catch {
            throw StripperError(file: source.url(path).path, "cannot copy: \(error.localizedDescription)")
        }
    }

    /// Gives `path` in this tree the permissions of `path` in `source`.
    public func copyPermissions(of path: String, from source: FileTree, to destination: String) throws(StripperError) {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: source.url(path).path)
            if let permissions = attributes[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: url(destination).path)
            }
        } catch {
            throw StripperError(file: source.url(path).path, "cannot copy permissions: \(error.localizedDescription)")
        }
    }

    /// Removes `path` (a file or a whole folder).
    public func remove(_ path: String) throws(StripperError) {
        do {
            try FileManager.default.removeItem(at: url(path))
        } catch {
            throw StripperError(file: path, "cannot remove: \(error.localizedDescription)")
        }
    }

    /// The names directly inside `folder` (files and folders), sorted.
    public func entries(of folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []).sorted()
    }
}

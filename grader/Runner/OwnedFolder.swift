// grader/Runner/OwnedFolder.swift -- scratch folders that say whose they are.
//
// A grader's scratch folders (one per submission, one per qemu run) are
// removed when their work ends, by the signal handlers when the grader is
// interrupted, and by the backstop when it is killed. What still escapes
// (the machine lost power) is swept at the next `grader grade`: each
// folder holds a small file naming its owner (pid and start time), and a
// `grader-*` folder whose owner is dead is removed. A folder without the
// file, or whose owner lives, is never touched.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creating, removing and sweeping owned scratch folders.
public enum OwnedFolder {
    /// The file inside each folder naming its owner: "<pid> <start time>".
    public static let ownerFile = ".grader-owner"

    /// Registers `url` with the guard, creates it (and its parents) and
    /// writes the owner file.
    public static func create(at url: URL) throws {
        ProcessGuard.shared.track(folder: url.path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data((identity(of: getpid()) + "\n").utf8).write(to: url.appendingPathComponent(ownerFile))
    }

    /// Removes `url` and its registration.
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        ProcessGuard.shared.untrack(folder: url.path)
    }

    /// Removes every folder `prefix*` directly under `parent` whose owner
    /// file names a process that no longer runs; returns their paths.
    public static func sweepStale(in parent: URL, prefix: String = "grader-") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.compactMap { name -> String? in
            let folder = parent.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(ownerFile).path),
                  !isAlive(String(decoding: data, as: UTF8.self)) else { return nil }
            try? FileManager.default.removeItem(at: folder)
            return folder.path
        }
    }

    /// "<pid> <start time>": the start time (clock ticks after boot, from
    /// /proc/<pid>/stat) tells a reused pid from the owner; "?" without /proc.
    public static func identity(of pid: Int32) -> String {
        "\(pid) \(startTime(of: pid) ?? "?")"
    }

    /// True when the owner an owner file names still runs (a zombie is dead).
    public static func isAlive(_ owner: String) -> Bool {
        let fields = owner.split(whereSeparator: \.isWhitespace)
        guard let first = fields.first, let pid = Int32(first), pid > 0 else { return true }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        if ProcessSweep.status(of: pid)?.0 == "Z" { return false }
        guard fields.count > 1, fields[1] != "?", let now = startTime(of: pid) else { return true }
        return now == fields[1]
    }

    private static func startTime(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // Field 22 of stat; fields here start at field 3.
        return fields.count > 19 ? String(fields[19]) : nil
    }
}

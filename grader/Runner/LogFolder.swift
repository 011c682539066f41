// grader/Runner/LogFolder.swift -- the private folder of one qemu run.
//
// qemu writes its -D log to a file we name. Each run gets a fresh folder
// under the system's temporary directory so parallel runs never share a
// log, and the folder goes away with the run. It is an OwnedFolder, so a
// killed grader's log folders are removed too.

import Foundation

/// A temporary folder holding one qemu log.
struct LogFolder {
    /// The folder.
    let path: String

    /// The qemu log's path inside it.
    var logPath: String { path + "/qemu.log" }

    /// Creates a new, empty folder.
    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/grader-qemu-" + UUID().uuidString
        do {
            try OwnedFolder.create(at: URL(fileURLWithPath: path))
        } catch {
            throw RunnerError.processFailed("cannot create a folder for qemu's log in \(base): \(error)")
        }
    }

    /// True when the log says the CPU triple-faulted. qemu writes this
    /// line under `-d cpu_reset` when a fault happens while delivering a
    /// double fault.
    func logMentionsTripleFault() -> Bool {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return false }
        defer { try? handle.close() }
        // A reset dump is a few KiB; a megabyte is far more than needed.
        let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        return String(decoding: data, as: UTF8.self).contains("Triple fault")
    }

    /// Deletes the folder and the log.
    func remove() {
        OwnedFolder.remove(URL(fileURLWithPath: path))
    }
}

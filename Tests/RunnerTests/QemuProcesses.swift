// Tests/RunnerTests/QemuProcesses.swift -- is any qemu of a run still alive?
//
// Every run's nonce is on its qemu's command line, so scanning
// /proc/*/cmdline for it finds that qemu whatever happened to it, without
// trusting the runner's own bookkeeping.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum QemuProcesses {
    /// The pids whose command line contains `text`.
    static func matching(_ text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            return String(decoding: data, as: UTF8.self).contains(text) ? pid : nil
        }
    }

    /// True while a process with this pid exists (zombies included).
    static func exists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    /// The process group of `pid`, from /proc/<pid>/stat (field 5).
    static func processGroup(of pid: Int32) -> Int32? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 2 ? Int32(fields[2]) : nil
    }
}

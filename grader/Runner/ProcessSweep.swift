// grader/Runner/ProcessSweep.swift -- kills what a grader left running and removes its folders.
//
// Shared by the grader's signal handlers and the backstop. A process is a
// target when it is alive (not a zombie) and either belongs to one of the
// registered groups or carries the grader's token in its environment
// (read from /proc/<pid>/environ, as it was at exec). Targets are killed
// with SIGKILL, group and all, until none is left or two seconds pass
// (make may fork a compiler while we kill); then the folders go.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One cleanup pass over the processes and folders of a grader.
public enum ProcessSweep {
    /// Steps: 1. kill every registered group; 2. kill the live targets
    /// found in /proc and the groups again, every 20 ms, until no target
    /// is left (at most 2 s); 3. remove the folders.
    public static func run(groups: Set<Int32>, folders: Set<String>, token: String) {
        // 1.
        for group in groups where group > 1 { kill(-group, SIGKILL) }
        // 2.
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            let found = targets(groups: groups, token: token)
            if found.isEmpty { break }
            for pid in found { kill(pid, SIGKILL) }
            for group in groups where group > 1 { kill(-group, SIGKILL) }
            usleep(20_000)
        }
        // 3.
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Live processes in `groups` or carrying `token`; never this process.
    /// A token bearer is killed alone, never its group: git runs in the
    /// grader's own group, which may hold the grader's parent too. Empty
    /// where there is no /proc.
    public static func targets(groups: Set<Int32>, token: String) -> [Int32] {
        let needle = Data("\0\(ProcessGuard.tokenVariable)=\(token)\0".utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), pid != getpid(), let (state, group) = status(of: pid), state != "Z" else {
                return nil
            }
            if groups.contains(group) { return pid }
            guard let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { return nil }
            return (Data([0]) + environ).range(of: needle) != nil ? pid : nil
        }
    }

    /// State letter and process group of `pid`, from /proc/<pid>/stat.
    public static func status(of pid: Int32) -> (Character, Int32)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let group = Int32(fields[2]) else { return nil }
        return (state, group)
    }
}

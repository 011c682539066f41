// grader/Runner/Backstop.swift -- the process that cleans up after a grader however it died.
//
// A signal handler cannot run when the grader is killed with SIGKILL, so
// the grader starts, first thing, a second process: itself, with the
// hidden subcommand `_backstop <token>`. Its standard input is a pipe
// whose only write end the grader holds (O_CLOEXEC, and swift-subprocess
// closes every descriptor above 2 in its children, so qemu and make never
// hold it). ProcessGuard writes `group <pgid>`, `ungroup <pgid>`,
// `folder <path>` and `unfolder <path>` lines on it. When the pipe ends,
// the grader is gone (exit, crash, any signal): the backstop kills every
// registered group and every process carrying the token, removes every
// registered folder (ProcessSweep), and exits. It runs in a process group
// of its own and ignores SIGINT, SIGTERM and SIGHUP, so the Ctrl-C or the
// CI cancel that ends the grader does not end it too.

import Foundation
import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
#if canImport(SystemPackage)
import SystemPackage
#endif

/// Starting the backstop, and the backstop's own loop.
public enum Backstop {
    /// The hidden subcommand of `grader` that runs `serve`.
    public static let subcommand = "_backstop"

    /// Starts `executable _backstop <token>` and connects `registry` to it;
    /// returns once the backstop runs.
    ///
    /// Call it before anything else is spawned.
    ///
    /// Steps: 1. a pipe, both ends close-on-exec, the write end
    /// non-blocking; 2. spawn the backstop in its own group with the read
    /// end as its standard input (closed here once spawned), from a
    /// detached task that outlives this call; 3. connect the registry.
    public static func launch(executable: String, registry: ProcessGuard = .shared) async throws {
        // 1.
        // (pipe2 is not exported to Swift; nothing else spawns yet, so
        // setting the flags after pipe() races with no fork.)
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw RunnerError.processFailed("cannot create the backstop's pipe") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        // 2.
        var options = PlatformOptions()
        options.processGroupID = 0
        let input = FileDescriptor(rawValue: ends[0])
        let arguments = Arguments([subcommand, registry.token])
        let started = AsyncStream<Bool>.makeStream()
        Task.detached {
            do {
                _ = try await Subprocess.run(.path(FilePath(executable)), arguments: arguments, platformOptions: options,
                                             input: .fileDescriptor(input, closeAfterSpawningProcess: true),
                                             output: .discarded, error: .discarded) { _ in
                    started.continuation.yield(true)
                }
            } catch {
                started.continuation.yield(false)
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        guard await iterator.next() == true else {
            close(ends[1])
            throw RunnerError.processFailed("cannot start the backstop (\(executable))")
        }
        // 3.
        registry.connect(channel: ends[1])
    }

    /// The backstop: reads registrations on standard input until it ends,
    /// then sweeps what is still registered.
    ///
    /// Steps: 1. ignore the signals that end the grader; 2. read lines,
    /// keeping the live groups and folders; 3. at the end of input, sweep.
    public static func serve(token: String) {
        // 1.
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { Glibc.signal(signal, SIG_IGN) }
        // 2.
        var groups: Set<Int32> = []
        var folders: Set<String> = []
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            pending += buffer[0 ..< count]
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                apply(String(decoding: pending[..<newline], as: UTF8.self), groups: &groups, folders: &folders)
                pending.removeSubrange(...newline)
            }
        }
        // 3.
        ProcessSweep.run(groups: groups, folders: folders, token: token)
    }

    /// Applies one registration line.
    static func apply(_ line: String, groups: inout Set<Int32>, folders: inout Set<String>) {
        guard let space = line.firstIndex(of: " ") else { return }
        let value = String(line[line.index(after: space)...])
        switch line[..<space] {
        case "group": if let group = Int32(value), group > 1 { groups.insert(group) }
        case "ungroup": if let group = Int32(value) { groups.remove(group) }
        case "folder": folders.insert(value)
        case "unfolder": folders.remove(value)
        default: break
        }
    }
}

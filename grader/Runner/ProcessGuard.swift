// grader/Runner/ProcessGuard.swift -- what the grader must clean up if it dies.
//
// Every process group the grader starts (qemu, make) and every scratch
// folder it makes is reported here while it exists. The registry serves
// two cleanups: the grader's own SIGINT/SIGTERM handlers (`cleanUp`), and
// the backstop process (see Backstop), which receives each registration
// as a line on a pipe and cleans up when the pipe ends: the grader died,
// SIGKILL included. Every child also carries a token in its environment
// (`environment`), so a process started a moment before its group was
// reported, or one that left its group, is still found and killed.

import Foundation
import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The registry of live process groups and scratch folders.
public final class ProcessGuard: Sendable {
    /// The one registry of this process.
    public static let shared = ProcessGuard()

    /// The environment variable that carries `token` to every child.
    public static let tokenVariable = "KERNELKIT_GRADER_GUARD"

    /// This grader's token: unique per process.
    public let token: String

    private struct State {
        var groups: Set<Int32> = []
        var folders: Set<String> = []
        var channel: Int32 = -1
        var closing = false
    }

    private let state = Mutex(State())

    /// A registry with a fresh token (tests make their own).
    public init(token: String = UUID().uuidString) {
        self.token = token
    }

    /// The environment a child starts with: the grader's, `extra`, and the token.
    public func environment(adding extra: [Environment.Key: String?] = [:]) -> Environment {
        var values = extra
        values[Environment.Key(stringLiteral: Self.tokenVariable)] = token
        return .inherit.updating(values)
    }

    /// A process group now exists. Once `cleanUp` has run, the group is
    /// killed at once instead (the grader is on its way out).
    public func track(group: Int32) {
        let closing = state.withLock { state in
            state.groups.insert(group)
            Self.send("group \(group)", in: &state)
            return state.closing
        }
        if closing { kill(-group, SIGKILL) }
    }

    /// The group has been reaped.
    public func untrack(group: Int32) {
        state.withLock { state in
            if state.groups.remove(group) != nil { Self.send("ungroup \(group)", in: &state) }
        }
    }

    /// A scratch folder is about to be created.
    public func track(folder: String) {
        state.withLock { state in
            state.folders.insert(folder)
            Self.send("folder \(folder)", in: &state)
        }
    }

    /// The scratch folder has been removed.
    public func untrack(folder: String) {
        state.withLock { state in
            if state.folders.remove(folder) != nil { Self.send("unfolder \(folder)", in: &state) }
        }
    }

    /// The groups and folders registered now.
    public var registered: (groups: Set<Int32>, folders: Set<String>) {
        state.withLock { ($0.groups, $0.folders) }
    }

    /// Sends every registration, now and later, to the pipe `channel`
    /// (the write end the backstop reads; see Backstop.launch).
    public func connect(channel: Int32) {
        state.withLock { state in
            state.channel = channel
            for group in state.groups { Self.send("group \(group)", in: &state) }
            for folder in state.folders { Self.send("folder \(folder)", in: &state) }
        }
    }

    /// Kills every registered group and every process carrying the token,
    /// then removes every registered folder; groups registered later are
    /// killed as they come. For the grader's signal handlers.
    public func cleanUp() {
        let (groups, folders) = state.withLock { state in
            state.closing = true
            return (state.groups, state.folders)
        }
        ProcessSweep.run(groups: groups, folders: folders, token: token)
    }

    /// Writes one line on the channel. A line holds one short number or
    /// path, below PIPE_BUF, so each write is atomic; a path with a newline
    /// is not sent (it stays in the in-process registry). The channel is
    /// non-blocking: a backstop that stopped reading is dropped, never
    /// waited for.
    private static func send(_ line: String, in state: inout State) {
        guard state.channel >= 0, !line.contains("\n") else { return }
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(state.channel, $0.baseAddress, $0.count) }
        if written != bytes.count {
            close(state.channel)
            state.channel = -1
        }
    }
}

/// One spawn's process group, registered from inside swift-subprocess's
/// body (where the pid is first known) and released after `run` returns
/// (when the process has been reaped).
public final class GroupTicket: Sendable {
    private let group = Mutex<Int32?>(nil)
    private let registry: ProcessGuard

    /// A ticket of `registry`.
    public init(_ registry: ProcessGuard = .shared) {
        self.registry = registry
    }

    /// The spawned process `pid` leads its own group.
    public func track(_ pid: Int32) {
        group.withLock { $0 = pid }
        registry.track(group: pid)
    }

    /// The process has been reaped.
    public func release() {
        if let pid = group.withLock({ $0 }) { registry.untrack(group: pid) }
    }
}

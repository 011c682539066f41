// grader/GraderKit/Batch/MachineCache.swift -- the Machine module, built once and shared.
//
// The image is three modules (Machine, Kernel, Harness; see the Makefile).
// Machine, the ia32 layer, is the same for every submission of a batch
// unless a submission owns machine files (later assignments cut the
// machine layer too). So it is built once per content: the key is a
// digest of the tree's Makefile and machine/ folder, the build mode and
// the compiler, and the module sits in `<folder>/<key>/`. Every image
// build of a tree with that content then passes MACHINE_PREBUILT and
// compiles only the core, the tests and the link.
//
// A build goes to a private folder first and is renamed into place, so
// two graders sharing the folder never see half a module; within one
// grader, one build per key runs at a time.

import Foundation
import GraderRunner

/// Where Machine modules are kept, by content.
public struct MachineCache: Sendable {
    /// The folder holding one sub-folder per key.
    public let folder: URL

    /// A cache in `folder` (created on first use).
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The key of `tree`'s machine in `mode`: a digest of the Makefile,
    /// every file under machine/, the mode and the compiler's path and date.
    public static func key(treeRoot: URL, mode: BuildMode) -> String {
        var digest = SHA256()
        digest.update(field: mode.rawValue)
        digest.update(field: compilerIdentity())
        let inputs = ["Makefile", "machine"].map { treeRoot.appendingPathComponent($0) }
        for input in inputs {
            for file in FileTree.files(under: input) {
                digest.update(field: input.lastPathComponent + "/" + file)
                let path = file.isEmpty ? input.path : input.appendingPathComponent(file).path
                digest.update(FileManager.default.contents(atPath: path) ?? Data())
            }
        }
        return digest.hexDigest()
    }

    /// The folder of a ready module for `tree` in `mode`, building it
    /// first when the cache lacks it. A machine that does not compile
    /// (a student's machine file) is that build's failure.
    ///
    /// Steps: 1. the key; a ready folder is returned at once;
    /// 2. one build per key at a time in this process: after waiting,
    ///    look again; 3. `make machine` into a private folder;
    /// 4. rename it into place (another grader may have won: fine).
    public func prepare(treeRoot: URL, mode: BuildMode) async throws -> Result<URL, BuildFailure> {
        // 1.
        let key = MachineCache.key(treeRoot: treeRoot, mode: mode)
        let ready = folder.appendingPathComponent(key)
        if isComplete(ready) { return .success(ready) }
        // 2.
        return try await MachineCache.builds.serialize(key) { () async throws -> Result<URL, BuildFailure> in
            if isComplete(ready) { return .success(ready) }
            // 3.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let scratch = folder.appendingPathComponent(".building-" + UUID().uuidString)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let build = KernelBuild(kitRoot: treeRoot.path, assignment: "", mode: mode,
                                    buildDirectory: scratch.path, diagnosticsRoot: treeRoot.path)
            if case .failed(let failure) = try await build.run(target: "machine") {
                return .failure(failure)
            }
            // 4.
            guard isComplete(scratch.appendingPathComponent("machine")) else {
                let message = "make machine left no Machine module in \(scratch.lastPathComponent)/machine"
                return .failure(BuildFailure(summary: message, diagnostics: message, exitStatus: 0))
            }
            do {
                try FileManager.default.moveItem(at: scratch.appendingPathComponent("machine"), to: ready)
            } catch where isComplete(ready) {
                // Another grader put the same module there first.
            }
            return .success(ready)
        }
    }

    /// True when `folder` holds both halves of a Machine module.
    func isComplete(_ folder: URL) -> Bool {
        ["Machine.swiftmodule", "machine.o"].allSatisfy {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
    }

    /// The compiler on the PATH, by resolved path and modification date:
    /// a toolchain update invalidates every cached module.
    static func compilerIdentity() -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }?.resolvingSymlinksInPath()
        guard let path else { return "no swiftc" }
        let date = (try? FileManager.default.attributesOfItem(atPath: path.path))?[.modificationDate] as? Date
        return path.path + " " + String(date?.timeIntervalSince1970 ?? 0)
    }

    /// The builds under way in this process, one per key.
    static let builds = KeyedSerializer()
}

/// Runs the bodies given under one key one at a time (different keys
/// run side by side).
actor KeyedSerializer {
    private var tails: [String: Task<Void, Never>] = [:]

    /// Runs `body` after every earlier body of `key` has finished.
    func serialize<T: Sendable>(_ key: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tails[key]
        let task = Task { () async throws -> T in
            await previous?.value
            return try await body()
        }
        tails[key] = Task { _ = try? await task.value }
        return try await task.value
    }
}

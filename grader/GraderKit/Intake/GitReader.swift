// grader/GraderKit/Intake/GitReader.swift -- reads a git repository at a ref.
//
// Nothing of the student's repository is executed or trusted: it is cloned
// bare into the scratch folder with hooks and templates disabled and with
// no system or user git configuration, then `git archive` of the ref is
// read by TarReader like any tar archive. The student's own .git/config
// (which can name programs to run) is never read by a git command, since
// every command after the clone runs on the grader's copy.

import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Clones a repository and reads the tree of one ref.
public enum GitReader {
    /// The entries of `ref` in `repository`, cloned under `scratch`.
    ///
    /// Steps: 1. refuse a ref that reads as an option; 2. clone bare;
    /// 3. archive the ref as tar (bounded output) and read it.
    public static func entries(repository: String, ref: String, scratch: URL,
                               limits: IntakeLimits) async throws(IntakeError) -> [ArchiveEntry] {
        // 1.
        guard !ref.hasPrefix("-"), !repository.hasPrefix("-") else {
            throw .gitFailed(repository: repository, reason: "'\(ref)' is not a ref")
        }
        // 2.
        let clone = scratch.appendingPathComponent("clone.git").path
        let location = FileManager.default.fileExists(atPath: repository)
            ? URL(fileURLWithPath: repository).standardizedFileURL.absoluteString : repository
        _ = try await git(["clone", "--bare", "--quiet", "--no-local", "--template=", "--", location, clone],
                          repository: repository, limit: 1 << 16)
        // 3.
        let tar = try await git(["--git-dir", clone, "archive", "--format=tar", ref],
                                repository: repository, limit: limits.maxTotalSize * 2)
        return try TarReader.entries(of: Data(tar), label: repository + "@" + ref)
    }

    /// Seconds a git command may take (a remote that never answers).
    public static let timeout: Double = 120

    /// Runs git with a clean configuration, under `timeout`; throws with
    /// its message on failure.
    private static func git(_ arguments: [String], repository: String, limit: Int) async throws(IntakeError) -> [UInt8] {
        let output: [UInt8]?
        do {
            output = try await Deadline.run(seconds: timeout) {
                try await runGit(arguments, repository: repository, limit: limit)
            }
        } catch let error as IntakeError {
            throw error
        } catch {
            throw .gitFailed(repository: repository, reason: "\(error)")
        }
        guard let output else { throw .gitFailed(repository: repository, reason: "no answer within \(Int(timeout)) s") }
        return output
    }

    private static func runGit(_ arguments: [String], repository: String, limit: Int) async throws -> [UInt8] {
        let environment = ProcessGuard.shared.environment(adding: [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "/bin/false", "SSH_ASKPASS": "/bin/false",
        ])
        let hardened = ["-c", "core.hooksPath=/dev/null", "-c", "protocol.ext.allow=never"] + arguments
        do {
            let result = try await run(.name("git"), arguments: Arguments(hardened), environment: environment,
                                       output: .bytes(limit: limit), error: .string(limit: 1 << 14))
            guard result.terminationStatus.isSuccess else {
                let message = result.standardError.split(separator: "\n").last.map(String.init) ?? "failed"
                throw IntakeError.gitFailed(repository: repository, reason: message)
            }
            return result.standardOutput
        } catch let error as IntakeError {
            throw error
        } catch {
            throw IntakeError.gitFailed(repository: repository, reason: "\(error)")
        }
    }
}

// grader/cli/GraderFailure.swift -- how the commands report the grader's own failures.

import ArgumentParser
import Foundation
import GraderKit

/// The grader could not do its job (not a verdict about a kernel).
enum GraderFailure {
    /// The exit code for the grader's own failures, distinct from a
    /// test's non-pass (1).
    static let exitCode = ExitCode(2)

    /// Runs `body`; any error it throws is printed as one "error:" line
    /// on standard error and ends the command with status 2.
    static func exitingOnError<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RunnerError {
            printError(error.description)
        } catch let error as ELFError {
            printError(error.description)
        } catch is CancellationError {
            printError("interrupted")
        } catch {
            printError("\(error)")
        }
        throw exitCode
    }

    /// Writes "error: <message>" on standard error, sanitised: a message
    /// may quote a submission's file or archive entry names.
    static func printError(_ message: String) {
        var standardError = StandardError()
        print("error: " + ReportText.sanitize(message), to: &standardError)
    }
}

/// Standard error as a `TextOutputStream` that writes whole lines: a
/// `print` hands over its text and its newline apart, and the two reach
/// standard error in one write (see ConsoleLines).
struct StandardError: TextOutputStream {
    private var pending = ""

    mutating func write(_ string: String) {
        pending += string
        guard let last = pending.lastIndex(of: "\n") else { return }
        ConsoleLines.standardError.write(String(pending[...last]))
        pending = String(pending[pending.index(after: last)...])
    }
}

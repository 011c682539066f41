// grader/GraderKit/Batch/ProgressBar.swift -- "[#####.....] 12/40 alice" on stderr.
//
// Drawn only when standard error is a terminal: in CI logs and pipes a
// bar's carriage returns are noise, so there each finished submission is
// one whole line instead ("[12/40] alice graded"), written in one call
// (ConsoleLines): the results table on standard output never gets a
// progress line in the middle of a row, even when both go to one file.

import Foundation
import GraderReports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar redrawn in place.
public final class ProgressBar: @unchecked Sendable {
    // The lock makes the class Sendable: batch tasks report concurrently.
    private let lock = NSLock()
    private let total: Int
    private let enabled: Bool
    private let width = 30

    /// A bar for `total` items; drawn when stderr is a TTY (or `force`),
    /// else one line per item.
    public init(total: Int, force: Bool = false) {
        self.total = total
        self.enabled = force || isatty(STDERR_FILENO) == 1
    }

    /// Redraws the bar: `done` items finished, the last called `label`;
    /// without a terminal, one line saying so.
    public func update(done: Int, label: String) {
        guard total > 0 else { return }
        guard enabled else {
            let name = ReportText.sanitize(label).replacingOccurrences(of: "\n", with: " ")
            ConsoleLines.standardError.write("[\(done)/\(total)] \(name.prefix(60)) graded")
            return
        }
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        // The label is a student's name: no control of theirs may move the cursor.
        let name = ReportText.sanitize(label).replacingOccurrences(of: "\n", with: " ")
        let line = "\r[\(bar)] \(done)/\(total) \(name.prefix(30))\u{1B}[K"
        lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Ends the bar's line.
    public func finish() {
        guard enabled, total > 0 else { return }
        lock.withLock { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

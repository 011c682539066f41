// grader/GraderKit/Batch/ConsoleLines.swift -- whole lines on standard output and standard error.
//
// A student often runs `make assignment-1 2>&1 | less` or sends both
// streams to one CI log. Progress goes to standard error and the results
// table to standard output; if either stream wrote a line in pieces (a
// buffered stdout flushed every 4 KiB, a `print` writing its text and
// its newline apart), a progress line could land in the middle of a table
// row. So every write here is whole lines in a single write(2) call, and
// one lock orders the writers of this process: what the reader sees is
// always a sequence of complete lines, each from one stream.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes complete lines to one file descriptor, one call per text.
public struct ConsoleLines: Sendable {
    /// The descriptor written to.
    public let descriptor: Int32

    /// Lines to `descriptor`.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The results: standard output.
    public static let standardOutput = ConsoleLines(descriptor: STDOUT_FILENO)
    /// Progress and notes: standard error.
    public static let standardError = ConsoleLines(descriptor: STDERR_FILENO)

    /// One lock for every writer of the process: two streams sent to one
    /// file never see their writes interleave.
    private static let order = NSLock()

    /// Writes `text`, with a newline added when it lacks one, in one
    /// write(2) call (repeated only for what a short write left).
    ///
    /// Steps: 1. the bytes, ending with a newline; 2. under the lock,
    /// write until every byte is out (a signal may interrupt a write).
    public func write(_ text: String) {
        // 1.
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        // 2.
        ConsoleLines.order.withLock {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// write(2), under a name the method above does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

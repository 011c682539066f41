// grader/Reports/AtomicFile.swift -- writing a report all at once or not at all.
//
// CI uploads reports as soon as a job ends, teachers open the HTML page
// while a batch is still running, and a grader can be killed at any time.
// A reader must therefore see either the previous report or the new one,
// never half of it. rename(2) within one file system is atomic, so the
// bytes go to a temporary file beside the target first.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes files atomically: a reader sees the old content or the new one.
public enum AtomicFile {
    /// A failure of one system call, with the path it concerned.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        /// The system call that failed ("open", "write", "rename", ...).
        public var operation: String
        /// The file it was working on.
        public var path: String
        /// `errno` at the time.
        public var code: Int32

        /// "rename /x/report.xml: Is a directory".
        public var description: String {
            "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Writes `data` to `url` through a temporary file in the same folder,
    /// then renames it over `url`.
    ///
    /// The new file gets mode 0644 (reports are meant to be read). On any
    /// failure the temporary file is removed and `url` is left as it was.
    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        // 1. Create a uniquely named temporary file beside the target, so
        //    the rename never crosses a file system.
        let target = url.path
        var template = Array((target + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(operation: "create a temporary file for", path: target, code: errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // 2. Fill it, make it readable and flush it to disk.
        do {
            try writeAll(data, to: descriptor, path: temporary)
            try check(fchmod(descriptor, 0o644), "chmod", temporary)
            try check(fsync(descriptor), "fsync", temporary)
            try check(close(descriptor), "close", temporary)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        // 3. Put it in place in one step.
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(operation: "rename", path: target, code: code)
        }
    }

    /// `write(2)` until every byte is out (it may write less than asked).
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(WriteError) {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw WriteError(operation: "write", path: path, code: failure) }
    }

    private static func check(_ result: Int32, _ operation: String, _ path: String) throws(WriteError) {
        if result != 0 { throw WriteError(operation: operation, path: path, code: errno) }
    }
}

/// write(2), under a name the static `write` above does not hide.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

/// A report that can be rendered to text and written to a file.
public protocol ReportDocument: Sendable {
    /// The whole report as text.
    func render() throws -> String
}

extension ReportDocument {
    /// The report as UTF-8 bytes.
    public func data() throws -> Data {
        Data(try render().utf8)
    }

    /// Renders the report and writes it atomically to `url` (see `AtomicFile`).
    public func write(to url: URL) throws {
        try AtomicFile.write(data(), to: url)
    }

    /// Renders the report and writes it atomically to the file at `path`.
    public func write(toPath path: String) throws {
        try write(to: URL(fileURLWithPath: path))
    }
}

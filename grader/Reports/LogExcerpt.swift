// grader/Reports/LogExcerpt.swift -- keeping huge logs readable.
//
// A kernel stuck in a loop can print megabytes before the grader kills it.
// Nobody reads that in a CI page, and some consumers refuse it (GitHub's job
// summary stops at 1 MiB). The beginning of a log says how the test started
// and the end says how it died, so an excerpt keeps both and says plainly
// how much it left out.

/// A log cut down to a size a report can carry: its first and last lines,
/// with a line in between saying what was cut.
public struct LogExcerpt: Sendable, Equatable {
    /// The excerpt, with the cut marker line when something was cut.
    public var text: String
    /// Bytes of the original left out (0 when nothing was cut).
    public var omittedBytes: Int
    /// Whole or partial lines of the original left out.
    public var omittedLines: Int

    /// Keeps at most about `limit` UTF-8 bytes of `log`: half from its start,
    /// half from its end, each cut at a line boundary when one is near.
    public init(_ log: String, limit: Int) {
        // 1. Small enough: keep everything.
        let bytes = Array(log.utf8)
        guard bytes.count > limit else {
            self.init(text: log, omittedBytes: 0, omittedLines: 0)
            return
        }
        // 2. Choose the kept head and tail, on line or character boundaries.
        let headEnd = Self.headEnd(bytes, budget: max(limit / 2, 0))
        let tailStart = max(Self.tailStart(bytes, budget: max(limit - limit / 2, 0)), headEnd)
        let omitted = bytes[headEnd..<tailStart]
        let omittedLines = omitted.count(where: { $0 == 0x0A }) + (omitted.last == 0x0A ? 0 : 1)
        // 3. Join them around a marker line.
        var head = ReportText.decode(bytes[..<headEnd])
        if !head.isEmpty, !head.hasSuffix("\n") { head += "\n" }
        let marker = "[... \(omitted.count) bytes (\(omittedLines) lines) cut ...]\n"
        let tail = ReportText.decode(bytes[tailStart...])
        self.init(text: head + marker + tail, omittedBytes: omitted.count, omittedLines: omittedLines)
    }

    private init(text: String, omittedBytes: Int, omittedLines: Int) {
        self.text = text
        self.omittedBytes = omittedBytes
        self.omittedLines = omittedLines
    }

    /// True when part of the log was left out.
    public var isCut: Bool { omittedBytes > 0 }

    /// The last `limit` bytes or so of `log`, from a line start: for the
    /// places that show "how it ended" only (Markdown, HTML log tails).
    public static func tail(of log: String, limit: Int) -> LogExcerpt {
        let bytes = Array(log.utf8)
        guard bytes.count > limit else { return LogExcerpt(text: log, omittedBytes: 0, omittedLines: 0) }
        let start = tailStart(bytes, budget: limit)
        let omitted = bytes[..<start]
        let lines = omitted.count(where: { $0 == 0x0A }) + (omitted.last == 0x0A ? 0 : 1)
        let marker = "[... first \(omitted.count) bytes (\(lines) lines) cut ...]\n"
        return LogExcerpt(text: marker + ReportText.decode(bytes[start...]), omittedBytes: omitted.count, omittedLines: lines)
    }

    /// End of the head: just after the last newline within `budget` bytes,
    /// or, with no newline there, the last character boundary.
    private static func headEnd(_ bytes: [UInt8], budget: Int) -> Int {
        let window = bytes[..<min(budget, bytes.count)]
        if let newline = window.lastIndex(of: 0x0A) { return newline + 1 }
        return characterBoundary(bytes, atOrBefore: window.endIndex)
    }

    /// Start of the tail: just after the first newline among the last
    /// `budget` bytes, or, with no newline there, a character boundary.
    private static func tailStart(_ bytes: [UInt8], budget: Int) -> Int {
        let from = max(bytes.count - budget, 0)
        let window = bytes[from...]
        if let newline = window.dropLast().firstIndex(of: 0x0A) { return newline + 1 }
        return characterBoundary(bytes, atOrAfter: from)
    }

    /// UTF-8 continuation bytes look like 10xxxxxx; a cut must not land on one.
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    private static func characterBoundary(_ bytes: [UInt8], atOrBefore index: Int) -> Int {
        var index = index
        while index > 0, index < bytes.count, isContinuation(bytes[index]) { index -= 1 }
        return index
    }

    private static func characterBoundary(_ bytes: [UInt8], atOrAfter index: Int) -> Int {
        var index = index
        while index < bytes.count, isContinuation(bytes[index]) { index += 1 }
        return index
    }
}

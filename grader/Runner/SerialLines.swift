// grader/Runner/SerialLines.swift -- cutting the serial byte stream into lines.
//
// qemu hands us the serial port as a stream of bytes, in chunks that
// need not end at a line break. The kernel may print anything, including
// bytes that are not UTF-8, so lines stay bytes until someone asks for
// text, and invalid sequences then read as U+FFFD instead of failing.

/// One complete line the kernel printed.
public struct SerialLine: Equatable, Sendable {
    /// The bytes, without the line feed nor a carriage return before it.
    public var bytes: [UInt8]
    /// 1-based position of the line in the output.
    public var number: Int

    /// A line with these bytes.
    public init(bytes: [UInt8], number: Int) {
        self.bytes = bytes
        self.number = number
    }

    /// The line as text; invalid UTF-8 reads as U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Collects bytes and gives back each line as soon as it is complete.
public struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    private var count = 0

    /// An empty splitter.
    public init() {}

    /// Adds `bytes` and returns the lines they completed, in order.
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [SerialLine] {
        var lines: [SerialLine] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lines.append(takeLine())
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// The unfinished last line, if the output did not end with a line feed.
    public mutating func finish() -> SerialLine? {
        pending.isEmpty ? nil : takeLine()
    }

    /// Every line of `bytes`, the last one even without a final line feed.
    public static func lines(of bytes: [UInt8]) -> [SerialLine] {
        var splitter = LineSplitter()
        var lines = splitter.append(bytes)
        if let last = splitter.finish() { lines.append(last) }
        return lines
    }

    private mutating func takeLine() -> SerialLine {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        count += 1
        defer { pending.removeAll(keepingCapacity: true) }
        return SerialLine(bytes: pending, number: count)
    }
}

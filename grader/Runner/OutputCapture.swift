// grader/Runner/OutputCapture.swift -- keeping the first part of an output.

/// Accumulates output up to a limit; past it, keeps the first `limit`
/// bytes and remembers that there was more.
public struct OutputCapture: Sendable {
    /// The bytes kept.
    public private(set) var bytes: [UInt8] = []
    /// True once more than `limit` bytes were offered.
    public private(set) var overflowed = false
    /// The most bytes kept.
    public let limit: Int

    /// An empty capture keeping at most `limit` bytes.
    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Keeps what fits of `chunk` and returns that part.
    @discardableResult
    public mutating func append(_ chunk: [UInt8]) -> ArraySlice<UInt8> {
        let room = limit - bytes.count
        if chunk.count > room { overflowed = true }
        let kept = chunk.prefix(room)
        bytes.append(contentsOf: kept)
        return kept
    }
}

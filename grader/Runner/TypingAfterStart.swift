// grader/Runner/TypingAfterStart.swift -- typing lines once the test has started.
//
// The harness's START line is the moment the test runs and may read the
// serial port. Text typed earlier would wait in qemu's pipe anyway, but
// holding it until START keeps it away from boot code that might read the
// port for another reason.

/// A line handler that types some lines when the test's START line
/// (with this run's nonce) appears, and nothing otherwise.
public struct TypingAfterStart: Sendable {
    /// The lines to type, each followed by a line feed.
    public let lines: [String]
    /// The test whose START line triggers the typing.
    public let test: String
    /// The run's nonce.
    public let nonce: Nonce

    /// A handler typing `lines` after `test` starts in the run of `nonce`.
    public init(lines: [String], test: String, nonce: Nonce) {
        self.lines = lines
        self.test = test
        self.nonce = nonce
    }

    /// The bytes to type in answer to `line`.
    public func reply(to line: SerialLine) -> [UInt8] {
        guard case .start(test, nonce.text) = HarnessLine(line.text) else { return [] }
        return lines.flatMap { Array($0.utf8) + [UInt8(ascii: "\n")] }
    }
}

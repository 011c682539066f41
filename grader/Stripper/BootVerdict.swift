// grader/Stripper/BootVerdict.swift -- what one skeleton boot said.
//
// `stripper verify` boots each skeleton test once and only needs the
// verdict: did the harness say PASS, FAIL, NOTEST, did the kernel panic,
// or did it say nothing (a hang or a triple fault)? As everywhere in the
// kit, only lines carrying the run's nonce count.

/// The outcome of one kernel boot.
public enum BootVerdict: Equatable, Sendable, CustomStringConvertible {
    /// `KTEST PASS`.
    case pass
    /// `KTEST FAIL`, with the harness's message.
    case fail(String)
    /// `KTEST NOTEST`: the image has no such test.
    case noTest
    /// `PANIC`: a CPU exception or a Swift trap.
    case panic
    /// No verdict with the nonce: a hang, a reset, a crash of qemu.
    case silent

    /// Reads the verdict of a run with `nonce` from its serial output.
    public init(output: String, nonce: String) {
        self = .silent
        for line in Self.lines(of: output, nonce: nonce) {
            if line.hasPrefix("KTEST PASS ") { self = .pass; return }
            if line.hasPrefix("KTEST NOTEST ") { self = .noTest; return }
            if line.hasPrefix("PANIC ") { self = .panic; return }
            if line.hasPrefix("KTEST FAIL ") {
                let message = line.range(of: " message=").map { String(line[$0.upperBound...]) } ?? ""
                self = .fail(message)
                return
            }
        }
    }

    /// The test names a `list` boot printed (`KTEST TEST name=<n>`).
    public static func testNames(in output: String, nonce: String) -> [String] {
        lines(of: output, nonce: nonce).compactMap { line in
            guard line.hasPrefix("KTEST TEST name=") else { return nil }
            return line.dropFirst("KTEST TEST name=".count).split(separator: " ").first.map(String.init)
        }
    }

    /// The harness lines of the output that carry `nonce`; firmware may
    /// print on the same line before the kernel does, so each line is
    /// taken from its first `KTEST` or `PANIC`.
    static func lines(of output: String, nonce: String) -> [Substring] {
        output.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.contains(" nonce=\(nonce)") else { return nil }
            guard let start = line.range(of: "KTEST ") ?? line.range(of: "PANIC ") else { return nil }
            return line[start.lowerBound...]
        }
    }

    /// `pass`, `fail (message)`, ...
    public var description: String {
        switch self {
        case .pass: return "pass"
        case .fail(let message): return "fail (\(message))"
        case .noTest: return "no such test"
        case .panic: return "panic"
        case .silent: return "no verdict (hang or reset)"
        }
    }
}

// grader/Scripts/ConversationMatcher.swift -- following a run's serial output.
//
// The matcher is fed serial lines one at a time, as they arrive. It waits
// for the script's `expect` steps in order (lines in between are allowed:
// kernels print more than a script cares about), answers with the bytes
// of the `send` steps that follow each matched expect, and tests every
// line against the `never` patterns. Each expect consumes the line that
// matched it, so two expects need two lines.
//
// The harness's own `KTEST ...` lines are neither matched nor shown: they
// belong to the grader. They still count in the line numbering, so the
// numbers students see are those of the full serial log.
//
// The matcher is a value with no I/O: the runner drives it live (see
// `ConversationDriver`), and the scorer replays the recorded lines through
// a fresh one to judge the run.

/// Follows one run's serial output through a script's conversation.
public struct ConversationMatcher {
    private let steps: [ConversationStep]
    private let expectMatchers: [Int: PatternMatcher]
    private let neverMatchers: [PatternMatcher]
    /// The index in `steps` of the next step to do.
    private var position = 0
    private var started = false
    /// Every line received, harness lines included, for numbering and context.
    private(set) var lines: [String] = []
    /// The 1-based number of the line each matched expect consumed.
    private(set) var matchedLines: [Int] = []
    /// For each line with forbidden output, the pattern and line number.
    private(set) var violations: [(pattern: Pattern, line: Int)] = []

    /// A matcher for `script`'s conversation and never-patterns.
    public init(script: TestScript) {
        self.init(conversation: script.conversation, never: script.never)
    }

    /// A matcher for these steps and never-patterns.
    /// - Precondition: every regex compiles, as in every loaded script.
    public init(conversation: [ConversationStep], never: [Pattern]) {
        steps = conversation
        var expects: [Int: PatternMatcher] = [:]
        for (index, step) in conversation.enumerated() {
            if case .expect(let pattern) = step { expects[index] = PatternMatcher(pattern) }
        }
        expectMatchers = expects
        neverMatchers = never.map(PatternMatcher.init)
    }

    /// True once every step was done (never-patterns aside).
    public var conversationDone: Bool { position == steps.count }

    /// The bytes to type before any output: the `send` steps that open
    /// the conversation. Call it once the serial port is connected; it
    /// returns nil when there is nothing to send, and when called again.
    public mutating func start() -> [UInt8]? {
        guard !started else { return nil }
        started = true
        return takeSends()
    }

    /// Takes one serial line (without its line terminator; a trailing
    /// carriage return is ignored) and returns the bytes to type now, if
    /// the line completed an expect followed by `send` steps.
    ///
    /// 1. Number the line; harness lines stop there.
    /// 2. Test it against every never-pattern.
    /// 3. If it matches the expect being waited for, step past it and
    ///    return the sends that follow.
    public mutating func receive(_ rawLine: String) -> [UInt8]? {
        let opening = start()
        // 1.
        let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
        lines.append(line)
        let number = lines.count
        guard !Self.isHarnessLine(line) else { return opening }
        // 2.
        for matcher in neverMatchers where matcher.matches(line) {
            violations.append((matcher.pattern, number))
        }
        // 3.
        guard position < steps.count, let matcher = expectMatchers[position], matcher.matches(line) else {
            return opening
        }
        matchedLines.append(number)
        position += 1
        return Self.joined(opening, takeSends())
    }

    /// The verdict on everything received so far; call it once the run
    /// is over.
    public func finish() -> ConversationOutcome {
        MismatchBuilder(matcher: self).outcome()
    }

    /// Matches a whole recorded output in one go.
    public static func match(_ lines: [String], against script: TestScript) -> ConversationOutcome {
        var matcher = ConversationMatcher(script: script)
        for line in lines { _ = matcher.receive(line) }
        return matcher.finish()
    }

    /// The steps from the first unmatched one on (for the MISSING lines).
    var remainingExpects: [Pattern] {
        steps[position...].compactMap { step in
            if case .expect(let pattern) = step { return pattern }
            return nil
        }
    }

    /// Lines the grader's harness prints for itself (`KTEST START ...`).
    static func isHarnessLine(_ line: String) -> Bool {
        line.hasPrefix("KTEST ")
    }

    /// Gathers the `send` steps at the current position, stepping past them.
    private mutating func takeSends() -> [UInt8]? {
        var bytes: [UInt8] = []
        while position < steps.count, case .send(let more) = steps[position] {
            bytes += more
            position += 1
        }
        return bytes.isEmpty ? nil : bytes
    }

    private static func joined(_ first: [UInt8]?, _ second: [UInt8]?) -> [UInt8]? {
        guard let first else { return second }
        guard let second else { return first }
        return first + second
    }
}

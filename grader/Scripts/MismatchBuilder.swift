// grader/Scripts/MismatchBuilder.swift -- the "wrong output" explanation.
//
// When a run's output does not satisfy its script, the student gets a
// short comparison, in serial order:
//
//     GOOD     lines that matched an expect, in order
//     BAD      a line with forbidden output, or the line where the output
//              left the script (the first line after the last GOOD one)
//     CONTEXT  a few lines around each BAD line (or before the end)
//     MISSING  the expects never seen, last
//
// Every serial line is shown as `<number>: <text>`, numbered from 1 over
// the whole log (harness lines included, though they are never shown).

import GraderModel

/// Builds the outcome of a finished `ConversationMatcher`.
struct MismatchBuilder {
    /// Lines shown on each side of a BAD line.
    static let contextRadius = 2
    /// Forbidden lines shown at most (a flooding kernel may print thousands).
    static let maximumForbiddenLines = 5
    /// Characters of a serial line shown at most.
    static let maximumLineLength = 240

    let matcher: ConversationMatcher

    /// The outcome: matched, or a mismatch with its message.
    ///
    /// 1. Nothing wrong: matched.
    /// 2. Find the BAD lines: forbidden output, and where the output left
    ///    the script if an expect is missing.
    /// 3. Lay out GOOD, BAD and CONTEXT lines in serial order, then MISSING.
    func outcome() -> ConversationOutcome {
        let missing = matcher.remainingExpects
        // 1.
        guard !missing.isEmpty || !matcher.violations.isEmpty else { return ConversationOutcome() }
        // 2.
        let divergence = missing.isEmpty ? nil : divergenceLine()
        var bad = Set(matcher.violations.prefix(Self.maximumForbiddenLines).map(\.line))
        if let divergence { bad.insert(divergence) }
        // 3.
        // A matched line with forbidden output is shown once, as BAD.
        var shown: [(number: Int, kind: Mismatch.Line.Kind)] = bad.map { ($0, .bad) }
        shown += matcher.matchedLines.filter { !bad.contains($0) }.map { ($0, .good) }
        shown += contextLines(around: bad).subtracting(shown.map(\.number)).map { ($0, .context) }
        var lines = shown.sorted { $0.number < $1.number }.map { Mismatch.Line($0.kind, numbered($0.number)) }
        lines += missing.map { Mismatch.Line(.missing, $0.description) }
        return summary(missing: missing, divergence: divergence, lines: lines)
    }

    /// The primary problem: the first forbidden line if any (it is wrong
    /// whatever follows), else the first missing expect.
    private func summary(missing: [Pattern], divergence: Int?, lines: [Mismatch.Line]) -> ConversationOutcome {
        if let violation = matcher.violations.first {
            let seen = text(of: violation.line)
            let mismatch = Mismatch(expected: "never \(violation.pattern)", seen: seen,
                                    lineNumber: violation.line, lines: lines)
            return ConversationOutcome(mismatch: mismatch,
                                       message: "line \(violation.line) has forbidden output \(violation.pattern)")
        }
        let expected = missing[0]
        let seen = divergence.map(text(of:))
        let mismatch = Mismatch(expected: expected.description, seen: seen, lineNumber: divergence, lines: lines)
        let whereItWent = divergence.map { "line \($0) was \"\(text(of: $0))\"" }
            ?? "the output ended after line \(matcher.lines.count)"
        return ConversationOutcome(mismatch: mismatch, message: "expected \(expected), but \(whereItWent)")
    }

    /// The first shown line after the last matched one: where the output
    /// stopped following the script. Nil when nothing was printed after.
    private func divergenceLine() -> Int? {
        let after = matcher.matchedLines.last ?? 0
        return (after + 1 ..< matcher.lines.count + 1).first { isShown($0) }
    }

    /// Shown lines within `contextRadius` shown lines of each BAD line; or,
    /// with no BAD line, the last few shown lines of the output.
    private func contextLines(around bad: Set<Int>) -> Set<Int> {
        let shownNumbers = (1 ..< matcher.lines.count + 1).filter(isShown)
        guard !bad.isEmpty else { return Set(shownNumbers.suffix(Self.contextRadius)) }
        var result: Set<Int> = []
        for (index, number) in shownNumbers.enumerated() where bad.contains(number) {
            let low = max(index - Self.contextRadius, 0)
            let high = min(index + Self.contextRadius, shownNumbers.count - 1)
            result.formUnion(shownNumbers[low ... high])
        }
        return result
    }

    private func isShown(_ number: Int) -> Bool {
        !ConversationMatcher.isHarnessLine(matcher.lines[number - 1])
    }

    private func numbered(_ number: Int) -> String {
        "\(number): \(text(of: number))"
    }

    /// Line `number`, cut to `maximumLineLength` characters.
    private func text(of number: Int) -> String {
        let line = matcher.lines[number - 1]
        guard line.count > Self.maximumLineLength else { return line }
        return line.prefix(Self.maximumLineLength) + "…"
    }
}

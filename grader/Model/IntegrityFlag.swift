// grader/Model/IntegrityFlag.swift -- a "look at this" note for the teacher.
//
// The integrity scan (grader/GraderKit/Trust/IntegrityScan.swift) reads the
// files a submission owns and flags constructs an honest solution rarely
// needs and a dishonest one would: raw pointers, linker attributes, the
// harness's verdict words, the machine's exit and serial layer. A flag is
// a note only: it never changes a score, and every report shows it to the
// teacher (Gradescope hides it from the student).

/// One line of a submission that a teacher should look at.
public struct IntegrityFlag: Codable, Sendable, Equatable {
    /// The file, relative to the kernel core root ("set/list.swift").
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The rule's name ("raw-pointer", "verdict-word", ...).
    public var rule: String
    /// Why it matters, in one line a teacher understands.
    public var reason: String
    /// The line as the student wrote it, trimmed and cut short: student
    /// text, which every report escapes.
    public var excerpt: String

    /// A flag on `line` of `file`, raised by `rule` for `reason`.
    public init(file: String, line: Int, rule: String, reason: String, excerpt: String) {
        self.file = file
        self.line = line
        self.rule = rule
        self.reason = reason
        self.excerpt = excerpt
    }

    /// "set/list.swift:12: raw-pointer: <reason>: <excerpt>", one line.
    public var summary: String {
        "\(file):\(line): \(rule): \(reason): \(excerpt)"
    }
}

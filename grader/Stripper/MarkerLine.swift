// grader/Stripper/MarkerLine.swift -- recognising one marker line.
//
// The markers (docs/contributing.md, "Stripper markers") are whole-line
// comments:
//
//     // BEGIN ASSIGNMENT 01-set
//     // ELSE
//     // END ASSIGNMENT 01-set
//
// A line that almost looks like a marker (a missing name, a marker after
// code, a lowercase keyword followed by a name) is an error rather than
// ordinary text: silently keeping it would leak reference code into a
// student skeleton.

/// What one source line is, as far as markers are concerned.
public enum MarkerLine: Equatable, Sendable {
    /// `// BEGIN ASSIGNMENT <name>`
    case begin(String)
    /// `// ELSE`
    case otherwise
    /// `// END ASSIGNMENT <name>`
    case end(String)
    /// Any other line.
    case text

    /// Classifies `line`; a malformed marker throws a message (the caller
    /// adds the file and line).
    ///
    /// Steps:
    /// 1. a line that is not a `//` comment can only be text, unless it
    ///    hides a marker after code;
    /// 2. `ELSE` alone is the separator;
    /// 3. `BEGIN ASSIGNMENT` / `END ASSIGNMENT` need exactly one name.
    public static func classify(_ line: Substring) throws(MarkerSyntaxError) -> MarkerLine {
        // 1.
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("//") else {
            if line.contains("// BEGIN ASSIGNMENT") || line.contains("// END ASSIGNMENT") {
                throw MarkerSyntaxError("a marker must be alone on its line")
            }
            return .text
        }
        let words = trimmed.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        // 2.
        if words == ["ELSE"] {
            return .otherwise
        }
        // 3.
        guard words.count >= 2, words[1].uppercased() == "ASSIGNMENT",
              ["BEGIN", "END"].contains(words[0].uppercased()) else {
            return .text
        }
        guard words[0] == "BEGIN" || words[0] == "END", words[1] == "ASSIGNMENT" else {
            throw MarkerSyntaxError("markers are written in capitals: '// BEGIN ASSIGNMENT <name>'")
        }
        guard words.count == 3 else {
            throw MarkerSyntaxError("'\(words[0]) ASSIGNMENT' needs exactly one assignment name, like '01-set'")
        }
        let name = String(words[2])
        return words[0] == "BEGIN" ? .begin(name) : .end(name)
    }
}

/// A marker line that is not well formed (located by the parser).
public struct MarkerSyntaxError: Error, Equatable {
    /// What is wrong with the line.
    public var message: String

    /// A syntax error saying `message`.
    public init(_ message: String) {
        self.message = message
    }
}

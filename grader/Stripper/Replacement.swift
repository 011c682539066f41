// grader/Stripper/Replacement.swift -- turning a commented replacement into code.
//
// Replacement lines are written as comments so that the reference still
// compiles with them in place. The stripper removes the first `//` after
// the indentation, and one space after it, so
//
//     ····// throw KernelError.notImplemented
//
// becomes `····throw KernelError.notImplemented` in the skeleton.

/// The rules for replacement lines.
public enum Replacement {
    /// Whether `line` may appear between ELSE and END: blank, `//` alone,
    /// or `// ` followed by the replacement text. `///` is refused: it
    /// would lose a slash (write `// /// doc` for a doc comment).
    public static func isComment(_ line: String) -> Bool {
        let body = line.drop { $0 == " " || $0 == "\t" }
        if body.isEmpty || body == "\r" { return true }
        guard body.hasPrefix("//") else { return false }
        let after = body.dropFirst(2)
        return after.isEmpty || after.first == " " || after == "\r"
    }

    /// The skeleton's line for a replacement line, and how many columns
    /// its text moved to the left (to map compiler columns back).
    public static func uncomment(_ line: String) -> (text: String, columnShift: Int) {
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        var body = line.dropFirst(indent.count)
        guard body.hasPrefix("//") else { return (line, 0) }
        body = body.dropFirst(2)
        var shift = 2
        if body.first == " " {
            body = body.dropFirst()
            shift = 3
        }
        return (String(indent) + body, shift)
    }
}

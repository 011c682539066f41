// grader/GraderKit/Intake/EntryName.swift -- the characters an entry's name may hold.
//
// A student's file names travel on: into the kit's Makefile (make expands
// them in shell recipes), onto command lines, into every report. Rather
// than trust each of those to quote them, intake lets in only names no
// shell, tool or report can misread: ASCII letters and digits, `.`, `_`
// and `-`, in components separated by `/`, none of them empty and none
// starting with `-` (a tool would read it as an option). SubmissionWriter
// applies the rule to every entry, whatever the source (folder, tar,
// tar.gz, zip, git). A refused name is shown with its other characters
// escaped, so it cannot inject anything into the report that names it.

/// The safe-name rule, and the escaping that shows a refused name.
public enum EntryName {
    /// True for a character a name component may hold.
    public static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a" ... "z", "A" ... "Z", "0" ... "9", ".", "_", "-": return true
        default: return false
        }
    }

    /// Why the stored path `raw` is refused, or nil when it is safe. `.`
    /// components and one trailing `/` (a folder entry) are allowed;
    /// absolute paths and `..` are `EntryPath`'s to refuse.
    ///
    /// Steps: 1. split at `/`, dropping the trailing empty component of a
    /// folder entry; 2. refuse an empty component, one starting with `-`,
    /// and the first character outside the safe set.
    public static func problem(in raw: String) -> String? {
        // 1.
        var parts = raw.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        // 2.
        for part in parts {
            if part.isEmpty { return "it has an empty component ('//')" }
            if part.hasPrefix("-") { return "the component '\(escaped(part))' starts with '-'" }
            if let bad = part.unicodeScalars.first(where: { !isSafe($0) }) {
                return "it holds the character \(escape(bad))"
            }
        }
        return nil
    }

    /// `text` with every character outside the safe set and `/` written
    /// as `\u{hex}` (a backslash too, so the result reads one way only).
    public static func escaped<Text: StringProtocol>(_ text: Text) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isSafe(scalar) || scalar == "/" {
                result.unicodeScalars.append(scalar)
            } else {
                result += escape(scalar)
            }
        }
        return result
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16) + "}"
    }
}

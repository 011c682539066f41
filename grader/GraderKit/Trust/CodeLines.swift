// grader/GraderKit/Trust/CodeLines.swift -- a source file's lines with the comments blanked out.
//
// The integrity scan must not flag a word a student only wrote in a
// comment ("// no UnsafePointer here"), yet must flag it in code and in
// string literals (`print("KTEST PASS")` is exactly what it looks for).
// So this is not a tokenizer: it follows just enough of Swift's (and C's)
// lexical rules to know where comments are: `//` to the end of the line,
// `/* */` across lines (nested, as Swift allows), and string literals,
// single- and multi-line, inside which neither starts a comment.

/// Splits source text into lines whose comments are replaced by nothing.
enum CodeLines {
    /// The lines of `text` (split at `\n`), each without its comments; a
    /// line inside a block comment becomes empty.
    static func of(_ text: String) -> [String] {
        var state = State()
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { state.code(of: Substring($0)) }
    }

    /// What carries over from one line to the next.
    private struct State {
        /// How many block comments are open (Swift nests them).
        var commentDepth = 0
        /// True inside a `"""` string.
        var inMultilineString = false

        /// The code of one line.
        ///
        /// Steps: 1. inside a block comment, look for its end (or a nested
        /// start); 2. inside a string, copy up to its closing quote, skipping
        /// escapes; 3. otherwise a comment start cuts or opens, a quote
        /// opens a string, anything else is code.
        mutating func code(of line: Substring) -> String {
            var output = ""
            var inString = false
            var rest = line[...]
            while let character = rest.first {
                // 1.
                if commentDepth > 0 {
                    if rest.hasPrefix("*/") {
                        commentDepth -= 1
                    } else if rest.hasPrefix("/*") {
                        commentDepth += 1
                    }
                    rest = rest.dropFirst(rest.hasPrefix("*/") || rest.hasPrefix("/*") ? 2 : 1)
                    continue
                }
                // 2.
                if inString || inMultilineString {
                    let taken = stringPiece(rest, inString: &inString)
                    output += taken
                    rest = rest.dropFirst(taken.count)
                    continue
                }
                // 3.
                if rest.hasPrefix("//") { break }
                if rest.hasPrefix("/*") {
                    commentDepth += 1
                    output += " "
                    rest = rest.dropFirst(2)
                    continue
                }
                let opening = rest.hasPrefix("\"\"\"") ? "\"\"\"" : String(character)
                if opening == "\"\"\"" { inMultilineString = true } else if character == "\"" { inString = true }
                output += opening
                rest = rest.dropFirst(opening.count)
            }
            return output
        }

        /// The next piece of string literal at the start of `rest`: an
        /// escape (two characters), a closing quote (ending the string), or
        /// one character.
        private mutating func stringPiece(_ rest: Substring, inString: inout Bool) -> Substring {
            if rest.first == "\\" { return rest.prefix(2) }
            if inMultilineString, rest.hasPrefix("\"\"\"") {
                inMultilineString = false
                return rest.prefix(3)
            }
            if inString, rest.first == "\"" { inString = false }
            return rest.prefix(1)
        }
    }
}

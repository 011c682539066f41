// grader/Scripts/Pattern.swift -- what a serial line is matched against.
//
// A pattern is either a literal substring or a regular expression (Swift
// `Regex` syntax). Both search the whole line: a regex is not anchored
// unless it says `^` or `$`. A third kind, a whole line, is what an
// oracle's lines become (SeededOracle, ReferenceOracle): `count=2` must
// not pass for `count=24`. `Regex` is not `Sendable`, so a script keeps
// only the pattern's source and each run compiles it once into a
// `PatternMatcher`; the loader has already proved that it compiles.

/// A literal substring or a regular expression to look for in one line.
public enum Pattern: Hashable, Sendable, CustomStringConvertible {
    /// Matches a line that contains this text.
    case literal(String)
    /// Matches a line where this regular expression finds a match.
    case regex(String)
    /// Matches a line that is exactly this text (an oracle's line).
    case line(String)

    /// `"text"` for a literal, `/source/` for a regex, `line "text"` for a
    /// whole line: how reports show it.
    public var description: String {
        switch self {
        case .literal(let text): return "\"\(text)\""
        case .regex(let source): return "/\(source)/"
        case .line(let text): return "line \"\(text)\""
        }
    }

    /// Why the regex does not compile, or nil when it does (or is a literal).
    public var compileError: String? {
        guard case .regex(let source) = self else { return nil }
        do {
            _ = try Regex(source)
            return nil
        } catch {
            return String(describing: error)
        }
    }
}

/// A `Pattern` made ready to test lines quickly.
struct PatternMatcher {
    /// The pattern this was made from.
    let pattern: Pattern
    private let regex: Regex<AnyRegexOutput>?

    /// Compiles `pattern`. Scripts are validated when loaded, so a regex
    /// that does not compile here is a bug in the loader, not in a script.
    init(_ pattern: Pattern) {
        self.pattern = pattern
        switch pattern {
        case .literal, .line:
            regex = nil
        case .regex(let source):
            do {
                regex = try Regex(source)
            } catch {
                preconditionFailure("pattern \(pattern) was not validated: \(error)")
            }
        }
    }

    /// True when `line` contains the literal, or the regex matches in it,
    /// or it is the whole line.
    func matches(_ line: String) -> Bool {
        switch pattern {
        case .literal(let text): return line.contains(text)
        case .line(let text): return line == text
        case .regex: return regex.map { line.contains($0) } ?? false
        }
    }
}

// grader/GraderKit/Similarity/SourceToken.swift -- a token as the similarity check sees it.
//
// Two programs are "the same" for `grader similarity` when they are the
// same sequence of tokens once everything a copier changes for free is
// gone: comments, white space and line breaks, the names of identifiers,
// the values of literals. So each token keeps only its class: every
// identifier reads `$id`, every number `$num`, every string `$str`, while
// keywords, operators and punctuation keep their text (renaming `count`
// to `n` changes nothing; turning a `while` into a `for` does).

/// One normalised token and where it stands in its file.
public struct SourceToken: Sendable, Equatable {
    /// The normalised text: `$id`, `$num`, `$str`, or the token itself
    /// (a keyword, an operator, a punctuation mark, `@attribute`, `#if`).
    public var kind: String
    /// The 1-based line the token starts on.
    public var line: Int
    /// The 1-based line it ends on (after the line for a multi-line string).
    public var endLine: Int

    /// The class of every identifier.
    public static let identifier = "$id"
    /// The class of every number literal.
    public static let number = "$num"
    /// The class of every string (or character) literal.
    public static let string = "$str"

    /// A token of `kind` on lines `line` to `endLine`.
    public init(kind: String, line: Int, endLine: Int? = nil) {
        self.kind = kind
        self.line = line
        self.endLine = endLine ?? line
    }

    /// The words that keep their text: Swift's keywords and the
    /// contextual ones that shape code (`get`, `set`, `mutating`...).
    /// Everything else made of letters is an identifier.
    public static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "as", "any", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "await",
        "async", "some", "get", "set", "willSet", "didSet", "mutating", "nonmutating", "lazy", "weak",
        "unowned", "override", "final", "required", "convenience", "indirect", "consuming", "borrowing",
        "nonisolated", "package", "unsafe",
    ]
}

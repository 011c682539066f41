// grader/GraderKit/Mutation/SwiftTokenizer.swift -- Swift source cut into tokens.
//
// The mutant generator (MutantGenerator.swift) changes code one token at
// a time. It must never touch a comment or a string literal: a mutant
// that only changes a comment is "equivalent" (no test can kill it) and
// would lower the mutation score for nothing. This tokenizer is just
// precise enough for that: it knows comments (`//`, nested `/* */`),
// string literals (`"..."`, `"""..."""`, escapes, interpolation as part
// of the string), numbers, identifiers, operators and punctuation. Every
// byte of the source belongs to exactly one token, so joining the tokens
// gives the source back.

/// What a token is.
public enum SwiftTokenKind: String, Sendable, Equatable {
    /// Spaces, tabs and newlines.
    case whitespace
    /// `// ...` up to the end of the line, or `/* ... */`.
    case comment
    /// A string literal, interpolations included.
    case string
    /// An integer or floating-point literal.
    case number
    /// A name or a keyword (`count`, `if`, `return`).
    case identifier
    /// A run of operator characters (`<=`, `..<`, `&+`, `!`).
    case operatorSymbol
    /// `( ) [ ] { } , : ; .` and anything else.
    case punctuation
}

/// One token: its kind, its text and the line it starts on (1-based).
public struct SwiftToken: Sendable, Equatable {
    /// What the token is.
    public var kind: SwiftTokenKind
    /// The exact source text.
    public var text: String
    /// The line the token starts on.
    public var line: Int
    /// The column it starts at: characters before it on its line (0-based).
    public var column: Int

    /// A token of `kind` reading `text` at `line` and `column`.
    public init(kind: SwiftTokenKind, text: String, line: Int, column: Int = 0) {
        self.kind = kind
        self.text = text
        self.line = line
        self.column = column
    }
}

/// Cuts Swift source into tokens.
public enum SwiftTokenizer {
    /// Characters operators are made of.
    static let operatorCharacters = Set("/=-+!*%<>&|^~?.")

    /// The tokens of `source`; their texts joined give `source` back.
    ///
    /// Steps: 1. look at the next character; 2. read the longest token of
    /// the kind it starts; 3. count the newlines it holds for the next line.
    public static func tokenize(_ source: String) -> [SwiftToken] {
        let characters = Array(source)
        var tokens: [SwiftToken] = []
        var index = 0
        var line = 1
        var column = 0
        while index < characters.count {
            // 1. + 2.
            let (kind, end) = scan(characters, from: index)
            let text = String(characters[index..<end])
            tokens.append(SwiftToken(kind: kind, text: text, line: line, column: column))
            // 3.
            for character in text {
                if character == "\n" { line += 1; column = 0 } else { column += 1 }
            }
            index = end
        }
        return tokens
    }

    /// The kind and end of the token starting at `start`.
    static func scan(_ text: [Character], from start: Int) -> (SwiftTokenKind, Int) {
        let first = text[start]
        let second: Character? = start + 1 < text.count ? text[start + 1] : nil
        if first == "/" && second == "/" { return (.comment, endOfLine(text, from: start)) }
        if first == "/" && second == "*" { return (.comment, endOfBlockComment(text, from: start)) }
        if first == "\"" || (first == "#" && second == "\"") { return (.string, endOfString(text, from: start)) }
        if first.isWhitespace { return (.whitespace, run(text, from: start) { $0.isWhitespace }) }
        if first.isNumber { return (.number, endOfNumber(text, from: start)) }
        if first.isLetter || first == "_" || first == "$" || first == "`" {
            return (.identifier, run(text, from: start) { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "`" })
        }
        if operatorCharacters.contains(first) {
            return (.operatorSymbol, run(text, from: start) { operatorCharacters.contains($0) })
        }
        return (.punctuation, start + 1)
    }

    /// The end of the run of characters satisfying `test` from `start`.
    static func run(_ text: [Character], from start: Int, while test: (Character) -> Bool) -> Int {
        var end = start
        while end < text.count && test(text[end]) { end += 1 }
        return end
    }

    /// The end of a number: digits, letters (`0x1F`, `1e3`), `_`, and a
    /// `.` followed by a digit (`1.5`; `1...3` is a range).
    static func endOfNumber(_ text: [Character], from start: Int) -> Int {
        var end = start
        while end < text.count {
            let character = text[end]
            let digitAfter = end + 1 < text.count && text[end + 1].isNumber
            guard character.isNumber || character.isLetter || character == "_" || (character == "." && digitAfter) else { break }
            end += 1
        }
        return end
    }

    /// The end of a line comment: the newline is not part of it.
    static func endOfLine(_ text: [Character], from start: Int) -> Int {
        run(text, from: start) { $0 != "\n" }
    }

    /// The end of a block comment; Swift's block comments nest.
    static func endOfBlockComment(_ text: [Character], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < text.count {
            let pair = index + 1 < text.count ? String(text[index...index + 1]) : ""
            if pair == "/*" { depth += 1; index += 2; continue }
            if pair == "*/" {
                depth -= 1; index += 2
                if depth == 0 { return index }
                continue
            }
            index += 1
        }
        return text.count
    }

    /// The end of a string literal: raw delimiters (`#"..."#`), multi-line
    /// (`"""`), escapes, and `\( ... )` interpolations (which may hold
    /// strings and parentheses of their own).
    static func endOfString(_ text: [Character], from start: Int) -> Int {
        var index = start
        var hashes = 0
        while index < text.count && text[index] == "#" { hashes += 1; index += 1 }
        let multiLine = index + 2 < text.count && text[index] == "\"" && text[index + 1] == "\"" && text[index + 2] == "\""
        let quote = multiLine ? 3 : 1
        index += quote
        while index < text.count {
            let character = text[index]
            if character == "\\" && hashes == 0 {
                if index + 1 < text.count && text[index + 1] == "(" {
                    index = endOfInterpolation(text, from: index + 1)
                } else {
                    index += 2
                }
                continue
            }
            if !multiLine && character == "\n" { return index }
            if character == "\"" && closes(text, at: index, quotes: quote, hashes: hashes) {
                return index + quote + hashes
            }
            index += 1
        }
        return text.count
    }

    /// True when `quotes` quotes followed by `hashes` hashes start at `index`.
    static func closes(_ text: [Character], at index: Int, quotes: Int, hashes: Int) -> Bool {
        guard index + quotes + hashes <= text.count else { return false }
        return text[index..<index + quotes].allSatisfy { $0 == "\"" }
            && text[index + quotes..<index + quotes + hashes].allSatisfy { $0 == "#" }
    }

    /// The end of an interpolation `( ... )` starting at `open`.
    static func endOfInterpolation(_ text: [Character], from open: Int) -> Int {
        var depth = 0
        var index = open
        while index < text.count {
            let character = text[index]
            if character == "\"" {
                index = endOfString(text, from: index)
                continue
            }
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return text.count
    }
}

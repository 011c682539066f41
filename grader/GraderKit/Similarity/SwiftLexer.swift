// grader/GraderKit/Similarity/SwiftLexer.swift -- Swift (and C-family) text to normalised tokens.
//
// Not a compiler's lexer: it only has to cut text into the same tokens
// for the same code, whatever the layout, and never stop on hostile
// input. It works on UTF-8 bytes and knows:
//   * comments: `//` to the end of the line, `/* ... */` (nested, as Swift
//     allows); dropped, like white space;
//   * strings: `"..."`, `"""..."""`, raw `#"..."#`, with escapes and
//     `\( ... )` interpolations (which may hold strings); C's `'x'`;
//   * numbers: `42`, `0x1F`, `1_000`, `3.5e-2` (but `1..<n` is a range);
//   * words: identifiers (any byte above 127 counts as a letter, and
//     `` `name` `` and `$0` are identifiers), keywords, `@attribute`,
//     `#directive`;
//   * operators: a run of `/ = - + ! * % < > & | ^ ~ ?`, or of dots;
//   * anything else: one byte, one token.
// An unterminated string or comment ends at the end of the file.

/// Cuts source text into `SourceToken`s.
public struct SwiftLexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    /// The tokens of `text`, in order.
    public static func tokens(of text: String) -> [SourceToken] {
        var lexer = SwiftLexer(bytes: Array(text.utf8))
        return lexer.run()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Steps: 1. skip blanks and comments; 2. read the token that starts
    /// here, by its first byte; 3. record it with its lines.
    private mutating func run() -> [SourceToken] {
        var tokens: [SourceToken] = []
        while true {
            // 1.
            skipBlanksAndComments()
            guard index < bytes.count else { return tokens }
            // 2.
            let startLine = line
            let kind = readToken()
            // 3.
            tokens.append(SourceToken(kind: kind, line: startLine, endLine: line))
        }
    }

    private func byte(at offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// Moves one byte on, counting lines.
    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    private mutating func skipBlanksAndComments() {
        while let current = byte(at: 0) {
            if current == 0x20 || (current >= 0x09 && current <= 0x0D) {
                advance()
            } else if current == UInt8(ascii: "/"), byte(at: 1) == UInt8(ascii: "/") {
                while let next = byte(at: 0), next != UInt8(ascii: "\n") { advance() }
            } else if current == UInt8(ascii: "/"), byte(at: 1) == UInt8(ascii: "*") {
                skipBlockComment()
            } else {
                return
            }
        }
    }

    /// Skips `/* ... */`, nested ones included.
    private mutating func skipBlockComment() {
        var depth = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), byte(at: 1) == UInt8(ascii: "*") {
                depth += 1
                advance(); advance()
            } else if bytes[index] == UInt8(ascii: "*"), byte(at: 1) == UInt8(ascii: "/") {
                depth -= 1
                advance(); advance()
                if depth == 0 { return }
            } else {
                advance()
            }
        }
    }

    /// The token starting at `index`, normalised; moves past it.
    private mutating func readToken() -> String {
        let first = bytes[index]
        switch first {
        case UInt8(ascii: "\""):
            skipString(hashes: 0)
            return SourceToken.string
        case UInt8(ascii: "'"):
            skipCharacter()
            return SourceToken.string
        case UInt8(ascii: "#") where rawStringHashes() != nil:
            let hashes = rawStringHashes()!
            for _ in 0 ..< hashes { advance() }
            skipString(hashes: hashes)
            return SourceToken.string
        case UInt8(ascii: "0") ... UInt8(ascii: "9"):
            skipNumber()
            return SourceToken.number
        case UInt8(ascii: "`"):
            advance()
            while let next = byte(at: 0), next != UInt8(ascii: "`"), next != UInt8(ascii: "\n") { advance() }
            if byte(at: 0) == UInt8(ascii: "`") { advance() }
            return SourceToken.identifier
        case UInt8(ascii: "@"), UInt8(ascii: "#"):
            advance()
            guard let next = byte(at: 0), Self.startsWord(next) else { return String(UnicodeScalar(first)) }
            return String(UnicodeScalar(first)) + readWord()
        case UInt8(ascii: "$"):
            advance()
            _ = readWord()
            return SourceToken.identifier
        case _ where Self.startsWord(first):
            let word = readWord()
            return SourceToken.keywords.contains(word) ? word : SourceToken.identifier
        case UInt8(ascii: "."):
            return readRun(of: [UInt8(ascii: ".")] + Self.operatorBytes)
        case _ where Self.operatorBytes.contains(first):
            return readRun(of: Self.operatorBytes)
        default:
            advance()
            return first < 0x80 ? String(UnicodeScalar(first)) : "?"
        }
    }

    static let operatorBytes: [UInt8] = Array("/=-+!*%<>&|^~?".utf8)

    static func startsWord(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func continuesWord(_ byte: UInt8) -> Bool {
        startsWord(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private mutating func readWord() -> String {
        let start = index
        while let next = byte(at: 0), Self.continuesWord(next) { advance() }
        return String(decoding: bytes[start ..< index], as: UTF8.self)
    }

    /// A run of operator bytes (a lone `.` too), stopping before a comment.
    private mutating func readRun(of allowed: [UInt8]) -> String {
        let start = index
        advance()
        if bytes[start] == UInt8(ascii: "."), byte(at: 0) != UInt8(ascii: ".") { return "." }
        while let next = byte(at: 0), allowed.contains(next) {
            if next == UInt8(ascii: "/"), let after = byte(at: 1), after == UInt8(ascii: "/") || after == UInt8(ascii: "*") {
                break
            }
            advance()
        }
        return String(decoding: bytes[start ..< index], as: UTF8.self)
    }

    /// Digits, letters and `_` (hex, suffixes, separators), a `.` followed
    /// by a digit, and an exponent's sign.
    private mutating func skipNumber() {
        while let next = byte(at: 0) {
            if Self.continuesWord(next) {
                advance()
            } else if next == UInt8(ascii: "."), let after = byte(at: 1), after >= UInt8(ascii: "0"), after <= UInt8(ascii: "9") {
                advance()
            } else if next == UInt8(ascii: "+") || next == UInt8(ascii: "-"),
                      let before = index > 0 ? bytes[index - 1] : nil, "eEpP".utf8.contains(before),
                      let after = byte(at: 1), after >= UInt8(ascii: "0"), after <= UInt8(ascii: "9") {
                advance()
            } else {
                return
            }
        }
    }

    /// The number of `#` before a `"` at `index`, when a raw string starts here.
    private func rawStringHashes() -> Int? {
        var count = 0
        while byte(at: count) == UInt8(ascii: "#") { count += 1 }
        return byte(at: count) == UInt8(ascii: "\"") ? count : nil
    }

    /// Skips a string whose opening quote(s) are at `index`, closed by a
    /// quote followed by `hashes` `#`. Escapes and interpolations count
    /// only in a non-raw string (a raw one uses `\#(`, rare: not parsed).
    private mutating func skipString(hashes: Int) {
        let multiLine = byte(at: 1) == UInt8(ascii: "\"") && byte(at: 2) == UInt8(ascii: "\"")
        let quotes = multiLine ? 3 : 1
        for _ in 0 ..< quotes { advance() }
        while let next = byte(at: 0) {
            if next == UInt8(ascii: "\n"), !multiLine { return }
            if next == UInt8(ascii: "\\"), hashes == 0 {
                advance()
                if byte(at: 0) == UInt8(ascii: "(") { skipInterpolation() } else if index < bytes.count { advance() }
                continue
            }
            if next == UInt8(ascii: "\""), closes(quotes: quotes, hashes: hashes) {
                for _ in 0 ..< quotes + hashes { advance() }
                return
            }
            advance()
        }
    }

    private func closes(quotes: Int, hashes: Int) -> Bool {
        (0 ..< quotes).allSatisfy { byte(at: $0) == UInt8(ascii: "\"") }
            && (0 ..< hashes).allSatisfy { byte(at: quotes + $0) == UInt8(ascii: "#") }
    }

    /// Skips `( ... )` of an interpolation, strings inside included.
    private mutating func skipInterpolation() {
        var depth = 0
        while let next = byte(at: 0) {
            if next == UInt8(ascii: "\"") {
                skipString(hashes: 0)
                continue
            }
            advance()
            if next == UInt8(ascii: "(") { depth += 1 }
            if next == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return }
            }
        }
    }

    /// C's `'x'` or `'\n'`, on one line.
    private mutating func skipCharacter() {
        advance()
        while let next = byte(at: 0), next != UInt8(ascii: "\n") {
            advance()
            if next == UInt8(ascii: "\\"), index < bytes.count { advance() } else if next == UInt8(ascii: "'") { return }
        }
    }
}

// grader/GraderKit/Mutation/MutationOperator.swift -- the catalogue of mutation operators.
//
// Each operator mirrors a bug students write: a bound one off (`<` for
// `<=`), the wrong neighbour relinked (`previous` for `next`), a free or
// a relink forgotten (a deleted statement), a check left out (a dropped
// `throw`). A test suite that kills the mutants of an operator catches
// that kind of bug. Every mutant changes exactly one line.

import Foundation

/// A kind of change the mutant generator makes.
public enum MutationOperator: String, Sendable, Codable, CaseIterable, Comparable {
    /// `<` and `<=`, `>` and `>=`, `==` and `!=` swapped.
    case relational
    /// `+` and `-`, `*` and `/`, `+=` and `-=`, `&+` and `&-` swapped.
    case arithmetic
    /// `&&` and `||` swapped.
    case logical
    /// An integer literal one more or one less.
    case constant
    /// A half-open range `..<` made closed `...`, or the reverse.
    case bound
    /// One neighbour for the other: `previous`/`next`, `first`/`last`,
    /// `left`/`right`, `head`/`tail`, `floor`/`ceiling`, `low`/`high`.
    case neighbour
    /// An `if`, `while` or `guard` condition negated.
    case invertCondition = "invert-condition"
    /// `return true` and `return false` swapped.
    case swapReturn = "swap-return"
    /// An assignment or a call left out (a skipped free, a missing relink).
    case deleteStatement = "delete-statement"
    /// A `throw` left out, or a `guard ... else { throw ... }` check removed.
    case dropThrow = "drop-throw"

    /// Orders by the catalogue's order.
    public static func < (lhs: MutationOperator, rhs: MutationOperator) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// What one replaces a token with (token-level operators).
    static let tokenSwaps: [MutationOperator: [String: [String]]] = [
        .relational: ["<": ["<="], "<=": ["<"], ">": [">="], ">=": [">"], "==": ["!="], "!=": ["=="]],
        .arithmetic: ["+": ["-"], "-": ["+"], "*": ["/"], "/": ["*"], "+=": ["-="], "-=": ["+="],
                      "&+": ["&-"], "&-": ["&+"]],
        .logical: ["&&": ["||"], "||": ["&&"]],
        .bound: ["..<": ["..."], "...": ["..<"]],
        .neighbour: ["previous": ["next"], "next": ["previous"], "first": ["last"], "last": ["first"],
                     "left": ["right"], "right": ["left"], "head": ["tail"], "tail": ["head"],
                     "floor": ["ceiling"], "ceiling": ["floor"], "low": ["high"], "high": ["low"]],
        .swapReturn: ["true": ["false"], "false": ["true"]],
    ]
}

/// One change at one token or line, before it becomes a mutant.
struct MutationSite: Equatable {
    /// The operator.
    var kind: MutationOperator
    /// The line (1-based) in the file.
    var line: Int
    /// The line's new text.
    var after: String
    /// What changed, in a few words (`` `<` -> `<=` ``).
    var change: String
}

/// Finds the mutation sites of one file.
enum MutationSites {
    /// Line starts that make a line a declaration or control flow, never
    /// a statement `deleteStatement` may remove.
    static let notStatements = [
        "let ", "var ", "if ", "guard ", "for ", "while ", "return", "func ", "case ", "default", "switch ",
        "else", "}", "{", "throw ", "init", "struct ", "enum ", "public ", "private ", "internal ", "fileprivate ",
        "static ", "mutating ", "@", "#", "defer", "do ", "do{", "catch", "repeat", "typealias ", "extension ",
        "where ", "break", "continue", "fallthrough", ".", ")", "]", "&&", "||", "?", ":", "import ", "final ",
        "class ", "protocol ", "associatedtype ", "nonmutating ", "consuming ", "borrowing ", "inout ",
    ]

    /// Every site of the file `tokens`, limited to the lines `eligible`.
    ///
    /// Steps: 1. token-level operators, at code tokens of eligible lines;
    /// 2. line-level operators, on the code of each eligible line.
    static func find(in source: String, eligible: Set<Int>) -> [MutationSite] {
        let tokens = SwiftTokenizer.tokenize(source)
        let lines = LineTokens(tokens, source: source)
        var sites: [MutationSite] = []
        // 1.
        for (index, token) in tokens.enumerated() where eligible.contains(token.line) {
            sites += tokenSites(tokens, index, lines)
        }
        // 2.
        for line in eligible.sorted() {
            guard let code = lines.code(line) else { continue }
            sites += lineSites(code, line: line, text: lines.text(line))
        }
        return sites
    }

    /// The token-level sites at `tokens[index]`.
    static func tokenSites(_ tokens: [SwiftToken], _ index: Int, _ lines: LineTokens) -> [MutationSite] {
        let token = tokens[index]
        guard !token.text.contains("\n") else { return [] }
        var sites: [MutationSite] = []
        for (kind, swaps) in MutationOperator.tokenSwaps.sorted(by: { $0.key < $1.key }) {
            guard let replacements = swaps[token.text], applies(kind, tokens, index) else { continue }
            for replacement in replacements {
                sites.append(MutationSite(kind: kind, line: token.line,
                                          after: lines.text(token.line, replacing: index, with: replacement),
                                          change: "`\(token.text)` -> `\(replacement)`"))
            }
        }
        if token.kind == .number, let value = Int(token.text), !follows(tokens, index, ".") {
            for replacement in value > 0 ? [value + 1, value - 1] : [value + 1] {
                sites.append(MutationSite(kind: .constant, line: token.line,
                                          after: lines.text(token.line, replacing: index, with: String(replacement)),
                                          change: "`\(value)` -> `\(replacement)`"))
            }
        }
        return sites
    }

    /// True when the token-level operator `kind` may change `tokens[index]`.
    /// Binary operators need a space on both sides, which tells `a < b`
    /// from the generic `Array<Int>` and the prefix `-x`.
    static func applies(_ kind: MutationOperator, _ tokens: [SwiftToken], _ index: Int) -> Bool {
        let token = tokens[index]
        switch kind {
        case .relational, .arithmetic, .logical:
            return token.kind == .operatorSymbol && spaced(tokens, index)
        case .bound:
            return token.kind == .operatorSymbol
        case .neighbour:
            // A label (`left: nil`) or a new name (`let left = ...`) is
            // not a use of the neighbour: renaming it does not compile or
            // changes nothing.
            let before = previousCode(tokens, index)?.text ?? ""
            return token.kind == .identifier && nextCode(tokens, index)?.text != ":"
                && !["let", "var", "case", "func"].contains(before)
        case .swapReturn:
            return token.kind == .identifier && previousCode(tokens, index)?.text == "return"
        default:
            return false
        }
    }

    /// True when whitespace surrounds `tokens[index]`.
    static func spaced(_ tokens: [SwiftToken], _ index: Int) -> Bool {
        index > 0 && index + 1 < tokens.count
            && tokens[index - 1].kind == .whitespace && tokens[index + 1].kind == .whitespace
    }

    /// True when the token right before `tokens[index]` reads `text`.
    static func follows(_ tokens: [SwiftToken], _ index: Int, _ text: String) -> Bool {
        index > 0 && tokens[index - 1].text == text
    }

    /// The nearest token before `index` that is not whitespace or a comment.
    static func previousCode(_ tokens: [SwiftToken], _ index: Int) -> SwiftToken? {
        tokens[..<index].last { $0.kind != .whitespace && $0.kind != .comment }
    }

    /// The nearest token after `index` that is not whitespace or a comment.
    static func nextCode(_ tokens: [SwiftToken], _ index: Int) -> SwiftToken? {
        tokens[(index + 1)...].first { $0.kind != .whitespace && $0.kind != .comment }
    }

    /// The line-level sites of one line: `code` is its code without
    /// comments, trimmed; `text` the whole line.
    static func lineSites(_ code: String, line: Int, text: String) -> [MutationSite] {
        var sites: [MutationSite] = []
        let indent = String(text.prefix { $0 == " " || $0 == "\t" })
        if isDroppableThrow(code) {
            sites.append(MutationSite(kind: .dropThrow, line: line, after: "", change: "line removed"))
        } else if isStatement(code) {
            sites.append(MutationSite(kind: .deleteStatement, line: line, after: "", change: "line removed"))
        }
        if let inverted = invertedCondition(code) {
            sites.append(MutationSite(kind: .invertCondition, line: line, after: indent + inverted,
                                      change: "condition negated"))
        }
        return sites
    }

    /// A `throw` statement, or a one-line guard or if whose only work is a throw.
    static func isDroppableThrow(_ code: String) -> Bool {
        if code.hasPrefix("throw ") { return true }
        let oneLineCheck = (code.hasPrefix("guard ") || code.hasPrefix("if ")) && code.hasSuffix("}")
        return oneLineCheck && code.contains("{ throw ") && balanced(code)
    }

    /// An assignment or call standing alone on its line.
    static func isStatement(_ code: String) -> Bool {
        guard !notStatements.contains(where: { code.hasPrefix($0) }), balanced(code) else { return false }
        guard let last = code.last, !"{,([=+-*/&|<>.".contains(last) else { return false }
        let assignment = [" = ", " += ", " -= ", " &+= ", " &-= ", " *= "].contains { code.contains($0) }
        return assignment || last == ")"
    }

    /// The condition of `if C {`, `} else if C {`, `while C {` or
    /// `guard C else {...`, negated; nil for bindings and lists.
    static func invertedCondition(_ code: String) -> String? {
        guard balanced(code), !code.contains(","), !code.contains("let "), !code.contains("var "),
              !code.contains("case ") else { return nil }
        for keyword in ["if ", "} else if ", "while "] where code.hasPrefix(keyword) && code.hasSuffix(" {") {
            let condition = code.dropFirst(keyword.count).dropLast(2)
            return keyword + "!(" + condition + ") {"
        }
        if code.hasPrefix("guard "), let range = code.range(of: " else {") {
            let condition = code[code.index(code.startIndex, offsetBy: 6)..<range.lowerBound]
            return "guard !(" + condition + ")" + code[range.lowerBound...]
        }
        return nil
    }

    /// True when the line's parentheses and brackets pair up.
    static func balanced(_ code: String) -> Bool {
        var depth = 0
        for character in code {
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }
}

/// The tokens of a file, grouped by the line they start on.
struct LineTokens {
    /// Token indexes per line.
    private var byLine: [Int: [Int]] = [:]
    /// The file's tokens.
    private let tokens: [SwiftToken]
    /// The file's lines, without their newlines.
    private let lines: [Substring]

    /// Groups the tokens of `source` by line.
    init(_ tokens: [SwiftToken], source: String) {
        self.tokens = tokens
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, token) in tokens.enumerated() { byLine[token.line, default: []].append(index) }
    }

    /// The text of `line`, with the token at `index` (a token on that
    /// line) replaced by `replacement` when given.
    func text(_ line: Int, replacing index: Int? = nil, with replacement: String = "") -> String {
        guard line >= 1, line <= lines.count else { return "" }
        var characters = Array(lines[line - 1])
        if let index {
            let token = tokens[index]
            characters.replaceSubrange(token.column..<token.column + token.text.count, with: Array(replacement))
        }
        return String(characters)
    }

    /// The code of `line` without comments, trimmed; nil when the line
    /// starts inside a multi-line token or holds no code.
    func code(_ line: Int) -> String? {
        guard let indexes = byLine[line], !indexes.isEmpty else { return nil }
        var code = ""
        for index in indexes {
            let token = tokens[index]
            if token.kind == .comment { continue }
            if token.kind == .string && token.text.contains("\n") { return nil }
            if token.kind == .whitespace, token.text.contains("\n") { code += " "; continue }
            code += token.text
        }
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

// grader/Stripper/MarkedFile.swift -- a source file seen as text and marked blocks.
//
// The parser (MarkerParser.swift) turns a file into this model once; the
// stripper then renders it for any assignment without looking at the
// markers again.

/// One line of a source file with its 1-based number.
public struct SourceLine: Equatable, Sendable {
    /// The line number in the reference file.
    public var number: Int
    /// The text, without its newline.
    public var text: String

    /// The line `number` reading `text`.
    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// Code that belongs to one assignment, with what a skeleton shows instead.
public struct MarkedBlock: Equatable, Sendable {
    /// The assignment the code belongs to (`01-set`).
    public var assignment: String
    /// The line of `// BEGIN ASSIGNMENT`.
    public var beginLine: Int
    /// The reference code between BEGIN and ELSE (or END).
    public var code: [SourceLine]
    /// The commented replacement between ELSE and END; nil without ELSE.
    public var replacement: [SourceLine]?
    /// The line of `// END ASSIGNMENT`.
    public var endLine: Int
}

/// A part of a marked file: an ordinary line or a marked block.
public enum MarkedPiece: Equatable, Sendable {
    /// A line every skeleton keeps as it is.
    case line(SourceLine)
    /// A block whose fate depends on the assignment.
    case block(MarkedBlock)
}

/// A parsed source file.
public struct MarkedFile: Equatable, Sendable {
    /// The file's path relative to the reference folder.
    public var path: String
    /// The file, in order.
    public var pieces: [MarkedPiece]
    /// Whether the last line ended with a newline (kept in the output).
    public var endsWithNewline: Bool

    /// The blocks of the file, in order.
    public var blocks: [MarkedBlock] {
        pieces.compactMap { piece in
            if case .block(let block) = piece { return block }
            return nil
        }
    }
}

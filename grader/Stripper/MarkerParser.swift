// grader/Stripper/MarkerParser.swift -- reads the assignment markers of one file.
//
// A small state machine: outside a block, inside a block's reference
// code, or inside its replacement (after ELSE). Every mistake a teacher
// can make with markers stops the parse with the file and line, because
// a wrong marker either leaks a solution or breaks every skeleton.

/// Parses marked source files.
public struct MarkerParser: Sendable {
    /// The assignments a marker may name.
    public var curriculum: Curriculum

    /// A parser accepting the assignments of `curriculum`.
    public init(curriculum: Curriculum = .course) {
        self.curriculum = curriculum
    }

    /// Where the parser is within a file.
    private enum State {
        case outside
        case inside(MarkedBlock)
    }

    /// Parses `text`, the contents of `path`.
    ///
    /// Steps:
    /// 1. split into lines, remembering the final newline;
    /// 2. classify each line and feed it to the state machine;
    /// 3. a block still open at the end of the file is an error.
    public func parse(_ text: String, path: String) throws(StripperError) -> MarkedFile {
        // 1.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { lines.removeLast() }
        // 2.
        var pieces: [MarkedPiece] = []
        var state = State.outside
        for (index, text) in lines.enumerated() {
            let line = SourceLine(number: index + 1, text: String(text))
            let kind: MarkerLine
            do throws(MarkerSyntaxError) {
                kind = try MarkerLine.classify(text)
            } catch {
                throw StripperError(file: path, line: line.number, error.message)
            }
            state = try step(state, kind, line, path: path, into: &pieces)
        }
        // 3.
        if case .inside(let block) = state {
            throw StripperError(
                file: path, line: block.beginLine,
                "BEGIN ASSIGNMENT \(block.assignment) has no matching END ASSIGNMENT \(block.assignment)")
        }
        return MarkedFile(path: path, pieces: pieces, endsWithNewline: endsWithNewline)
    }

    /// Feeds one line to the state machine and returns the next state.
    private func step(
        _ state: State, _ kind: MarkerLine, _ line: SourceLine, path: String,
        into pieces: inout [MarkedPiece]
    ) throws(StripperError) -> State {
        func fail(_ message: String) -> StripperError {
            StripperError(file: path, line: line.number, message)
        }
        switch (state, kind) {
        case (.outside, .text):
            pieces.append(.line(line))
            return .outside
        case (.outside, .begin(let name)):
            guard curriculum.position(of: name) != nil else {
                throw fail("unknown assignment '\(name)' (known: \(curriculum.assignments.joined(separator: ", ")))")
            }
            return .inside(MarkedBlock(
                assignment: name, beginLine: line.number, code: [], replacement: nil, endLine: 0))
        case (.outside, .otherwise):
            throw fail("ELSE outside a BEGIN ASSIGNMENT ... END ASSIGNMENT block")
        case (.outside, .end(let name)):
            throw fail("END ASSIGNMENT \(name) without a BEGIN ASSIGNMENT \(name) before it")
        case (.inside(let block), .begin(let name)):
            throw fail("markers do not nest: BEGIN ASSIGNMENT \(name) inside the block of "
                       + "\(block.assignment) opened at line \(block.beginLine)")
        case (.inside(var block), .otherwise):
            guard block.replacement == nil else {
                throw fail("a second ELSE in the block of \(block.assignment) opened at line \(block.beginLine)")
            }
            block.replacement = []
            return .inside(block)
        case (.inside(var block), .end(let name)):
            guard name == block.assignment else {
                throw fail("END ASSIGNMENT \(name) closes the block of \(block.assignment) "
                           + "opened at line \(block.beginLine)")
            }
            block.endLine = line.number
            pieces.append(.block(block))
            return .outside
        case (.inside(var block), .text):
            if block.replacement == nil {
                block.code.append(line)
            } else {
                guard Replacement.isComment(line.text) else {
                    throw fail("a replacement line (between ELSE and END) must be a '// ' comment or blank")
                }
                block.replacement?.append(line)
            }
            return .inside(block)
        }
    }
}

// grader/Stripper/Stripping.swift -- rendering a marked file for one assignment.
//
// For the skeleton of assignment N:
// * a block of an earlier assignment keeps its reference code (the
//   student has written it already), without the marker lines;
// * a block of N or a later assignment loses its reference code; its
//   replacement, if any, is uncommented in its place.

/// A file as one skeleton shows it.
public struct StrippedFile: Equatable, Sendable {
    /// The file's text.
    public var text: String
    /// The reference line of each line of `text`.
    public var lineMap: LineMap
}

extension MarkedFile {
    /// The file as the skeleton of the assignment at `position` in
    /// `curriculum` shows it.
    ///
    /// Steps:
    /// 1. ordinary lines are copied;
    /// 2. blocks of earlier assignments keep their code;
    /// 3. other blocks are replaced by their uncommented replacement;
    /// 4. lines are joined with the original final newline.
    public func stripped(forPosition position: Int, in curriculum: Curriculum) -> StrippedFile {
        var lines: [String] = []
        var origins: [LineOrigin] = []
        for piece in pieces {
            switch piece {
            case .line(let line):                                               // 1.
                lines.append(line.text)
                origins.append(LineOrigin(line: line.number))
            case .block(let block):
                let blockPosition = curriculum.position(of: block.assignment) ?? 0
                if blockPosition < position {                                   // 2.
                    lines += block.code.map(\.text)
                    origins += block.code.map { LineOrigin(line: $0.number) }
                } else {                                                        // 3.
                    for line in block.replacement ?? [] {
                        let (text, shift) = Replacement.uncomment(line.text)
                        lines.append(text)
                        origins.append(LineOrigin(line: line.number, columnShift: shift))
                    }
                }
            }
        }
        var text = lines.joined(separator: "\n")                                // 4.
        if endsWithNewline && !lines.isEmpty { text += "\n" }
        return StrippedFile(text: text, lineMap: LineMap(origins))
    }
}

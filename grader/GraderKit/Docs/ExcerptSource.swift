// grader/GraderKit/Docs/ExcerptSource.swift -- the named excerpts of one source file.
//
// An author marks the code the book quotes with two whole-line comments,
// in the comment syntax of the file (`//` in .swift, .S and .ld files,
// `#` in YAML and Makefiles, `/* ... */` also accepted):
//
//     // excerpt: set-add
//     ...the quoted code...
//     // end excerpt
//
// A name is lower case letters, digits and '-', unique in its file.
// Excerpts may nest (an inner excerpt's marker lines are left out of the
// outer one). The markers are distinct from the stripper's
// (`// BEGIN ASSIGNMENT`), and an excerpt may not overlap a stripped
// block: the book would hand out code the students are to write.

import Foundation
import StripperKit

/// A named piece of a source file, as the book quotes it.
public struct Excerpt: Sendable, Hashable {
    /// The source file, relative to the root of the check.
    public let file: String
    /// The excerpt's name (`set-add`).
    public let name: String
    /// The line of the opening marker.
    public let startLine: Int
    /// The line of the closing marker.
    public let endLine: Int
    /// The lines between the markers, without nested marker lines and
    /// without the indentation they all share.
    public let lines: [String]
}

/// Something wrong with an excerpt, in a source file or in the book.
public struct ExcerptProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (source or Markdown), relative to the root of the check.
    public let file: String
    /// The 1-based line the problem is on.
    public let line: Int
    /// What is wrong, and what to do.
    public let message: String

    /// Creates a problem.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors jump to.
    public var description: String { "\(file):\(line): \(message)" }
}

/// One marker line.
enum ExcerptMarker: Equatable {
    case open(String)
    case close
    case malformed(String)

    /// The marker `line` holds, or nil for an ordinary line.
    /// Steps: 1. strip the indentation, a comment opener and a closing `*/`;
    /// 2. recognise `excerpt: <name>` and `end excerpt`; 3. anything else
    /// that starts like a marker is malformed (so a typo is not silently code).
    static func classify(_ line: String) -> ExcerptMarker? {
        // 1.
        guard let match = line.wholeMatch(of: #/\s*(?://|#|/\*)\s*(.*?)\s*(?:\*/)?\s*/#) else { return nil }
        let body = String(match.output.1)
        // 2.
        if body == "end excerpt" { return .close }
        if let open = body.wholeMatch(of: #/excerpt:\s*([a-z0-9][a-z0-9\-]*)/#) { return .open(String(open.output.1)) }
        // 3.
        let lowered = body.lowercased()
        if lowered.hasPrefix("excerpt:") || lowered.hasPrefix("excerpt ") || lowered.hasPrefix("end excerpt") {
            return .malformed(body)
        }
        return nil
    }
}

/// The excerpts of one source file and the problems of its markers.
struct ExcerptSource {
    /// The file, relative to the root.
    let file: String
    /// Its excerpts, by name.
    private(set) var excerpts: [String: Excerpt] = [:]
    /// What is wrong with its markers.
    private(set) var problems: [ExcerptProblem] = []

    /// Reads the markers of `text`, the contents of `file`.
    /// Steps: 1. find the stripped blocks; 2. walk the lines with a stack of
    /// open excerpts; 3. an excerpt still open at the end is unbalanced.
    init(file: String, text: String) {
        self.file = file
        let lines = MarkdownText.splitLines(text)
        // 1.
        let stripped = ExcerptSource.strippedBlocks(lines)
        // 2.
        var open: [(name: String, line: Int)] = []
        var markerLines: Set<Int> = []
        for (index, line) in lines.enumerated() {
            let number = index + 1
            switch ExcerptMarker.classify(line) {
            case .none:
                continue
            case .malformed(let body)?:
                report(number, "malformed excerpt marker '\(body)': write 'excerpt: <name>' (lower case, digits, '-') or 'end excerpt'")
            case .open(let name)?:
                markerLines.insert(number)
                if excerpts[name] != nil || open.contains(where: { $0.name == name }) {
                    report(number, "a second excerpt named '\(name)' in this file")
                }
                open.append((name, number))
            case .close?:
                markerLines.insert(number)
                guard let last = open.popLast() else {
                    report(number, "'end excerpt' without an 'excerpt: <name>' before it")
                    continue
                }
                add(name: last.name, from: last.line, to: number, lines: lines, markers: markerLines, stripped: stripped)
            }
        }
        // 3.
        for unclosed in open {
            report(unclosed.line, "excerpt '\(unclosed.name)' is never closed: add '// end excerpt' after its last line")
        }
    }

    /// Records the excerpt between marker lines `start` and `end`, unless it
    /// overlaps a stripped block.
    private mutating func add(name: String, from start: Int, to end: Int, lines: [String], markers: Set<Int>,
                              stripped: [(assignment: String, first: Int, last: Int)]) {
        if let block = stripped.first(where: { $0.first <= end && start <= $0.last }) {
            report(start, "excerpt '\(name)' (lines \(start)-\(end)) overlaps the block of assignment \(block.assignment) "
                   + "(lines \(block.first)-\(block.last)): the book would hand out code students are to write")
            return
        }
        let body = (start + 1 ..< end).filter { !markers.contains($0) }.map { lines[$0 - 1] }
        guard !body.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            report(start, "excerpt '\(name)' is empty")
            return
        }
        excerpts[name] = Excerpt(file: file, name: name, startLine: start, endLine: end, lines: ExcerptSource.dedent(body))
    }

    private mutating func report(_ line: Int, _ message: String) {
        problems.append(ExcerptProblem(file: file, line: line, message: message))
    }

    /// The stripper's blocks (`// BEGIN ASSIGNMENT x` to `// END ASSIGNMENT x`),
    /// found with the stripper's own classifier. A malformed stripper marker
    /// counts as the edge of a block: the stripper refuses the file anyway.
    static func strippedBlocks(_ lines: [String]) -> [(assignment: String, first: Int, last: Int)] {
        var blocks: [(assignment: String, first: Int, last: Int)] = []
        var begin: (name: String, line: Int)? = nil
        for (index, line) in lines.enumerated() {
            let kind = (try? MarkerLine.classify(Substring(line))) ?? .begin("?")
            switch kind {
            case .begin(let name):
                if begin == nil { begin = (name, index + 1) }
            case .end(let name):
                blocks.append((begin?.name ?? name, begin?.line ?? 1, index + 1))
                begin = nil
            case .otherwise, .text:
                continue
            }
        }
        if let begin { blocks.append((begin.name, begin.line, lines.count)) }
        return blocks
    }

    /// `lines` without the leading whitespace every non-blank line shares;
    /// blank lines become empty.
    static func dedent(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix(while: { $0 == " " || $0 == "\t" }) }
        guard var common = indents.first else { return lines }
        for indent in indents.dropFirst() {
            common = common.prefix(zip(common, indent).prefix(while: { $0 == $1 }).count)
        }
        return lines.map { line in
            line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : String(line.dropFirst(common.count))
        }
    }
}

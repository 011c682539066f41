// grader/Stripper/CutManifest.swift -- what one skeleton cuts, as a reviewer reads it.
//
// The student trees are generated (build/skeletons/<a>/), never committed;
// what is committed is this manifest, skeleton/<a>.md: for every reference
// block the skeleton of <a> cuts, the file, the block's lines and name, and
// the text students get instead. A change of the cut (a new block, a
// replacement rewritten) is then a few lines in a diff, not a copy of the
// reference. `stripper check` fails when the committed manifest differs
// from what the stripper cuts now. The same text is the generated tree's
// README.md. It carries no date or commit: an unchanged reference gives
// the same bytes.

import Foundation

/// The cut manifest of one skeleton.
public struct CutManifest: Sendable {
    /// The skeleton's assignment.
    public var assignment: String
    /// The course it belongs to.
    public var curriculum: Curriculum
    /// The parsed reference files.
    public var files: [MarkedFile]
    /// The reference folder, relative to the kit's root.
    public var reference: String = "reference"
    /// The parsed machine files (the machine layer is cut too).
    public var machineFiles: [MarkedFile] = []
    /// The machine folder, relative to the kit's root.
    public var machine: String = SkeletonBuilder.machineRoot

    /// The manifest's text.
    ///
    /// Steps:
    /// 1. a header saying what the file is and how it is kept current;
    /// 2. per reference or machine file with a cut block, a section;
    /// 3. per cut block, its lines, name and replacement.
    public var text: String {
        let position = curriculum.position(of: assignment) ?? 0
        var lines = header                                                     // 1.
        var cutAny = false
        let roots = [(reference, files), (machine, machineFiles)]
        for (root, file) in roots.flatMap({ root, files in files.map { (root, $0) } }) {  // 2.
            let cut = file.blocks.filter { (curriculum.position(of: $0.assignment) ?? 0) >= position }
            guard !cut.isEmpty else { continue }
            cutAny = true
            let map = file.stripped(forPosition: position, in: curriculum).lineMap
            lines += ["", "## \(root)/\(file.path)", ""]
            for block in cut {                                                 // 3.
                lines += section(for: block, in: file, map: map)
            }
            if lines.last == "" { lines.removeLast() }
        }
        if !cutAny {
            lines += ["", "Nothing is cut: neither the reference nor the machine has a block of \(assignment) or a later assignment."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines above the first file's section.
    var header: [String] {
        [
            "# The cut of \(assignment) (generated, do not edit)",
            "",
            "Every block of \(assignment) and of later assignments is cut from `\(reference)/`",
            "and `\(machine)/`;",
            "students get its `ELSE` part instead (or nothing). Blocks of earlier",
            "assignments are kept: the students wrote them already.",
            "",
            "`make skeletons` writes this file as `skeleton/\(assignment).md` and the",
            "student tree into `build/skeletons/\(assignment)/` (where it is the README),",
            "its machine layer into `build/skeletons/\(assignment).machine/`;",
            "`make check-skeletons` fails when the committed file differs from the cut:",
            "commit it with the reference change, so the diff shows what students see.",
        ]
    }

    /// One block, as a list item: `- lines a-b (assignment) `name``, then
    /// where it lands in the skeleton and what students get: nothing, one
    /// line inline, or several lines in a code fence under the item.
    func section(for block: MarkedBlock, in file: MarkedFile, map: LineMap) -> [String] {
        let item = "- lines \(block.beginLine)-\(block.endLine) (\(block.assignment)) `\(Self.name(of: block, in: file))`"
        let landed = map.origins.indices.filter { (block.beginLine...block.endLine).contains(map.origins[$0].line) }
        let replacement = (block.replacement ?? []).map { Replacement.uncomment($0.text).text }
        guard let first = landed.first, let last = landed.last, !replacement.isEmpty else {
            let before = map.origins.lastIndex { $0.line < block.beginLine }.map { $0 + 1 } ?? 0
            return [item + ": removed (after skeleton line \(before))"]
        }
        let only = replacement[0].trimmingCharacters(in: .whitespaces)
        if first == last, !only.contains("`") {
            return [item + ": skeleton line \(first + 1) `\(only)`"]
        }
        var fence = "```"
        while replacement.contains(where: { $0.contains(fence) }) { fence += "`" }
        return [item + ": skeleton lines \(first + 1)-\(last + 1)", "", "  " + fence + "swift"]
            + replacement.map { $0.allSatisfy(\.isWhitespace) ? "" : "  " + $0 } + ["  " + fence, ""]
    }

    /// Whether `line` declares something: modifiers and attributes, then
    /// a keyword that introduces a name.
    static func isDeclaration(_ line: String) -> Bool {
        let declaration = /^\s*(?:(?:public|private|fileprivate|internal|package|static|mutating|nonmutating|final|override|indirect|@[A-Za-z]+(?:\([^)]*\))?)\s+)*(?:func|init|deinit|subscript|var|let|struct|enum|class|extension|protocol|case|typealias)\b/
        return line.firstMatch(of: declaration) != nil
    }

    /// The name a reviewer knows the block by: the declaration enclosing
    /// it (the nearest ordinary line above, less indented, that declares)
    /// when that is a function or property body; else the block's own
    /// first declaration (a whole member of a type); else its first line.
    static func name(of block: MarkedBlock, in file: MarkedFile) -> String {
        let code = block.code.map(\.text).filter { !$0.allSatisfy(\.isWhitespace) && !isComment($0) }
        let indent = code.first.map { indentation(of: $0) } ?? Int.max
        let above = file.pieces.prefix { $0 != .block(block) }.compactMap { piece -> String? in
            if case .line(let line) = piece { return line.text }
            return nil
        }
        let enclosing = above.last { isDeclaration($0) && indentation(of: $0) < indent }
        if let enclosing, !isTypeDeclaration(enclosing) { return trimmed(enclosing) }
        if let own = code.first, isDeclaration(own) { return trimmed(own) }
        return enclosing.map(trimmed) ?? code.first.map(trimmed) ?? "(empty)"
    }

    /// Whether `line` declares a type (its body holds members, not code).
    static func isTypeDeclaration(_ line: String) -> Bool {
        line.firstMatch(of: /\b(struct|enum|class|extension|protocol)\s/) != nil && !line.contains("func ")
    }

    /// The number of leading spaces and tabs of `line`.
    static func indentation(of line: String) -> Int {
        line.prefix { $0 == " " || $0 == "\t" }.count
    }

    /// Whether `line` is only a comment.
    static func isComment(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("//")
    }

    /// `line` without its indentation, its opening brace and backquotes.
    static func trimmed(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("{") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        return text.replacingOccurrences(of: "`", with: "")
    }
}

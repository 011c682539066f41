// Tests/StripperTests/Leaks.swift -- what must never reach a student kit.
//
// The secrets of a kit for assignment N are the reference code of every
// block of N and later (the solutions, in the core and in the machine
// layer), and the names of every hidden
// test. Code is compared line by line, trimmed, in two ways that avoid
// false alarms on common lines like `return first`:
// * in the kit's copy of the same file, no distinctive line of a cut
//   block may appear (unless the reference keeps that line elsewhere);
// * anywhere in the kit, no run of three consecutive code lines of a cut
//   block may appear (a solution pasted into another file or a doc),
//   unless every line of the run is one the kit keeps somewhere anyway
//   (`throw error` / `return identifier` reveal nothing).

import Foundation
@testable import StripperKit

struct Leaks {
    /// Kit path (`kernel/set/list.swift`, `machine/ia32/paging.swift`) ->
    /// lines its cut blocks held.
    var lines: [String: Set<String>] = [:]
    /// Runs of three code lines of cut blocks, joined by newlines.
    var runs: Set<String> = []
    /// Hidden test function names and hidden file names.
    var names: Set<String> = []

    /// Whether there is anything to look for.
    var isEmpty: Bool { lines.isEmpty && runs.isEmpty && names.isEmpty }

    /// Steps:
    /// 1. collect the lines a skeleton may contain, from the reference
    ///    itself (not from the stripper's output, which is under test);
    /// 2. collect the cut blocks' lines, and their runs that hold a line
    ///    the kit does not keep anywhere;
    /// 3. collect every hidden test's function name and file name.
    init(teacher: FileTree, curriculum: Curriculum, assignment: String) throws {
        let builder = try SkeletonBuilder(tree: teacher, curriculum: curriculum)
        let position = try curriculum.require(assignment)
        func isCut(_ block: MarkedBlock) -> Bool { (curriculum.position(of: block.assignment) ?? 0) >= position }
        var kept: Set<String> = []
        var cutRuns: Set<String> = []
        let roots = [("kernel", builder.files), (SkeletonBuilder.machineRoot, builder.machineFiles)]
        for (root, file) in roots.flatMap({ root, files in files.map { (root, $0) } }) {
            // 1.
            var allowed: Set<String> = []
            for piece in file.pieces {
                switch piece {
                case .line(let line): allowed.insert(Self.normalize(line.text))
                case .block(let block) where !isCut(block): block.code.forEach { allowed.insert(Self.normalize($0.text)) }
                case .block(let block): block.replacement?.forEach { allowed.insert(Self.normalize(Replacement.uncomment($0.text).text)) }
                }
            }
            kept.formUnion(allowed)
            // 2.
            for block in file.blocks where isCut(block) {
                let code = Self.codeLines(block.code.map(\.text))
                lines["\(root)/\(file.path)", default: []].formUnion(code.filter { !allowed.contains($0) })
                cutRuns.formUnion(Self.runs(of: code))
            }
        }
        runs = cutRuns.filter { run in run.split(separator: "\n").contains { !kept.contains(String($0)) } }
        // 3.
        for name in curriculum.assignments + ["00-spine"] {
            for path in teacher.files(under: "assignments/\(name)/hidden") {
                names.insert((path as NSString).lastPathComponent)
                let text = try teacher.read("assignments/\(name)/hidden/\(path)")
                for match in text.matches(of: /func (test_[A-Za-z0-9_]+)/) { names.insert(String(match.1)) }
            }
        }
    }

    /// `path: what` for every secret found in a file of `kit`.
    func found(in kit: FileTree) -> [String] {
        var hits: [String] = []
        for path in kit.files(under: "") {
            hits += names.filter { path.hasSuffix("/\($0)") }.map { "\(path): is hidden file \($0)" }
            guard let text = try? kit.read(path) else { continue }
            let code = Self.codeLines(text.components(separatedBy: "\n"))
            let tokens = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            hits += names.intersection(tokens).sorted().map { "\(path): names hidden test \($0)" }
            hits += (lines[path] ?? []).intersection(code).sorted().map { "\(path): has cut line \($0)" }
            hits += runs.intersection(Self.runs(of: code)).sorted().map { "\(path): has cut code \($0)" }
        }
        return hits
    }

    /// A line trimmed of indentation and trailing blanks.
    static func normalize(_ line: String) -> String {
        line.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The lines that carry code: not blank, not a lone bracket.
    static func codeLines(_ lines: [String]) -> [String] {
        lines.map(normalize).filter { line in !line.isEmpty && !line.allSatisfy { "{}()[],;".contains($0) } }
    }

    /// Every run of three consecutive lines, joined by newlines.
    static func runs(of lines: [String]) -> Set<String> {
        guard lines.count >= 3 else { return [] }
        return Set((0...(lines.count - 3)).map { lines[$0..<($0 + 3)].joined(separator: "\n") })
    }
}

// grader/GraderKit/Mutation/MutantGenerator.swift -- the mutants of an assignment's reference code.
//
// Only the code students write is mutated: the lines of the reference
// inside `BEGIN ASSIGNMENT <a>` ... `END ASSIGNMENT <a>` blocks (found by
// the stripper's own parser, so mutants and skeletons agree on what the
// student part is), in the files the rubric lets students own. The list
// of mutants depends on the source only; a seed orders it, so that a
// budget takes the same sample every time.

import Foundation
import StripperKit

/// A wrong version of the reference: one line of one file changed.
public struct Mutant: Sendable, Codable, Equatable {
    /// A stable name: file, line, operator and rank (`set_list-L120-relational-1`).
    public var id: String
    /// The file, relative to the core root (`set/list.swift`).
    public var path: String
    /// The changed line (1-based).
    public var line: Int
    /// The operator that made it.
    public var kind: MutationOperator
    /// What changed, in a few words.
    public var change: String
    /// The line before and after (empty after: the line was removed).
    public var before: String
    public var after: String

    /// The file `source` with this mutant's line changed.
    public func apply(to source: String) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard line >= 1, line <= lines.count else { return source }
        lines[line - 1] = after
        return lines.joined(separator: "\n")
    }

    /// A unified-diff style view of the change.
    public var diff: String {
        "--- \(path):\(line)\n- \(before)\n+ \(after)"
    }
}

/// Finds every mutant of an assignment's marked code.
public struct MutantGenerator: Sendable {
    /// The assignment whose blocks are mutated (`01-set`).
    public var assignment: String

    /// A generator for `assignment`.
    public init(assignment: String) {
        self.assignment = assignment
    }

    /// The mutants of one file: `source` is its text, `path` its path
    /// relative to the core root.
    ///
    /// Steps: 1. parse the markers; 2. the eligible lines are the code
    /// lines of this assignment's blocks; 3. the sites on those lines,
    /// in line order; 4. name each one.
    public func mutants(of source: String, path: String) throws(StripperError) -> [Mutant] {
        // 1.
        // The course's markers, and this assignment's even when it is not
        // a course assignment (the kit's own 00-spine, a test kit).
        let known = Curriculum.course.assignments
        let curriculum = Curriculum(known.contains(assignment) ? known : known + [assignment])
        let marked = try MarkerParser(curriculum: curriculum).parse(source, path: path)
        // 2.
        let eligible = Set(marked.blocks.filter { $0.assignment == assignment }.flatMap { $0.code.map(\.number) })
        guard !eligible.isEmpty else { return [] }
        // 3.
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let sites = MutationSites.find(in: source, eligible: eligible)
            .filter { $0.after != String(lines[$0.line - 1]) }
            .enumerated()
            .sorted { ($0.element.line, $0.element.kind, $0.offset) < ($1.element.line, $1.element.kind, $1.offset) }
            .map(\.element)
        // 4.
        var ranks: [String: Int] = [:]
        let stem = path.replacingOccurrences(of: ".swift", with: "").replacingOccurrences(of: "/", with: "_")
        return sites.map { site in
            let key = "\(stem)-L\(site.line)-\(site.kind.rawValue)"
            ranks[key, default: 0] += 1
            return Mutant(id: "\(key)-\(ranks[key]!)", path: path, line: site.line, kind: site.kind,
                          change: site.change, before: String(lines[site.line - 1]), after: site.after)
        }
    }

    /// The mutants of the files `paths` under `root`, in path order.
    public func mutants(root: URL, paths: [String]) throws -> [Mutant] {
        var all: [Mutant] = []
        for path in paths.sorted() {
            let source = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            all += try mutants(of: source, path: path)
        }
        return all
    }

    /// `mutants` in an order fixed by `seed`, the first `budget` of them
    /// (all without a budget): the same seed always picks the same ones.
    public static func sample(_ mutants: [Mutant], seed: UInt64, budget: Int?) -> [Mutant] {
        var generator = SplitMix64(seed: seed)
        var shuffled = mutants
        // Fisher-Yates with our own generator: the standard library's
        // shuffle may change between Swift versions.
        if shuffled.count > 1 {
            for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
                let other = Int(generator.next() % UInt64(index + 1))
                shuffled.swapAt(index, other)
            }
        }
        return Array(shuffled.prefix(budget ?? shuffled.count))
    }
}

/// A small, fixed pseudo-random generator (SplitMix64): the same seed
/// gives the same numbers on every machine and Swift version.
struct SplitMix64 {
    private var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next number.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

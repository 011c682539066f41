// grader/GraderKit/Trust/IntegrityScan.swift -- flags the lines of a submission a teacher should look at.
//
// After the overlay, the grader knows exactly which files of the student
// went into the build (`OverlayReport.taken`). The scan reads those, and
// only those, line by line with comments removed, and flags every line
// matching a rule of `IntegrityRule.all`. A flag is a note: the score is
// never touched, and a clean solution has none.

import Foundation
import GraderModel

/// Finds `IntegrityRule` matches in a submission's owned files.
public enum IntegrityScan {
    /// At most this many flags per submission; one more says how many
    /// were left out (a file full of pointers must not flood the reports).
    public static let limit = 100
    /// Excerpts are cut to this many characters.
    public static let excerptLength = 120

    /// Flags the owned files `files` (paths relative to `core`, as in
    /// `OverlayReport.taken`), read from the tree's core folder, and the
    /// owned `machineFiles` (relative to `machine`, flagged as
    /// `machine/<path>`).
    ///
    /// Steps: 1. compile the rules; 2. scan every file, in path order;
    /// 3. keep the first `limit` flags and say how many more there were.
    public static func scan(files: [String], in core: URL, machineFiles: [String] = [],
                            machine: URL? = nil) -> [IntegrityFlag] {
        // 1.
        let rules = compiled()
        // 2.
        var flags: [IntegrityFlag] = []
        let machineRules = rules.filter { $0.0.inMachine }
        let sources = files.sorted().map { (shown: $0, url: core.appendingPathComponent($0), rules: rules) }
            + machineFiles.sorted().compactMap { file in
                machine.map { (shown: "machine/" + file, url: $0.appendingPathComponent(file), rules: machineRules) }
            }
        for source in sources {
            guard let data = FileManager.default.contents(atPath: source.url.path) else { continue }
            flags += scan(String(decoding: data, as: UTF8.self), file: source.shown, rules: source.rules)
        }
        // 3.
        guard flags.count > limit else { return flags }
        let more = IntegrityFlag(file: "", line: 0, rule: "more", reason: "\(flags.count - limit) more flags not listed",
                                 excerpt: "")
        return Array(flags.prefix(limit)) + [more]
    }

    /// Flags the source `text` of `file`: one flag per rule and line.
    public static func scan(_ text: String, file: String) -> [IntegrityFlag] {
        scan(text, file: file, rules: compiled())
    }

    private static func scan(_ text: String, file: String, rules: [(IntegrityRule, Regex<AnyRegexOutput>)]) -> [IntegrityFlag] {
        let original = text.split(separator: "\n", omittingEmptySubsequences: false)
        var flags: [IntegrityFlag] = []
        for (index, code) in CodeLines.of(text).enumerated() where !code.isEmpty {
            for (rule, regex) in rules where code.contains(regex) {
                flags.append(IntegrityFlag(file: file, line: index + 1, rule: rule.name, reason: rule.reason,
                                           excerpt: excerpt(original[index])))
            }
        }
        return flags
    }

    /// The rules with their patterns compiled; a pattern that does not
    /// compile is a bug of the table, caught by the tests.
    private static func compiled() -> [(IntegrityRule, Regex<AnyRegexOutput>)] {
        IntegrityRule.all.compactMap { rule in
            (try? Regex(rule.pattern)).map { (rule, $0.wordBoundaryKind(.simple)) }
        }
    }

    /// The line trimmed, cut to `excerptLength` characters.
    private static func excerpt(_ line: Substring) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > excerptLength ? String(trimmed.prefix(excerptLength)) + "…" : trimmed
    }
}

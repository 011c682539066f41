// grader/GraderKit/Batch/BuildWarnings.swift -- the compiler's warnings on a student's core.
//
// A student's core is built without -warnings-as-errors (the Makefile's
// CORE_WARNINGS): a warning is feedback, never a failure. The build's
// output still holds each warning, with its path in the grader's tree
// (kernel/set/list.swift:12:9). This file picks those lines out and
// names each file as the submission does (reference/set/list.swift when
// the student handed in a copy of the teacher's tree, set/list.swift for
// a bare core), so the student finds the line in their own tree.

/// Reads warnings out of a build's output.
public enum BuildWarnings {
    /// The most warnings kept per submission; a last line says how many more.
    public static let limit = 50

    /// The warnings of `output` on files of the tree's core, one line
    /// each (`kernel/set/list.swift:12:9: warning: text`), as the tree
    /// names them, without repeats, at most `limit` and a count.
    ///
    /// Steps: 1. keep the lines naming a core file and saying "warning:";
    /// 2. drop repeats; 3. cut at the limit.
    public static func extract(from output: String) -> [String] {
        let treeCore = TrustedTree.corePath + "/"
        var seen: Set<String> = []
        var warnings: [String] = []
        for line in output.split(whereSeparator: \.isNewline) {
            // 1.
            guard line.hasPrefix(treeCore), line.contains(": warning: ") else { continue }
            // 2.
            if seen.insert(String(line)).inserted { warnings.append(String(line)) }
        }
        // 3.
        guard warnings.count > limit else { return warnings }
        return Array(warnings.prefix(limit)) + ["... and \(warnings.count - limit) more warnings"]
    }

    /// `warnings` with the tree's core folder replaced by the core's
    /// folder in the submission (`submissionCore`, "" for its root).
    public static func relocate(_ warnings: [String], to submissionCore: String) -> [String] {
        let treeCore = TrustedTree.corePath + "/"
        let prefix = submissionCore.isEmpty ? "" : submissionCore + "/"
        return warnings.map { $0.hasPrefix(treeCore) ? prefix + $0.dropFirst(treeCore.count) : $0 }
    }
}

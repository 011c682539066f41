// grader/Stripper/Provenance.swift -- the README written into each skeleton.
//
// It tells whoever opens the folder where the files come from, that they
// must not be edited there, and which reference blocks were cut, so a
// teacher can see at a glance what the students of that assignment write.
// It carries no date or commit: regenerating an unchanged reference must
// give the same bytes.

/// The provenance note of one skeleton.
public struct Provenance: Sendable {
    /// The skeleton's assignment.
    public var assignment: String
    /// The course it belongs to.
    public var curriculum: Curriculum
    /// The parsed reference files.
    public var files: [MarkedFile]

    /// The README's text.
    public var text: String {
        let position = curriculum.position(of: assignment) ?? 0
        var lines = [
            "# Skeleton of \(assignment) (generated, do not edit)",
            "",
            "This folder is generated from `reference/` by `stripper generate`",
            "(`make skeletons`). Edit the reference and regenerate: `make check-skeletons`",
            "fails when this folder differs from what the stripper would write.",
            "",
            "Code of the assignments before \(assignment) is kept; code of \(assignment)",
            "and later is replaced by its `ELSE` part or removed.",
            "",
        ]
        let cut: [String] = files.compactMap { file in
            let ranges = file.blocks.filter { (curriculum.position(of: $0.assignment) ?? 0) >= position }
                .map { "\($0.beginLine)-\($0.endLine) (\($0.assignment))" }
            return ranges.isEmpty ? nil : "- `reference/\(file.path)` lines " + ranges.joined(separator: ", ")
        }
        lines.append(cut.isEmpty
            ? "Nothing is cut yet: the reference has no code for \(assignment) or later."
            : "Blocks cut:")
        lines += cut
        return lines.joined(separator: "\n") + "\n"
    }
}

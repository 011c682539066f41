// grader/Reports/WorkflowCommands.swift -- keeping kernel text from steering a CI runner.
//
// GitHub Actions reads every line a job prints: a line whose first
// non-blank characters are `::` is a workflow command (`::error::`,
// `::add-mask::`, `::stop-commands::`), and the runner's older syntax
// `##[command]` is recognised anywhere in a line. The terminal summary is
// printed by the job and the Markdown summary is often `cat` too, so a
// kernel printing `::error::` or `##[group]` could annotate, fold or hide
// the teacher's log. The sanitiser puts a backslash in: `\::error::`,
// `#\#[group]`: the text stays readable and no runner acts on it.

/// Tracks line starts while `ReportText.sanitize` writes its output, and
/// inserts the backslash that breaks a workflow command.
struct WorkflowCommands {
    /// True while nothing but blanks has been written on the current line.
    private var atLineStart = true

    /// Called after a lone `\r` was written as text: the line goes on.
    mutating func leaveLineStart() {
        atLineStart = false
    }

    /// Appends a backslash to `output` when `scalar` (followed by `next`)
    /// starts a command, and updates the line state.
    mutating func neutralise(before scalar: Unicode.Scalar, next: Unicode.Scalar?,
                             into output: inout String.UnicodeScalarView) {
        // 1. `::` first on a line (blanks before it allowed).
        if atLineStart, scalar == ":", next == ":" { output.append("\\") }
        // 2. `##[` anywhere: break it after the first `#`.
        if scalar == "#", output.last == "#", next == "[" { output.append("\\") }
        // 3. The line state: a newline starts one, blanks keep it.
        if scalar == "\n" {
            atLineStart = true
        } else if !scalar.properties.isWhitespace {
            atLineStart = false
        }
    }
}

extension ReportText {
    /// `text` with every workflow command neutralised and nothing else
    /// changed: a last pass over a whole rendered summary (colour kept),
    /// so that no line a writer assembled can start one. Idempotent.
    public static func neutralisingWorkflowCommands(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var commands = WorkflowCommands()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            commands.neutralise(before: scalar, next: scalars.first, into: &output)
            output.append(scalar)
        }
        return String(output)
    }
}

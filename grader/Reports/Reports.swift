// grader/Reports/Reports.swift -- the report writers, at a glance.
//
// Each format is one type that takes the results (grader/Model) and renders
// text; every one of them can also write itself atomically (`write(to:)`,
// see AtomicFile.swift). docs/grader/reports.md explains who reads what.
//
//   JUnitReport        JUnit XML for CI test views, written with libxml2
//   JSONReport         the lossless record; `grader merge` decodes it
//   GradescopeReport   results.json for one submission on Gradescope
//   MarkdownSummary    a CI job summary ($GITHUB_STEP_SUMMARY)
//   HTMLOverview       the teacher's one-page class overview
//   TerminalSummary    the student's coloured table
//
// Shared pieces: ReportText (sanitising untrusted text; EscapeSequence and
// WorkflowCommands are its parts), LogExcerpt (cutting huge logs),
// Diagnosis (why a test failed, as tagged lines), SubmissionStatus ("did
// not build" or "refused"), IntegrityFlagText (the flags' wording),
// Palette (colour or not).

// grader/Reports/SubmissionStatus.swift -- "did not build" or "refused", said the same everywhere.
//
// A submission that was refused (a hostile or unreadable archive) never
// reached the compiler, so "build failed" would send the student looking
// for a compiler error that does not exist. Its tests carry the
// `build-failure` verdict (the model has no other way to say "not run
// because of the submission"), and every report words them "refused".

import GraderModel

extension SubmissionResult {
    /// Why no test ran, as one sentence, or nil when the submission built.
    public var unbuiltSentence: String? {
        if refused { return "The submission was refused." }
        return built ? nil : Verdict.buildFailure.meaning
    }

    /// The upper-case label of `test` in this submission: "REFUSED" for
    /// the tests of a refused submission, else the verdict's own label.
    public func label(of test: TestResult) -> String {
        refused && test.verdict == .buildFailure ? "REFUSED" : test.verdict.label
    }
}

// grader/cli/SimilarityCommand.swift -- `grader similarity`: pairs of submissions that share code.
//
// Exit status: 0 when the check ran (whatever it found: a similar pair
// is a lead for the teacher, not a failure); 2 when it could not run
// (not a kit, unknown assignment, output inside a submission, reports
// not writable); 64 for a usage error. See docs/grader/manual.md.

import ArgumentParser
import Foundation
import GraderKit

/// Compares the owned files of submissions with each other.
struct SimilarityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Find submissions that share code (owned files, names and layout ignored).",
        discussion: """
        Every pair of submissions is compared, and each submission with every earlier one \
        (--against); earlier ones are not compared among themselves. Code the kit gives \
        (the skeleton, machine/, boot/, the harness) does not count. Never changes a grade.
        """
    )

    @Argument(help: "Submissions: folders, archives, repo@ref, or folders of them.")
    var submissions: [String]

    @Option(help: "The assignment whose owned files are compared, e.g. 01-set.")
    var assignment: String

    @Option(help: "The kit's root folder (the rubric and the code it gives).")
    var kit: String = "."

    @Option(help: "A folder of earlier submissions (e.g. last year's) to compare each submission with.")
    var against: [String] = []

    @Option(help: "Report pairs scoring at least this, 0 to 1 (shared fingerprints over the smaller side's).")
    var threshold: Double = SimilarityOptions().threshold

    @Option(help: "Folder for similarity.json and similarity.html.")
    var output: String = "similarity-out"

    @Option(help: "Pairs whose passages the HTML page shows (the table lists every pair).")
    var pagePairs: Int = 100

    @Option(help: "Tokens per k-gram: shorter shared runs are never counted.")
    var k: Int = Winnowing.standard.k

    @Option(help: "k-grams per winnowing window: shared runs of k + window - 1 tokens are always found.")
    var window: Int = Winnowing.standard.window

    func validate() throws {
        guard threshold >= 0 && threshold <= 1 else { throw ValidationError("--threshold must be between 0 and 1") }
        guard k >= 5 && k <= 200 else { throw ValidationError("--k must be between 5 and 200") }
        guard window >= 1 && window <= 100 else { throw ValidationError("--window must be between 1 and 100") }
        guard pagePairs >= 0 else { throw ValidationError("--page-pairs must be at least 0") }
    }

    /// Steps: 1. the kit and the rubric; 2. the submissions; 3. compare;
    /// 4. write the files, print the table.
    func run() async throws {
        let started = ContinuousClock.now
        let outputFolder = URL(fileURLWithPath: output)
        let (report, compared, written) = try await GraderFailure.exitingOnError {
            // 1.
            let options = SimilarityOptions(threshold: threshold, winnowing: Winnowing(k: k, window: window))
            let run = try SimilarityRun(kit: try Kit(root: URL(fileURLWithPath: kit)), assignment: assignment,
                                        options: options)
            // 2. Not even into the folder holding the class.
            try SimilarityRun.requireOutside(outputFolder, of: submissions + against)
            let current = run.sources(for: submissions)
            let earlier = run.sources(for: against)
            // 3.
            let (report, compared) = try await run.run(current: current, earlier: earlier, output: outputFolder)
            // 4.
            let written = try SimilarityRun.write(report, submissions: compared, pairLimit: pagePairs, to: outputFolder)
            return (report, compared, written)
        }
        print(report.terminalText(), terminator: "")
        var standardError = StandardError()
        let seconds = (ContinuousClock.now - started).seconds
        print("\(compared.count) submission(s) compared in \(String(format: "%.2f", seconds)) s; reports: "
              + written.map { ReportText.sanitize($0.path) }.joined(separator: ", "), to: &standardError)
    }
}

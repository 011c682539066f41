// grader/cli/SimilarityBenchCommand.swift -- `grader similarity-bench`: how fast the check is.
//
// Prints figures and asserts nothing. It writes a class of `--count`
// disguised copies of the reference's owned files (SimilarityVariants)
// into a temporary folder, then times the steps of `grader similarity`
// (SimilarityRun.run, taken apart to time each): the baseline, intake
// and fingerprints of every submission; the pairs and their passages;
// the JSON and the HTML page.

import ArgumentParser
import Foundation
import GraderKit

/// Times `grader similarity` on a generated class.
struct SimilarityBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity-bench",
        abstract: "Print how long the similarity check takes on a generated class of submissions."
    )

    @Option(help: "The assignment whose owned files are copied from reference/.")
    var assignment: String = "01-set"

    @Option(help: "How many submissions to generate.")
    var count: Int = 100

    @Option(help: "The kit's root folder (with reference/).")
    var kit: String = "."

    @Option(help: "Write the class and the reports into this folder and keep them (default: a temporary folder, removed).")
    var into: String?

    func validate() throws {
        guard count >= 2 && count <= 2000 else { throw ValidationError("--count must be between 2 and 2000") }
    }

    /// Steps: 1. the run and the class, written to a temporary folder;
    /// 2. read (baseline, intake, fingerprints), then compare, each
    /// timed; 3. write the reports, timed; 4. print.
    func run() async throws {
        let folder = into.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("grader-similarity-bench-" + UUID().uuidString)
        defer { if into == nil { try? FileManager.default.removeItem(at: folder) } }
        try await GraderFailure.exitingOnError {
            // 1.
            let run = try SimilarityRun(kit: try Kit(root: URL(fileURLWithPath: kit)), assignment: assignment,
                                        options: SimilarityOptions())
            let reference = run.kit.reference
            var files: [String: String] = [:]
            for path in FileTree.files(under: reference) where run.owned.anyMatches(path) && path.hasSuffix(".swift") {
                files[path] = String(decoding: try Data(contentsOf: reference.appendingPathComponent(path)), as: UTF8.self)
            }
            guard !files.isEmpty else { throw SimilarityError(description: "\(assignment) owns no Swift file of reference/") }
            _ = try SimilarityVariants.writeClass(of: files, count: count, into: folder.appendingPathComponent("class"))
            // 2.
            let start = ContinuousClock.now
            let baseline = try SimilarityBaseline.given(by: run.kit, assignment: assignment)
            let reader = SimilarityReader(owned: run.owned, kitCore: Set(FileTree.files(under: run.kit.core(for: assignment))))
            var compared: [ComparedSubmission] = []
            for source in run.sources(for: [folder.appendingPathComponent("class").path]) {
                compared.append(await reader.read(source))
            }
            let read = ContinuousClock.now
            let check = SimilarityCheck(compared, baseline: baseline, options: run.options)
            let report = SimilarityReport(check: check, pairs: check.pairs(), assignment: assignment,
                                          baselineFiles: baseline.fileCount)
            let checked = ContinuousClock.now
            // 3.
            _ = try SimilarityRun.write(report, submissions: compared, pairLimit: 100,
                                        to: folder.appendingPathComponent("out"))
            let done = ContinuousClock.now
            // 4.
            let lines = files.values.reduce(0) { $0 + $1.split(separator: "\n", omittingEmptySubsequences: false).count }
            print("similarity on \(count) generated submissions of \(assignment) (\(files.count) files, \(lines) lines each): "
                  + "\(report.pairs.count) of \(count * (count - 1) / 2) pairs flagged")
            print(String(format: "  baseline, intake and fingerprints: %.2f s; pairs and passages: %.2f s; "
                         + "reports: %.2f s; total: %.2f s",
                         (read - start).seconds, (checked - read).seconds, (done - checked).seconds, (done - start).seconds))
        }
    }
}

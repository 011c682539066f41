// grader/cli/MutateCommand.swift -- `grader mutate`: how many plausible bugs does the suite catch?
//
// Generates wrong versions of the reference's student code (mutants,
// grader/GraderKit/Mutation), grades each with the full suite, and
// reports the mutation score and the survivors. A teacher runs it after
// writing or changing tests (the teacher's guide, "Add a test").
//
// Exit status: 0 when the run finished (whatever the score); 2 when it
// could not run (unknown assignment, the reference fails its own suite);
// 64 for a usage error.

import ArgumentParser
import Foundation
import GraderKit

/// Grades mutants of the reference and reports the mutation score.
struct MutateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutate",
        abstract: "Grade mutants of the reference's student code; report the mutation score and survivors.",
        discussion: "See docs/grader/manual.md, \"grader mutate\"."
    )

    @Option(help: "The assignment, e.g. 01-set.")
    var assignment: String

    @Option(help: "The kit's root folder.")
    var kit: String = "."

    @Option(help: "The seed that orders the mutants (the same seed picks the same ones).")
    var seed: UInt64 = 1

    @Option(help: "Grade only this many mutants (default: all).")
    var budget: Int?

    @Option(help: "Mutants graded in parallel.")
    var jobs: Int = 1

    @Option(help: "Folder for the mutants, their results and the reports.")
    var out: String = "grader-out/mutate"

    @Flag(help: "Keep the results already in --out; grade only the mutants without one.")
    var resume = false

    @Flag(help: "List the mutants the seed and budget choose, without grading them.")
    var list = false

    @Flag(help: "Grade nothing: report the outcomes already stored in --out for the chosen mutants (an interrupted run).")
    var reportOnly = false

    @OptionGroup var timeoutScale: TimeoutScaleOption

    @Option(help: ArgumentHelp("The survivors judged equivalent: one id and its reason a line "
                               + "(default: assignments/<assignment>/mutants-equivalent.txt, if any).",
                               valueName: "file"))
    var equivalent: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let budget, budget < 1 { throw ValidationError("--budget must be at least 1") }
    }

    /// Steps:
    /// 1. the kit and the assignment (full suite, no result cache);
    /// 2. every mutant of the marked code, then the seed's sample, and
    ///    the list of equivalent ones (a listed id no mutant has is named);
    /// 3. grade them (or, with --report-only, take the stored outcomes),
    ///    a line per mutant on standard error;
    /// 4. the reports and the summary.
    func run() async throws {
        // 1.
        let started = ContinuousClock.now
        let trusted: Kit
        let session: GradingSession
        do {
            trusted = try Kit(root: URL(fileURLWithPath: kit))
            let scale = timeoutScale.choice(for: trusted)
            let options = GradingOptions(assignment: assignment, timeoutScale: scale.scale, jobs: jobs)
            session = try GradingSession(kit: trusted, options: options)
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        let outFolder = URL(fileURLWithPath: out)
        let mutationRun = MutationRun(grader: session.grader, out: outFolder, jobs: jobs)
        // 2.
        let all: [Mutant]
        do {
            let generator = MutantGenerator(assignment: assignment)
            all = try generator.mutants(root: trusted.root.appendingPathComponent("reference"), paths: mutationRun.ownedFiles())
                + generator.mutants(root: trusted.root, paths: mutationRun.ownedMachineFiles().map { "machine/" + $0 })
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        let chosen = MutantGenerator.sample(all, seed: seed, budget: budget)
        let equivalents: EquivalentMutants
        do {
            let listed = equivalent.map { URL(fileURLWithPath: $0) } ?? trusted.root
                .appendingPathComponent("assignments/\(assignment)/mutants-equivalent.txt")
            equivalents = try EquivalentMutants.load(listed)
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        let generatedIDs = Set(all.map(\.id))
        for entry in equivalents.entries where !generatedIDs.contains(entry.id) {
            note("warning: \(entry.id) is listed as equivalent but is no mutant of \(assignment) "
                 + "(the reference changed? update the list)")
        }
        if list {
            for mutant in chosen { print("\(mutant.id)\t\(mutant.change)\n\(mutant.diff)") }
            return
        }
        note("\(chosen.count) of \(all.count) mutant(s) of \(assignment), \(jobs) job(s), seed \(seed)")
        // 3.
        let results: [MutantResult]
        do {
            results = reportOnly ? chosen.compactMap { mutationRun.stored($0.id) }
                : try await mutationRun.run(chosen, resume: resume) { done, total, outcome in
                note("[\(done)/\(total)] \(outcome.mutant.id): \(outcome.status.rawValue)")
            }
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        // 4.
        let wall = (ContinuousClock.now - started)
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let report = MutationReport(assignment: assignment, seed: seed, budget: budget, generated: all.count,
                                    results: results, wallSeconds: seconds, equivalents: equivalents)
        let written = try report.write(to: outFolder)
        print(report.terminalText(), terminator: "")
        note("reports: " + written.map(\.path).joined(separator: ", "))
    }
}

/// Prints `text` on standard error.
private func note(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

// grader/cli/GradeCommand.swift -- `grader grade`: grade submissions and write the reports.
//
// Exit status: 0 when every submission built and passed every test;
// 1 when any submission was refused, did not build, or has a test that did
// not pass (skipped and infrastructure included); 2 when the grader could
// not grade at all (unknown assignment, a broken script, unwritable
// reports); 64 for a usage error.

import ArgumentParser
import Foundation
import GraderKit

/// `--color auto|always|never`, parsed from its raw value.
extension ColorChoice: ExpressibleByArgument {}

/// Grades submissions against the kit and writes the reports.
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade submissions (folders, .tar, .tar.gz, .zip, repo@ref) on one assignment.",
        discussion: """
        A folder holding only folders and archives is a folder of submissions; \
        each is graded, its name is the student's. See docs/grader/manual.md.
        """
    )

    @Argument(help: "Submissions: folders, archives, repo@ref, or folders of them.")
    var submissions: [String]

    @Option(help: "The assignment, e.g. 01-set.")
    var assignment: String

    @Option(help: "The kit's root folder (the trusted Makefile, tests and reference).")
    var kit: String = "."

    @Option(help: "The generated skeleton trees, one folder per assignment (default: <kit>/build/skeletons, as make skeletons writes them).")
    var skeletons: String?

    @Flag(help: "Run the public scripts only (what a student can run).")
    var publicOnly = false

    @Option(help: "Submissions graded in parallel.")
    var jobs: Int = 1

    @Option(help: "Grade only slice i of n (1-based, by student name), e.g. 2/4.")
    var shard: String?

    @OptionGroup var timeoutScale: TimeoutScaleOption

    @Option(help: "Folder for the reports.")
    var out: String = "grader-out"

    @Option(parsing: .upToNextOption, help: "Report formats: terminal json junit gradescope markdown html.")
    var format: [String] = ["terminal", "json", "junit", "markdown"]

    @Option(help: "Cache folder (default: <kit>/build/grader/cache).")
    var cache: String?

    @Flag(help: "Grade everything afresh; read and write no cache.")
    var noCache = false

    @Option(help: "Colour the table on standard output: auto (a terminal, NO_COLOR unset), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Also run your own kernel tests (those no script names) as self-checks: shown apart, never scored.")
    var selfChecks = false

    @Flag(help: """
        Run the tests on this machine, without qemu: the submission is built with machine/host into an \
        ordinary program (make assignment-N HOST=1). Scripts with 'host: false' are skipped. One submission \
        (your own tree): its code runs unconfined, as any program you run.
        """)
    var host = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes i/n with 1 <= i <= n, e.g. 2/4") }
        for name in format where ReportFormat(rawValue: name) == nil {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown format '\(name)' (known: \(known))")
        }
    }

    /// Steps:
    /// 1. the kit, the timeout scale and the options; remove the scratch
    ///    folders of graders that died;
    /// 2. load the assignment (kit errors stop here, status 2);
    /// 3. grade the shard's submissions;
    /// 4. write the reports, print the table (each submission's notes are
    ///    in it), the cache hits; exit status.
    func run() async throws {
        // 1.
        let trusted = try failing {
            try Kit(root: URL(fileURLWithPath: kit), skeletons: skeletons.map { URL(fileURLWithPath: $0) })
        }
        let scale = timeoutScale.choice(for: trusted)
        let cacheFolder = noCache ? nil
            : URL(fileURLWithPath: cache ?? trusted.root.appendingPathComponent("build/grader/cache").path)
        // A host run takes seconds and keeps no cache: its grades are not qemu's.
        var options = GradingOptions(assignment: assignment, publicOnly: publicOnly, timeoutScale: scale.scale,
                                     jobs: jobs, shard: shard.flatMap { Shard($0) } ?? Shard.all,
                                     cacheFolder: host ? nil : cacheFolder)
        options.selfChecks = selfChecks
        options.host = host
        for stale in OwnedFolder.sweepStale(in: options.scratchFolder) { note("removed a dead grader's folder: \(stale)") }
        // 2.
        let session = try failing { try GradingSession(kit: trusted, options: options) }
        let sources = session.sources(for: submissions)
        // qemu confines a kernel; a host program runs as the user does.
        if host, sources.count != 1 {
            GraderFailure.printError("--host runs a submission's code as an ordinary program of this machine, "
                                     + "without qemu around it: it grades one tree of your own, not \(sources.count)")
            throw GraderFailure.exitCode
        }
        // Only an assignment whose students own files has a skeleton to miss.
        if trusted.usesReferenceCore(for: assignment), !session.grader.assignment.rubric.studentFiles.isEmpty {
            note("warning: \(trusted.skeletons.appendingPathComponent(assignment).path) does not exist: the core is "
                 + "reference/, so a missing owned file is graded with the reference's version (run `make skeletons`)")
        }
        note("\(sources.count) submission(s) on \(assignment), \(jobs) job(s), \(scale)"
             + (host ? ", on the host (no qemu)" : "")
             + (options.shard == .all ? "" : ", shard \(options.shard)"))
        // 3.
        let (report, graded) = await session.run(sources)
        // 4.
        let written = try failing {
            try ReportWriter.write(report, formats: format.compactMap { ReportFormat(rawValue: $0) },
                                  to: URL(fileURLWithPath: out))
        }
        ConsoleLines.standardOutput.write(TerminalSummary(report, colored: color.resolveForStandardOutput()).render())
        printCacheHits(graded)
        note("reports: " + written.map { $0.path }.joined(separator: ", "))
        if !report.submissions.allSatisfy({ $0.isCompletePass }) { throw ExitCode(1) }
    }

    /// The submissions whose grade came from the cache (their notes,
    /// missing and ignored files, are in the table and the reports).
    private func printCacheHits(_ graded: [GradedSubmission]) {
        let cached = graded.filter(\.fromCache).map { ReportText.sanitize($0.result.student) }
        if !cached.isEmpty { note(ReportText.neutralisingWorkflowCommands("from the cache: " + cached.joined(separator: ", "))) }
    }

    /// Runs `body`; the grader's own errors become one line and status 2.
    private func failing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
    }

    private func note(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }
}

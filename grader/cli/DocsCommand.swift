// grader/cli/DocsCommand.swift -- `grader docs check` and `grader docs sync`: the book cannot drift.
//
// `check` lists every broken link, every code reference past the end of
// its file, and every quoted excerpt that no longer matches its source
// (docs/contributing.md, "The book quotes the code"); its status is 1 when
// it finds anything. `sync` rewrites the quoted blocks from the sources.
// `make docs-check` and `make docs-sync` run them on this tree.

import ArgumentParser
import Foundation
import GraderKit

/// The documentation commands.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Check the book's links and quoted code, or rewrite the quotes from the sources.",
        subcommands: [DocsCheckCommand.self, DocsSyncCommand.self]
    )
}

/// The options both documentation commands share.
struct DocsOptions: ParsableArguments {
    @Option(help: "The root of the tree: code references and excerpt paths start here.")
    var root: String = "."

    @Option(parsing: .upToNextOption, help: "Markdown files or folders to read, relative to the root.")
    var markdown: [String] = DocsLayout.markdownPaths

    @Option(parsing: .upToNextOption, help: "Source files or folders whose excerpt markers are checked.")
    var sources: [String] = DocsLayout.sourcePaths

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }
    var markdownFiles: [URL] { DocsLayout.markdownFiles(markdown, root: rootURL) }
    var sourceFiles: [URL] { DocsLayout.sourceFiles(sources, root: rootURL) }
}

/// `grader docs check`: broken links, code references and stale quotes.
struct DocsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List broken links, bad code references and quotes that differ from their source (status 1 if any)."
    )

    @OptionGroup var options: DocsOptions

    /// Steps: 1. the links of every Markdown file; 2. the excerpts;
    /// 3. print each problem, then a count, and fail if there were any.
    func run() throws {
        let root = options.rootURL
        // 1.
        let links = options.markdownFiles.flatMap { MarkdownLinks.broken(inFile: $0, root: root) }
        // 2.
        let excerpts = Excerpts.problems(markdown: options.markdownFiles, sources: options.sourceFiles, root: root)
        // 3.
        for link in links { print(link) }
        for problem in excerpts { print(problem) }
        let count = links.count + excerpts.count
        print("docs: \(options.markdownFiles.count) Markdown file(s), \(count) problem(s)")
        if count > 0 { throw ExitCode.failure }
    }
}

/// `grader docs sync`: the quoted blocks copied from their excerpts.
struct DocsSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Rewrite every quoted excerpt of the Markdown files from its source."
    )

    @OptionGroup var options: DocsOptions

    func run() throws {
        let result: (rewritten: [String], problems: [ExcerptProblem])
        do {
            result = try Excerpts.sync(markdown: options.markdownFiles, sources: options.sourceFiles, root: options.rootURL)
        } catch {
            GraderFailure.printError("\(error)")
            throw GraderFailure.exitCode
        }
        for file in result.rewritten { print("rewrote \(file)") }
        for problem in result.problems { print(problem) }
        print("docs: \(result.rewritten.count) file(s) rewritten, \(result.problems.count) problem(s) left")
        if !result.problems.isEmpty { throw ExitCode.failure }
    }
}

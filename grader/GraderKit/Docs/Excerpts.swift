// grader/GraderKit/Docs/Excerpts.swift -- the book's quoted code, checked against its sources.
//
// A chapter quotes a named excerpt (ExcerptSource.swift) with an HTML
// comment, invisible on GitHub, on the line before a fenced block:
//
//     <!-- excerpt: reference/set/object_set.swift#set-add -->
//     ```swift
//     ...a copy of the excerpt...
//     ```
//
// The path is relative to the root of the check (the repository, or a
// student kit). `problems` fails when a quoted block differs from its
// excerpt (byte for byte, after the excerpt loses its marker lines and
// its common indentation), when the file or the name is unknown, when a
// marker is unbalanced, and when an excerpt overlaps code the stripper
// cuts. `sync` rewrites every quoted block from its source, so an author
// updates the book in one command (`make docs-sync`).

import Foundation

/// One quotation in a Markdown file: the reference line and its fenced block.
struct ExcerptQuote {
    /// The Markdown file, relative to the root.
    let file: String
    /// The line of the `<!-- excerpt: ... -->` comment.
    let line: Int
    /// The source file named, relative to the root.
    let source: String
    /// The excerpt's name.
    let name: String
    /// The indexes (0-based) of the block's opening and closing fence lines.
    let fence: (open: Int, close: Int)
}

/// Checks and rewrites the book's quoted excerpts.
public enum Excerpts {
    /// The problems of the excerpts quoted in `markdown` and marked in
    /// `sources` (files, relative to `root` or absolute). A source file a
    /// quote names is read even when it is not in `sources`; an excerpt
    /// marked in `sources` but quoted nowhere is a problem too (its markers
    /// would be noise in the students' code).
    public static func problems(markdown: [URL], sources: [URL] = [], root: URL) -> [ExcerptProblem] {
        var run = ExcerptRun(root: root.standardizedFileURL)
        // Without rewriting nothing is written, so nothing can throw.
        try? run.check(markdown: markdown, sources: sources, rewrite: false)
        return run.problems
    }

    /// Rewrites every quoted block of `markdown` from its source excerpt, and
    /// returns the files it changed (relative to `root`) and the problems it
    /// could not fix (an unknown excerpt, an unbalanced marker, an overlap
    /// with stripped code: those quotes are left as they are).
    public static func sync(markdown: [URL], sources: [URL] = [], root: URL) throws -> (rewritten: [String], problems: [ExcerptProblem]) {
        var run = ExcerptRun(root: root.standardizedFileURL)
        try run.check(markdown: markdown, sources: sources, rewrite: true)
        return (run.rewritten, run.problems)
    }

    /// Every regular file under the folders (or the files) `paths`, skipping
    /// hidden entries and `build` and `out` folders: the usual `sources` argument.
    public static func files(under paths: [URL]) -> [URL] {
        paths.flatMap { path -> [URL] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else { return [] }
            return isFolder.boolValue ? DocTree.files(under: path.standardizedFileURL) : [path.standardizedFileURL]
        }
    }
}

/// One check or sync: the sources read so far, the problems, the files rewritten.
struct ExcerptRun {
    let root: URL
    private var sources: [String: ExcerptSource?] = [:]
    private var quoted: Set<Excerpt> = []
    private(set) var problems: [ExcerptProblem] = []
    private(set) var rewritten: [String] = []

    init(root: URL) { self.root = root }

    /// Steps: 1. read the named sources (their marker problems count);
    /// 2. check (or rewrite) each Markdown file's quotes; 3. report the
    /// excerpts of the named sources that nothing quotes; 4. sort.
    mutating func check(markdown: [URL], sources sourceFiles: [URL], rewrite: Bool) throws {
        // 1.
        let named = sourceFiles.map { DocTree.relative($0.standardizedFileURL, to: root) }
        for file in named { _ = source(file) }
        // 2.
        for file in markdown {
            try quotes(in: file.standardizedFileURL, rewrite: rewrite)
        }
        // 3.
        for file in named {
            guard let source = sources[file] ?? nil else { continue }
            for excerpt in source.excerpts.values.sorted(by: { $0.startLine < $1.startLine }) where !quoted.contains(excerpt) {
                problems.append(ExcerptProblem(file: file, line: excerpt.startLine,
                                               message: "excerpt '\(excerpt.name)' is quoted nowhere: quote it or remove its markers"))
            }
        }
        // 4.
        problems.sort { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
    }

    /// The parsed source `file` (relative to the root), read once; nil when it cannot be read.
    /// In a student kit, which has `kernel/` where the teacher's tree has
    /// `reference/`, a quote of `reference/x` reads `kernel/x`: the kit's
    /// core is the skeleton, which keeps every excerpt the check allows.
    private mutating func source(_ file: String) -> ExcerptSource? {
        if let known = sources[file] { return known }
        if file.hasPrefix("reference/"), !FileManager.default.fileExists(atPath: root.appendingPathComponent("reference").path) {
            let parsed = source("kernel/" + file.dropFirst("reference/".count))
            sources[file] = parsed
            return parsed
        }
        let url = root.appendingPathComponent(file)
        var parsed: ExcerptSource? = nil
        if let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) {
            parsed = ExcerptSource(file: file, text: text)
            problems += parsed!.problems
        }
        sources[file] = parsed
        return parsed
    }

    /// Checks the quotes of one Markdown file, rewriting its blocks when asked.
    /// Steps: 1. find the quotes; 2. resolve each excerpt; 3. compare its
    /// block, or replace it; 4. write the file back if it changed.
    private mutating func quotes(in url: URL, rewrite: Bool) throws {
        let file = DocTree.relative(url, to: root)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            problems.append(ExcerptProblem(file: file, line: 1, message: "cannot be read as UTF-8 text"))
            return
        }
        // 1.
        let markdown = MarkdownText(text)
        var lines = markdown.lines.map(\.text)
        var found: [ExcerptQuote] = []
        for line in markdown.lines where !line.inFence {
            switch ExcerptRun.quote(line, in: markdown, file: file) {
            case .none: continue
            case .failure(let problem)?: problems.append(problem)
            case .success(let quote)?: found.append(quote)
            }
        }
        // Later blocks first, so that earlier indexes stay valid while rewriting.
        for quote in found.reversed() {
            // 2.
            if quote.source.split(separator: "/").contains("hidden") {
                problems.append(ExcerptProblem(file: file, line: quote.line,
                                               message: "'\(quote.source)' is a hidden test: the book never quotes one (students read the book)"))
                continue
            }
            guard let source = source(quote.source) else {
                problems.append(ExcerptProblem(file: file, line: quote.line, message: "no such source file '\(quote.source)'"))
                continue
            }
            guard let excerpt = source.excerpts[quote.name] else {
                let known = source.excerpts.keys.sorted().joined(separator: ", ")
                problems.append(ExcerptProblem(file: file, line: quote.line,
                                               message: "no usable excerpt '\(quote.name)' in \(quote.source) (it has: \(known.isEmpty ? "none" : known))"))
                continue
            }
            quoted.insert(excerpt)
            // 3.
            let block = Array(lines[(quote.fence.open + 1) ..< quote.fence.close])
            if block == excerpt.lines { continue }
            if rewrite {
                lines.replaceSubrange(quote.fence.open ... quote.fence.close, with: ExcerptRun.fenced(excerpt.lines, opening: lines[quote.fence.open]))
            } else {
                problems.append(ExcerptProblem(file: file, line: quote.line, message: ExcerptRun.difference(block, excerpt)))
            }
        }
        // 4.
        let updated = lines.joined(separator: "\n") + (text.hasSuffix("\n") || text.isEmpty ? "\n" : "")
        if rewrite && updated != text {
            try Data(updated.utf8).write(to: url, options: .atomic)
            rewritten.append(file)
        }
    }

    /// The quote whose comment is on `line`, a problem, or nil when the line is not an excerpt comment.
    static func quote(_ line: MarkdownLine, in markdown: MarkdownText, file: String) -> Result<ExcerptQuote, ExcerptProblem>? {
        // Only a comment that starts with the word is meant as a quote.
        guard line.text.firstMatch(of: #/(?i)^\s*<!--\s*excerpt\b/#) != nil else { return nil }
        func problem(_ message: String) -> Result<ExcerptQuote, ExcerptProblem> {
            .failure(ExcerptProblem(file: file, line: line.number, message: message))
        }
        guard let match = line.text.wholeMatch(of: #/\s*<!--\s*excerpt:\s*([^#\s]+)#([a-z0-9][a-z0-9\-]*)\s*-->\s*/#) else {
            return problem("malformed excerpt comment: write '<!-- excerpt: path/to/file#name -->' alone on its line")
        }
        let index = line.number - 1
        guard index + 1 < markdown.lines.count, let open = MarkdownText.fence(markdown.lines[index + 1].text), !open.info.contains("`") else {
            return problem("an excerpt comment must be followed, on the next line, by a fenced code block")
        }
        // The block ends at the first line inside the fence that closes it.
        guard let close = markdown.lines[(index + 2)...].firstIndex(where: { line in
            guard let fence = MarkdownText.fence(line.text) else { return false }
            return fence.character == open.character && fence.count >= open.count && fence.info.isEmpty
        }) else {
            return problem("the fenced block after this excerpt comment is never closed")
        }
        return .success(ExcerptQuote(file: file, line: line.number, source: String(match.output.1),
                                     name: String(match.output.2), fence: (index + 1, close)))
    }

    /// A fenced block holding `body`, opened like `opening`, with a fence
    /// longer than any run of the fence's character inside.
    static func fenced(_ body: [String], opening: String) -> [String] {
        guard let fence = MarkdownText.fence(opening) else { return [opening] + body + ["```"] }
        let indent = String(opening.prefix(while: { $0 == " " || $0 == "\t" }))
        let longest = body.map { line in
            line.split(whereSeparator: { $0 != fence.character }).map(\.count).max() ?? 0
        }.max() ?? 0
        let marks = String(repeating: fence.character, count: max(fence.count, longest + 1))
        return [indent + marks + fence.info] + body + [indent + marks]
    }

    /// Says where the quoted `block` first differs from `excerpt`.
    static func difference(_ block: [String], _ excerpt: Excerpt) -> String {
        let where_ = "\(excerpt.file)#\(excerpt.name), lines \(excerpt.startLine)-\(excerpt.endLine)"
        let first = Array(zip(block, excerpt.lines)).firstIndex(where: { $0 != $1 }) ?? min(block.count, excerpt.lines.count)
        let quotedLine = first < block.count ? "'\(block[first])'" : "nothing"
        let sourceLine = first < excerpt.lines.count ? "'\(excerpt.lines[first])'" : "nothing"
        return "the quoted block differs from \(where_): its line \(first + 1) is \(quotedLine), the source has \(sourceLine) "
            + "(run `make docs-sync` to copy the source)"
    }
}

/// Where a kit keeps its documentation and the sources the book quotes:
/// the defaults of `grader docs check` and `grader docs sync`, and of the
/// test that checks the repository's own book. Paths that do not exist
/// are skipped, so the same lists fit the teacher's tree (reference/) and
/// a student kit (kernel/).
public enum DocsLayout {
    /// The Markdown the checks read: every .md under docs/ and assignments/
    /// (the subjects), and README.md.
    public static let markdownPaths = ["docs", "assignments", "README.md"]
    /// The sources whose excerpt markers are checked (quoted or not).
    public static let sourcePaths = ["reference", "kernel", "machine", "boot", "grader/harness", "assignments", "mk", "Makefile"]

    /// The .md files under `paths` (folders or files, relative to `root`).
    public static func markdownFiles(_ paths: [String] = markdownPaths, root: URL) -> [URL] {
        Excerpts.files(under: paths.map { root.appendingPathComponent($0) }).filter { $0.pathExtension == "md" }
    }

    /// The files under `paths` (relative to `root`).
    public static func sourceFiles(_ paths: [String] = sourcePaths, root: URL) -> [URL] {
        Excerpts.files(under: paths.map { root.appendingPathComponent($0) })
    }
}

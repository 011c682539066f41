// grader/GraderKit/Similarity/SimilarityPage.swift -- the pairs and their shared passages, one HTML page.
//
// For each reported pair, the page shows every shared passage side by
// side: the first submission's lines on the left, the second's on the
// right, with line numbers, so a teacher can judge whether the code was
// copied or merely alike. It is one self-contained file (inline CSS, no
// script). Every name and every line of student code goes through the
// reports' escaping (HTMLText.escape: sanitised, then escaped), so a file
// holding `</pre><script>` shows as text. A page with thousands of pairs
// would be unreadable and huge: it shows the passages of the first
// `pairLimit` pairs, the `passageLimit` longest of each, and at most
// `lineLimit` lines per side of a passage.

/// A `SimilarityReport` as an HTML page.
public struct SimilarityPage: Sendable {
    /// The findings.
    public var report: SimilarityReport
    /// The submissions, for their text (indexes as in the report).
    public var submissions: [ComparedSubmission]
    /// Pairs whose passages are shown.
    public var pairLimit: Int
    /// Lines shown per side of a passage.
    public var lineLimit: Int
    /// Passages shown per pair (the longest).
    public var passageLimit: Int

    /// A page for `report` quoting `submissions`.
    public init(report: SimilarityReport, submissions: [ComparedSubmission], pairLimit: Int = 100, lineLimit: Int = 120,
                passageLimit: Int = 20) {
        self.report = report
        self.submissions = submissions
        self.pairLimit = pairLimit
        self.lineLimit = lineLimit
        self.passageLimit = passageLimit
    }

    /// The page.
    public func render() -> String {
        let shown = report.pairs.prefix(pairLimit).enumerated().map { section(pair: $0.element, number: $0.offset) }
        let omitted = report.pairs.count > pairLimit
            ? "<p class=\"muted\">\(report.pairs.count - pairLimit) more pair(s) are in the table and in similarity.json.</p>"
            : ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Similarity: \(HTMLText.escape(report.assignment))</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        <main>
        <h1>Similarity: \(HTMLText.escape(report.assignment))</h1>
        <p class="muted">\(summary) A high score is a lead to read, not a verdict: \
        look at the passages before concluding anything.</p>
        \(table)
        \(omitted)
        \(shown.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    private var summary: String {
        let current = report.submissions.filter { !$0.earlier }.count
        return "\(current) submission(s), \(report.submissions.count - current) earlier; \(report.pairs.count) pair(s) "
            + "at or above \(percent(report.threshold)). Tokens per k-gram \(report.k), window \(report.window); "
            + "code from \(report.baselineFiles) kit file(s) is not counted."
    }

    private var table: String {
        guard !report.pairs.isEmpty else { return "<p>No pair reaches the threshold.</p>" }
        let rows = report.pairs.enumerated().map { number, pair in
            let link = number < pairLimit ? "<a href=\"#pair-\(number)\">\(percent(pair.score))</a>" : percent(pair.score)
            return "<tr><td>\(link)</td><td>\(name(pair.first))</td><td>\(name(pair.second))</td>"
                + "<td>\(pair.shared)</td><td>\(percent(pair.firstFraction)) / \(percent(pair.secondFraction))</td></tr>"
        }
        return "<table><tr><th>Score</th><th>First</th><th>Second</th><th>Shared</th><th>Of each</th></tr>\n"
            + rows.joined(separator: "\n") + "\n</table>"
    }

    private func section(pair: SimilarityReport.Pair, number: Int) -> String {
        let passages = pair.passages.prefix(passageLimit).map { passage in
            "<tr><td>\(side(pair.first, passage.firstFile, passage.firstLines))</td>"
                + "<td>\(side(pair.second, passage.secondFile, passage.secondLines))</td></tr>"
        }
        return "<h2 id=\"pair-\(number)\">\(percent(pair.score)): \(name(pair.first)) and \(name(pair.second))</h2>\n"
            + "<table class=\"passages\"><tr><th>\(name(pair.first))</th><th>\(name(pair.second))</th></tr>\n"
            + passages.joined(separator: "\n") + "\n</table>"
            + (pair.passageCount > passageLimit
                ? "<p class=\"muted\">\(pair.passageCount - passageLimit) more passage(s) in similarity.json.</p>" : "")
    }

    /// One side of a passage: the file and lines, then the numbered code.
    private func side(_ index: Int, _ path: String, _ lines: ClosedRange<Int>) -> String {
        guard let file = submissions[index].files.first(where: { $0.path == path }) else { return "" }
        let last = min(lines.upperBound, lines.lowerBound + lineLimit - 1)
        let text = file.lines(lines.lowerBound, last).enumerated()
            .map { String(lines.lowerBound + $0.offset).leftPadded(5) + "  " + $0.element }
            .joined(separator: "\n")
        let cut = last < lines.upperBound ? "\n      (\(lines.upperBound - last) more line(s))" : ""
        return "<div class=\"where\">\(HTMLText.escape(path)):\(lines.lowerBound)-\(lines.upperBound)</div>"
            + "<pre>\(HTMLText.escape(text + cut))</pre>"
    }

    private func name(_ index: Int) -> String {
        let submission = report.submissions[index]
        return HTMLText.escape(submission.name) + (submission.earlier ? " <span class=\"muted\">(earlier)</span>" : "")
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// The style sheet: light, dark with the reader's system, no `<` or `&`.
    static let css = """
    body { margin: 0; font: 15px/1.5 system-ui, sans-serif; background: #f7f7f9; color: #1d2330; }
    @media (prefers-color-scheme: dark) { body { background: #0f1218; color: #e6e9ef; } }
    main { max-width: 1400px; margin: 0 auto; padding: 24px 20px 64px; }
    .muted { opacity: 0.7; }
    table { width: 100%; border-collapse: collapse; margin: 12px 0; }
    th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid #8884; vertical-align: top; }
    .passages td { width: 50%; }
    .where { font-size: 13px; opacity: 0.7; }
    pre { margin: 4px 0; padding: 8px; overflow-x: auto; font-size: 12.5px; background: #8881; border-radius: 6px; }
    """
}

extension String {
    /// The string right-aligned in `width` columns.
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

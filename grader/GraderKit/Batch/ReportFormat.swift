// grader/GraderKit/Batch/ReportFormat.swift -- which report files a run writes, and where.
//
// Every report is rendered by GraderReports and written atomically (a
// reader never sees half a file, even if the grader is killed). The file
// names are fixed so CI configurations can rely on them.

import Foundation

/// A report format of `--format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// The table printed on the terminal, also saved as summary.txt.
    case terminal
    /// grades.json: the whole run, readable by `grader merge`.
    case json
    /// junit.xml, for CI test panels.
    case junit
    /// Gradescope's results.json (one per submission).
    case gradescope
    /// summary.md, for a CI job summary or a pull-request comment.
    case markdown
    /// report.html, a page for the teacher.
    case html

    /// The file (relative to the output folder) the format writes for a
    /// run; Gradescope writes one per submission, see `write`.
    public var fileName: String {
        switch self {
        case .terminal: return "summary.txt"
        case .json: return "grades.json"
        case .junit: return "junit.xml"
        case .gradescope: return "results.json"
        case .markdown: return "summary.md"
        case .html: return "report.html"
        }
    }
}

/// Writes a run's reports.
public enum ReportWriter {
    /// Writes `report` in every format of `formats` under `folder`;
    /// returns the files written. Gradescope's results.json is written at
    /// the top for a single submission (what its autograder reads) and as
    /// gradescope/<student>.json for a batch.
    public static func write(_ report: GradeReport, formats: [ReportFormat], to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [URL] = []
        for format in Set(formats).sorted(by: { $0.rawValue < $1.rawValue }) {
            for (name, document) in documents(report, format: format) {
                let url = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try document.write(to: url)
                written.append(url)
            }
        }
        return written
    }

    /// The documents of one format, by relative file name.
    static func documents(_ report: GradeReport, format: ReportFormat) -> [(String, any ReportDocument)] {
        switch format {
        case .terminal: return [(format.fileName, TerminalSummary(report, colored: false))]
        case .json: return [(format.fileName, JSONReport(report))]
        case .junit: return [(format.fileName, JUnitReport(report))]
        case .markdown: return [(format.fileName, MarkdownSummary(report))]
        case .html: return [(format.fileName, HTMLOverview(report))]
        case .gradescope:
            if report.submissions.count == 1 {
                return [(format.fileName, GradescopeReport(report.submissions[0], timeoutScale: report.timeoutScale))]
            }
            return report.submissions.map {
                ("gradescope/\(safeName($0.student)).json", GradescopeReport($0, timeoutScale: report.timeoutScale))
            }
        }
    }

    /// A student name made safe as a file name.
    static func safeName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "_" + cleaned : cleaned
    }
}

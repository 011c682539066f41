// grader/GraderKit/Similarity/SimilarityRun.swift -- one `grader similarity` run, arguments to files.
//
// It reads the rubric for the owned files, the kit for the baseline,
// every submission through intake, compares, and writes similarity.json
// and similarity.html into the output folder. It never grades, never
// reads a cache, and never writes into a submission: the output folder
// may not be inside one (intake only reads them, into scratch folders).

import Foundation

/// Why a similarity run could not run at all.
public struct SimilarityError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in one line.
    public var description: String

    /// An error saying `description`.
    public init(description: String) {
        self.description = description
    }
}

/// A prepared similarity run on one assignment of one kit.
public struct SimilarityRun: Sendable {
    /// The trusted kit.
    public let kit: Kit
    /// The assignment, its rubric read.
    public let assignment: Assignment
    /// The settings.
    public let options: SimilarityOptions

    /// Loads `assignment`'s rubric from `kit`.
    public init(kit: Kit, assignment: String, options: SimilarityOptions) throws {
        self.kit = kit
        self.assignment = try AssignmentLoader().load(folder: try kit.assignmentFolder(assignment), selection: .all)
        self.options = options
    }

    /// The owned-file patterns.
    public var owned: [GlobPattern] { assignment.rubric.studentFiles.map(GlobPattern.init) }

    /// The submissions the arguments name (folders of many expanded), as for grading.
    public func sources(for arguments: [String]) -> [SubmissionSource] {
        let markers = Set(owned.compactMap(\.literalHead))
        return arguments.isEmpty ? [] : SubmissionList.expand(arguments, markers: markers)
    }

    /// Compares `current` with each other and with `earlier`.
    ///
    /// Steps: 1. refuse an output folder inside a submission; 2. the
    /// baseline; 3. read every submission; 4. compare; 5. the report.
    public func run(current: [SubmissionSource], earlier: [SubmissionSource],
                    output: URL?) async throws -> (report: SimilarityReport, submissions: [ComparedSubmission]) {
        // 1.
        if let output { try Self.requireOutside(output, of: (current + earlier).map(\.location)) }
        // 2.
        let baseline = try SimilarityBaseline.given(by: kit, assignment: assignment.id, winnowing: options.winnowing)
        // 3.
        let kitCore = Set(FileTree.files(under: kit.core(for: assignment.id)))
        var reader = SimilarityReader(owned: owned, kitCore: kitCore, winnowing: options.winnowing)
        reader.machineOwned = assignment.rubric.machineFiles.map(GlobPattern.init)
        var submissions: [ComparedSubmission] = []
        for source in current { submissions.append(await reader.read(source)) }
        for source in earlier { submissions.append(await reader.read(source, isEarlier: true)) }
        // 4.
        let check = SimilarityCheck(submissions, baseline: baseline, options: options)
        // 5.
        let report = SimilarityReport(check: check, pairs: check.pairs(), assignment: assignment.id,
                                      baselineFiles: baseline.fileCount)
        return (report, submissions)
    }

    /// Writes similarity.json and similarity.html into `folder`; returns their paths.
    public static func write(_ report: SimilarityReport, submissions: [ComparedSubmission], pairLimit: Int,
                             to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let json = folder.appendingPathComponent("similarity.json")
        let html = folder.appendingPathComponent("similarity.html")
        try AtomicFile.write(Data(try report.json().utf8), to: json)
        let page = SimilarityPage(report: report, submissions: submissions, pairLimit: pairLimit)
        try AtomicFile.write(Data(page.render().utf8), to: html)
        return [json, html]
    }

    /// Throws when `output` is, or is inside, one of the folders at
    /// `locations` (submissions, or the folders holding them; links
    /// resolved). Archives and remote repositories are not folders.
    public static func requireOutside(_ output: URL, of locations: [String]) throws(SimilarityError) {
        let target = output.standardizedFileURL.resolvingSymlinksInPath().path
        for location in locations {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: location, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            let folder = URL(fileURLWithPath: location).standardizedFileURL.resolvingSymlinksInPath().path
            if target == folder || target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") {
                throw SimilarityError(description: "the output folder \(ReportText.sanitize(output.path)) is inside "
                                      + "the submissions' folder \(ReportText.sanitize(location)): choose another --output")
            }
        }
    }
}

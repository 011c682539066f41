// grader/GraderKit/Mutation/MutationReport.swift -- the mutation score and its reports.
//
// The score is killed / (killed + survived): mutants that do not compile
// say nothing about the tests and are only counted, and survivors the
// teacher has judged equivalent (EquivalentMutants.swift) are counted
// apart with their reason. Survivors are what a teacher reads: each is a
// plausible bug no test notices, shown with its diff. The public share
// tells how much of that the public tests alone catch (a killed mutant
// one of whose failed tests is public: each test boots on its own, so
// these are exactly the mutants a run of the public tests alone kills).

import Foundation

/// The outcome of a mutation run, as the reports show it.
public struct MutationReport: Sendable, Codable, Equatable {
    /// Mutants per operator: how many, and how many were killed.
    public struct OperatorLine: Sendable, Codable, Equatable {
        public var kind: MutationOperator
        public var graded: Int
        public var killed: Int
        public var survived: Int
        public var stillborn: Int
    }

    /// The assignment.
    public var assignment: String
    /// The seed and budget that chose the mutants.
    public var seed: UInt64
    public var budget: Int?
    /// Mutants the catalogue finds in the whole marked code.
    public var generated: Int
    /// How many were killed, survived, did not compile, or hit an
    /// infrastructure failure.
    public var killed: Int
    public var survived: Int
    public var stillborn: Int
    public var infrastructure: Int
    /// Survivors listed as equivalent: out of the score.
    public var equivalent: Int
    /// The reason of each equivalent survivor, by id.
    public var equivalentReasons: [String: String]
    /// Listed as equivalent, yet killed: the list is wrong about them.
    public var misjudged: [String]
    /// Killed mutants a public test failed on.
    public var killedByPublic: Int
    /// killed / (killed + survived), equivalents left out, 0...1 (1 when
    /// nothing was judged).
    public var score: Double
    /// killedByPublic / killed, 0...1 (1 when nothing was killed).
    public var publicShare: Double
    /// Seconds of grading summed over the mutants, and the run's wall clock.
    public var gradingSeconds: Double
    public var wallSeconds: Double?
    /// Per operator.
    public var operators: [OperatorLine]
    /// Every outcome, survivors first.
    public var results: [MutantResult]

    /// The report over `results`; the survivors `equivalents` lists are
    /// counted apart.
    public init(assignment: String, seed: UInt64, budget: Int?, generated: Int, results: [MutantResult],
                wallSeconds: Double? = nil, equivalents: EquivalentMutants = EquivalentMutants()) {
        self.assignment = assignment
        self.seed = seed
        self.budget = budget
        self.generated = generated
        self.wallSeconds = wallSeconds
        func count(_ status: MutantStatus) -> Int { results.filter { $0.status == status }.count }
        killed = count(.killed)
        var reasons: [String: String] = [:]
        for result in results where result.status == .survived {
            if let reason = equivalents.reason(for: result.mutant.id) { reasons[result.mutant.id] = reason }
        }
        equivalentReasons = reasons
        equivalent = reasons.count
        misjudged = results.filter { $0.status == .killed && equivalents.reason(for: $0.mutant.id) != nil }
            .map(\.mutant.id).sorted()
        survived = count(.survived) - reasons.count
        stillborn = count(.stillborn)
        infrastructure = count(.infrastructure)
        killedByPublic = results.filter(\.killedByPublic).count
        score = killed + survived == 0 ? 1 : Double(killed) / Double(killed + survived)
        publicShare = killed == 0 ? 1 : Double(killedByPublic) / Double(killed)
        gradingSeconds = results.reduce(0) { $0 + $1.seconds }
        operators = MutationOperator.allCases.compactMap { kind in
            let mine = results.filter { $0.mutant.kind == kind }
            guard !mine.isEmpty else { return nil }
            return OperatorLine(kind: kind, graded: mine.count,
                                killed: mine.filter { $0.status == .killed }.count,
                                survived: mine.filter { $0.status == .survived && reasons[$0.mutant.id] == nil }.count,
                                stillborn: mine.filter { $0.status == .stillborn }.count)
        }
        let order: [MutantStatus] = [.survived, .infrastructure, .killed, .stillborn]
        self.results = results.sorted {
            (order.firstIndex(of: $0.status)!, $0.mutant.id) < (order.firstIndex(of: $1.status)!, $1.mutant.id)
        }
    }

    /// A percentage with one decimal.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// The terminal summary: the score, each operator, each survivor's diff.
    public func terminalText() -> String {
        var lines = ["mutation score for \(assignment): \(MutationReport.percent(score)) "
                     + "(\(killed) killed, \(survived) survived, \(equivalent) equivalent; \(stillborn) did "
                     + "not compile, \(infrastructure) infrastructure; \(results.count) of \(generated) mutants, seed \(seed))",
                     "public tests alone kill \(killedByPublic) of the \(killed) killed "
                     + "(\(MutationReport.percent(publicShare)))"]
        for line in operators {
            lines.append("  \(line.kind.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) "
                         + "\(line.killed) killed, \(line.survived) survived, \(line.stillborn) did not compile")
        }
        for id in misjudged {
            lines.append("listed as equivalent but killed: \(id) (remove it from the list)")
        }
        for result in results where result.status == .survived {
            if let reason = equivalentReasons[result.mutant.id] {
                lines.append("equivalent \(result.mutant.id) (\(result.mutant.change)): \(reason)")
            } else {
                lines.append("survivor \(result.mutant.id) (\(result.mutant.kind.rawValue), \(result.mutant.change)):")
            }
            lines += result.mutant.diff.split(separator: "\n").map { "    " + $0 }
        }
        return lines.map { ReportText.sanitize($0) }.joined(separator: "\n") + "\n"
    }

    /// The JSON report.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The HTML report: one page, every text escaped.
    public func html() -> String {
        var body = "<h1>Mutation score for \(escape(assignment)): \(MutationReport.percent(score))</h1>\n"
        body += "<p>\(killed) killed, \(survived) survived, \(equivalent) equivalent, \(stillborn) did not compile, \(infrastructure) "
            + "infrastructure; \(results.count) of \(generated) mutants (seed \(seed)). Public tests alone kill "
            + "\(killedByPublic) of \(killed) (\(MutationReport.percent(publicShare))).</p>\n"
        body += "<table><tr><th>operator</th><th>killed</th><th>survived</th><th>did not compile</th></tr>\n"
        for line in operators {
            body += "<tr><td>\(line.kind.rawValue)</td><td>\(line.killed)</td><td>\(line.survived)</td>"
                + "<td>\(line.stillborn)</td></tr>\n"
        }
        body += "</table>\n<h2>Mutants</h2>\n"
        for result in results where result.status != .stillborn {
            let tests = result.failedTests.map { "\($0.name) (\($0.visibility), \($0.verdict))" }
            let reason = equivalentReasons[result.mutant.id]
            let status = reason == nil ? result.status.rawValue : "equivalent"
            body += "<h3 class=\"\(status)\">\(escape(result.mutant.id)): \(status)</h3>\n"
                + "<pre>\(escape(result.mutant.diff))</pre>\n"
                + (reason.map { "<p>why: \(escape($0))</p>\n" } ?? "")
                + (tests.isEmpty ? "" : "<p>failed: \(escape(tests.joined(separator: ", ")))</p>\n")
        }
        return """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Mutation report</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:auto}pre{background:#f4f4f4;padding:.5em}
        .survived{color:#b00}.killed{color:#070}td,th{padding:0 .7em;text-align:left}</style></head>
        <body>
        \(body)</body></html>

        """
    }

    /// `text` safe inside HTML elements and attributes.
    func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Writes mutation-report.json and mutation-report.html into `folder`;
    /// returns their paths.
    public func write(to folder: URL) throws -> [URL] {
        let json = folder.appendingPathComponent("mutation-report.json")
        let page = folder.appendingPathComponent("mutation-report.html")
        try AtomicFile.write(try jsonData(), to: json)
        try AtomicFile.write(Data(html().utf8), to: page)
        return [json, page]
    }
}

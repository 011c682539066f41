// grader/Reports/JSONReport.swift -- the grading run as JSON, and back.
//
// The JSON report is the grader's own record: `grader merge` reads several
// of them (one per shard or per batch) and writes the combined report, and
// every other format can be regenerated from it. So it is lossless: the
// logs are kept exactly, including control characters, which JSON's own
// escaping (\u0000, \u001b) already makes safe. The characters JSON leaves
// raw but that reorder or split what a reader sees (bidirectional
// controls, U+2028, U+2029, C1 controls) are written as `\u202e` escapes
// too, and `##[` as `#\u0023[` (a CI runner would read it as a command):
// they decode back to themselves. Keys are sorted and the output
// indented, so two reports of the same run diff cleanly.

import Foundation
import GraderModel

/// A `GradeReport` as JSON: the grader's lossless record, read back by
/// `grader merge`.
public struct JSONReport: ReportDocument {
    /// The grading run to encode.
    public var report: GradeReport

    /// Encodes `report`.
    public init(_ report: GradeReport) {
        self.report = report
    }

    /// The JSON text: pretty-printed, keys sorted, dates as the report
    /// gives them (ISO 8601 strings), invisible characters as `\u` escapes
    /// (`ReportText.escapingInJSON`), a final newline.
    public func render() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ReportText.escapingInJSON(String(decoding: try encoder.encode(report), as: UTF8.self)) + "\n"
    }

    /// Why a JSON report could not be read.
    public enum ReadError: Error, CustomStringConvertible, Sendable, Equatable {
        /// The report was written by a newer grader, in a format this one
        /// does not know.
        case newerFormat(found: Int, supported: Int)
        /// The data is not a grade report (the decoder's explanation).
        case malformed(String)

        /// A sentence for the command line.
        public var description: String {
            switch self {
            case let .newerFormat(found, supported):
                "report format \(found) is newer than this grader's (\(supported)): update the grader"
            case let .malformed(reason):
                "not a grade report: \(reason)"
            }
        }
    }

    /// Decodes a report written by `render()`.
    ///
    /// The format version is checked first, so that a report from a newer
    /// grader is refused with a clear message instead of a decoding error
    /// about some field it added.
    public static func decode(_ data: Data) throws(ReadError) -> GradeReport {
        // 1. Read the version alone.
        struct Header: Decodable { var formatVersion: Int }
        let decoder = JSONDecoder()
        do {
            let header = try decoder.decode(Header.self, from: data)
            guard header.formatVersion <= GradeReport.formatVersion else {
                throw ReadError.newerFormat(found: header.formatVersion, supported: GradeReport.formatVersion)
            }
            // 2. Then the whole report.
            return try decoder.decode(GradeReport.self, from: data)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError.malformed(describe(error))
        }
    }

    /// Reads and decodes the JSON report at `url`.
    public static func read(from url: URL) throws -> GradeReport {
        try decode(Data(contentsOf: url))
    }

    /// The decoder's error as "at submissions[0].tests: ..." for people.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        let (context, problem): (DecodingError.Context, String) = switch error {
        case let .typeMismatch(type, context): (context, "expected \(type)")
        case let .valueNotFound(type, context): (context, "missing \(type) value")
        case let .keyNotFound(key, context): (context, "missing key \(key.stringValue)")
        case let .dataCorrupted(context): (context, context.debugDescription)
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), String(describing: error))
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return path.isEmpty ? problem : "at \(path.drop { $0 == "." }): \(problem)"
    }
}

// grader/GraderKit/Mutation/EquivalentMutants.swift -- mutants a teacher has judged equivalent.
//
// Some mutants cannot change what the code does (a capacity of 5 instead
// of 4, a check that the caller has already made): no test can kill them,
// and counting them as survivors would hide the real ones. A teacher who
// has read such a survivor writes its id and one line of why in
// assignments/<a>/mutants-equivalent.txt:
//
//     # id                                   why it changes nothing
//     set_array-L252-constant-1              the first capacity: 5 slots work as 4 do
//
// The report then counts it apart and leaves it out of the score. A
// listed mutant that a test kills was misjudged, and one the catalogue no
// longer makes (the reference changed under it) is stale: the report
// names both, so the list cannot silently drift.

import Foundation

/// The mutants judged equivalent, each with the reason.
public struct EquivalentMutants: Sendable, Codable, Equatable {
    /// One judged mutant.
    public struct Entry: Sendable, Codable, Equatable {
        /// The mutant's id (`set_array-L252-constant-1`).
        public var id: String
        /// Why it cannot change behaviour.
        public var reason: String
    }

    /// Every entry, in the file's order.
    public var entries: [Entry]

    /// A list of `entries`.
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The reason given for mutant `id`, nil if it is not listed.
    public func reason(for id: String) -> String? {
        entries.first { $0.id == id }?.reason
    }

    /// Reads the list from `text`: one mutant a line, its id then its
    /// reason after blanks; blank lines and lines starting with `#` are
    /// skipped.
    ///
    /// Steps: 1. skip comments and blank lines; 2. split the id from the
    /// reason; 3. refuse a line without a reason or an id given twice.
    public init(parsing text: String, file: String) throws {
        var entries: [Entry] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // 1.
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            // 2.
            let id = String(line.prefix { !$0.isWhitespace })
            let reason = line.dropFirst(id.count).trimmingCharacters(in: .whitespaces)
            // 3.
            guard !reason.isEmpty else {
                throw MutationRunError(description: "\(file):\(number + 1): \(id) has no reason: "
                                       + "say in a few words why it changes nothing")
            }
            guard !entries.contains(where: { $0.id == id }) else {
                throw MutationRunError(description: "\(file):\(number + 1): \(id) is listed twice")
            }
            entries.append(Entry(id: id, reason: reason))
        }
        self.entries = entries
    }

    /// The list at `url`; an empty list if there is no such file.
    public static func load(_ url: URL) throws -> EquivalentMutants {
        guard FileManager.default.fileExists(atPath: url.path) else { return EquivalentMutants() }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try EquivalentMutants(parsing: text, file: url.path)
    }
}

// grader/Scripts/KeySuggestion.swift -- "did you mean 'title'?"
//
// Most unknown keys are typos of known ones. Naming the likely key turns
// a puzzle into a one-second fix; the full list is given when nothing is
// close enough.

/// The known key closest to a misspelled one.
enum KeySuggestion {
    /// Typos further than this many edits are not guessed at.
    static let maximumDistance = 2

    /// The key in `known` nearest to `typo` in edit distance, if it is
    /// within `maximumDistance` (ties go to the earlier key).
    static func closest(to typo: String, in known: [String]) -> String? {
        let scored = known.map { ($0, distance(Array(typo), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= maximumDistance else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions, one
    /// row of the table at a time.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0 ... b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

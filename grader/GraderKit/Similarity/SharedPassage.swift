// grader/GraderKit/Similarity/SharedPassage.swift -- where two submissions share code.
//
// A score says how much; a teacher must see what before concluding
// anything. Each shared fingerprint stands for k tokens in both
// submissions. Walking the first submission's shared fingerprints in
// file order, each is placed at an occurrence of the same hash in the
// second (SimilarityCheck indexes every submission once, not once per
// pair), preferring one that continues the passage being built. A
// passage grows while both sides advance by at most `gap` tokens (k: the
// k-grams overlap or touch, so a passage is shared code only, nothing
// between), and a new one starts otherwise (a reordered function is a
// passage of its own). A passage is then the lines its tokens cover.

/// A run of code found in both submissions of a pair.
public struct SharedPassage: Sendable, Equatable, Codable {
    /// The file in the first submission (relative to its core root).
    public var firstFile: String
    /// Its lines (1-based, inclusive).
    public var firstLines: ClosedRange<Int>
    /// The file in the second submission.
    public var secondFile: String
    /// Its lines.
    public var secondLines: ClosedRange<Int>
    /// How many shared fingerprints it holds.
    public var fingerprints: Int

    /// The passages `a` and `b` share (`aPlaces` and `bPlaces`: their
    /// fingerprints without the kit's, by hash), with the most
    /// fingerprints first (then in order of the first file).
    ///
    /// Steps: 1. walk `a`'s shared fingerprints in file order; 2. place
    /// each at an occurrence in `b`, extending the open passage when both
    /// sides continue within `gap` tokens, else opening one; 3. tokens to lines.
    public static func find(_ a: ComparedSubmission, _ aPlaces: [UInt64: [FingerprintPlace]],
                            _ b: ComparedSubmission, _ bPlaces: [UInt64: [FingerprintPlace]],
                            k: Int, gap: Int) -> [SharedPassage] {
        var runs: [Run] = []
        // 1.
        for (fileIndex, file) in a.files.enumerated() {
            for print in file.fingerprints where aPlaces[print.hash] != nil {
                guard let places = bPlaces[print.hash] else { continue }
                // 2.
                if var open = runs.last, open.firstFile == fileIndex, print.token - open.firstEnd <= gap,
                   let next = places.first(where: { $0.file == open.secondFile && $0.token > open.secondEnd - gap
                       && $0.token <= open.secondEnd + gap }) {
                    open.firstEnd = print.token
                    open.secondStart = min(open.secondStart, next.token)
                    open.secondEnd = max(open.secondEnd, next.token)
                    open.count += 1
                    runs[runs.count - 1] = open
                } else {
                    let place = places[0]
                    runs.append(Run(firstFile: fileIndex, firstStart: print.token, firstEnd: print.token,
                                    secondFile: place.file, secondStart: place.token, secondEnd: place.token, count: 1))
                }
            }
        }
        // 3.
        let passages = runs.map { run in
            SharedPassage(firstFile: a.files[run.firstFile].path,
                          firstLines: lines(of: a.files[run.firstFile], run.firstStart, run.firstEnd + k - 1),
                          secondFile: b.files[run.secondFile].path,
                          secondLines: lines(of: b.files[run.secondFile], run.secondStart, run.secondEnd + k - 1),
                          fingerprints: run.count)
        }
        return passages.enumerated().sorted { lhs, rhs in
            lhs.element.fingerprints != rhs.element.fingerprints
                ? lhs.element.fingerprints > rhs.element.fingerprints : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// A passage being built: token ranges on both sides.
    private struct Run {
        var firstFile: Int, firstStart: Int, firstEnd: Int
        var secondFile: Int, secondStart: Int, secondEnd: Int
        var count: Int
    }

    /// The lines tokens `first...last` of `file` cover.
    private static func lines(of file: ComparedFile, _ first: Int, _ last: Int) -> ClosedRange<Int> {
        let low = file.tokens[max(0, first)].line
        let high = file.tokens[min(file.tokens.count - 1, last)].endLine
        return low ... max(low, high)
    }
}

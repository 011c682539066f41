// grader/GraderKit/Similarity/SimilarityCheck.swift -- scoring every pair of submissions.
//
// Each submission becomes a set: the hashes of its fingerprints, minus
// every k-gram of the kit's code (SimilarityBaseline). Two submissions
// share a fingerprint when both sets hold it. The score of a pair is
//
//     shared fingerprints / fingerprints of the smaller of the two sets
//
// that is, how much of the smaller submission is found in the other one
// (1.0: all of it). The smaller side is the measure because copying is
// rarely symmetric: a student who copied half of a classmate's work and
// wrote nothing else scores 1.0 against them. A pair needs at least
// `minimumShared` fingerprints (a submission of two lines is not a copy
// of anything). Pairs are found through an inverted index (hash ->
// holders), so the work grows with the fingerprints shared, not with the
// square of the class.

/// The settings of a check.
public struct SimilarityOptions: Sendable, Equatable {
    /// Pairs scoring below this (0...1) are not reported.
    public var threshold: Double
    /// Fewest shared fingerprints a reported pair has.
    public var minimumShared: Int
    /// The fingerprinting parameters.
    public var winnowing: Winnowing

    /// The defaults: report pairs from 0.4, with at least 4 shared
    /// fingerprints. Independent solutions of one skeleton score near 0.05,
    /// disguised whole copies 0.7 to 1: 0.4 also reports partial copies.
    public init(threshold: Double = 0.4, minimumShared: Int = 4, winnowing: Winnowing = .standard) {
        self.threshold = threshold
        self.minimumShared = minimumShared
        self.winnowing = winnowing
    }
}

/// One pair above the threshold.
public struct SimilarPair: Sendable {
    /// Index of the first submission (always a current one).
    public var first: Int
    /// Index of the second (current or earlier).
    public var second: Int
    /// Shared fingerprints / fingerprints of the smaller side.
    public var score: Double
    /// The number of shared fingerprints.
    public var shared: Int
    /// Shared / fingerprints of the first, and of the second.
    public var fractions: (first: Double, second: Double)
    /// The shared passages, longest first.
    public var passages: [SharedPassage]
}

/// Where one fingerprint hash occurs in a submission.
public struct FingerprintPlace: Sendable, Equatable {
    /// The file's index in the submission's files.
    public var file: Int
    /// The index of the k-gram's first token in that file.
    public var token: Int
}

/// Compares submissions with each other.
public struct SimilarityCheck: Sendable {
    /// Every submission: the current ones and the earlier ones.
    public let submissions: [ComparedSubmission]
    /// The settings.
    public let options: SimilarityOptions
    /// For each submission, its fingerprint hashes without the kit's,
    /// each with the places it occurs at.
    public let places: [[UInt64: [FingerprintPlace]]]

    /// A check of `submissions` (`isEarlier` marks the earlier ones)
    /// against `baseline`.
    public init(_ submissions: [ComparedSubmission], baseline: SimilarityBaseline, options: SimilarityOptions) {
        self.submissions = submissions
        self.options = options
        places = submissions.map { submission in
            var found: [UInt64: [FingerprintPlace]] = [:]
            for (index, file) in submission.files.enumerated() {
                for print in file.fingerprints where !baseline.hashes.contains(print.hash) {
                    found[print.hash, default: []].append(FingerprintPlace(file: index, token: print.token))
                }
            }
            return found
        }
    }

    /// How many distinct fingerprints submission `index` has, the kit's excluded.
    public func fingerprintCount(_ index: Int) -> Int {
        places[index].count
    }

    /// The pairs at or above the threshold, highest score first.
    ///
    /// Steps: 1. index: hash -> submissions holding it; 2. count, for each
    /// hash, one more shared fingerprint for every pair of its holders
    /// that is not two earlier submissions; 3. score the pairs, keep those
    /// above the threshold, find their passages; 4. sort.
    public func pairs() -> [SimilarPair] {
        // 1.
        var holders: [UInt64: [Int]] = [:]
        for (index, found) in places.enumerated() {
            for hash in found.keys { holders[hash, default: []].append(index) }
        }
        // 2. A flat table: a few bytes per pair even for a large class.
        let total = submissions.count
        var counts = [Int32](repeating: 0, count: total * total)
        for list in holders.values where list.count > 1 {
            for (offset, a) in list.enumerated() {
                for b in list[(offset + 1)...] where !(submissions[a].isEarlier && submissions[b].isEarlier) {
                    counts[a * total + b] += 1
                }
            }
        }
        // 3.
        var found: [SimilarPair] = []
        for (key, count) in counts.enumerated() where Int(count) >= options.minimumShared {
            let (a, b) = (key / total, key % total)
            let shared = Int(count)
            let score = Double(shared) / Double(min(fingerprintCount(a), fingerprintCount(b)))
            guard score >= options.threshold else { continue }
            let (first, second) = submissions[a].isEarlier ? (b, a) : (a, b)
            let passages = SharedPassage.find(submissions[first], places[first], submissions[second], places[second],
                                              k: options.winnowing.k, gap: options.winnowing.k)
            found.append(SimilarPair(first: first, second: second, score: score, shared: shared,
                                     fractions: (Double(shared) / Double(fingerprintCount(first)),
                                                 Double(shared) / Double(fingerprintCount(second))),
                                     passages: passages))
        }
        // 4.
        return found.sorted { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.shared != rhs.shared { return lhs.shared > rhs.shared }
            return (lhs.first, lhs.second) < (rhs.first, rhs.second)
        }
    }
}

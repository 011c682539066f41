// grader/GraderKit/Similarity/Winnowing.swift -- k-gram fingerprints, winnowed.
//
// The method is MOSS's (Schleimer, Wilkerson and Aiken, "Winnowing:
// local algorithms for document fingerprinting", 2003), on tokens rather
// than characters:
//   1. every run of k consecutive normalised tokens (a k-gram) gets a
//      64-bit hash, computed rolling;
//   2. in every window of w consecutive k-gram hashes the smallest one
//      (the rightmost on a tie) is kept as a fingerprint.
// Two guarantees follow: a passage shared by two files that is at least
// w + k - 1 tokens long shares at least one fingerprint, and one shorter
// than k tokens shares none (it is noise: `return x }`). Fingerprints do
// not depend on where a passage is in its file, so reordering functions
// moves fingerprints but keeps them.

/// One kept k-gram: its hash and the index of its first token.
public struct Fingerprint: Sendable, Hashable {
    /// The k-gram's hash.
    public var hash: UInt64
    /// The index, in the file's tokens, of the k-gram's first token.
    public var token: Int
}

/// The parameters of the fingerprinting.
public struct Winnowing: Sendable, Equatable {
    /// Tokens per k-gram: shorter shared runs are never seen.
    public var k: Int
    /// k-grams per window: shared runs of `k + window - 1` tokens or more
    /// are always seen.
    public var window: Int

    /// The defaults: 18-token k-grams (a statement or two of Swift, where
    /// every bracket and dot is a token), windows of 6, so any shared run
    /// of 23 tokens or more is seen. Tuned on the tests' fixtures: two
    /// independent stacks score at most 0.06 from k = 12 to 25, while a
    /// copy whose every member was moved keeps 0.72 to 0.80 up to k = 20
    /// and falls to 0.66 at k = 25 (the k-grams across moved boundaries
    /// are lost, and members are short).
    public static let standard = Winnowing(k: 18, window: 6)

    /// Parameters `k` and `window` (both at least 1).
    public init(k: Int, window: Int) {
        self.k = max(1, k)
        self.window = max(1, window)
    }

    /// The fingerprints of `tokens`, in token order: the minimum of each
    /// window of k-gram hashes, once per position (the rightmost on a tie).
    public func fingerprints(of tokens: [SourceToken]) -> [Fingerprint] {
        let grams = kGrams(of: tokens)
        guard !grams.isEmpty else { return [] }
        var kept: [Fingerprint] = []
        var last = -1
        let span = min(window, grams.count)
        for start in 0 ... grams.count - span {
            var best = start
            for position in start ..< start + span where grams[position] <= grams[best] { best = position }
            if best != last {
                kept.append(Fingerprint(hash: grams[best], token: best))
                last = best
            }
        }
        return kept
    }

    /// The hash of every k-gram of `tokens` (the k-gram starting at token
    /// i is element i). The kit's code is subtracted with all of them, not
    /// only its winnowed ones: a window in a student's file that mixes kit
    /// code and the student's may keep a kit k-gram the kit's own
    /// windows passed over.
    ///
    /// Steps: 1. hash every token's kind; 2. roll the hash along:
    /// h = sum of kinds[i + j] * base^(k - 1 - j), modulo 2^64, then mixed.
    public func kGrams(of tokens: [SourceToken]) -> [UInt64] {
        guard tokens.count >= k else { return [] }
        // 1.
        let kinds = tokens.map { Self.hash($0.kind) }
        // 2.
        let base: UInt64 = 1_099_511_628_211
        var power: UInt64 = 1
        for _ in 1 ..< k { power = power &* base }
        var grams: [UInt64] = []
        grams.reserveCapacity(kinds.count - k + 1)
        var rolling: UInt64 = 0
        for (index, kind) in kinds.enumerated() {
            if index >= k { rolling = rolling &- kinds[index - k] &* power }
            rolling = rolling &* base &+ kind
            if index >= k - 1 { grams.append(Self.mix(rolling)) }
        }
        return grams
    }

    /// FNV-1a over the UTF-8 of `text`.
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return value
    }

    /// Spreads the bits of a rolling hash (splitmix64's finaliser), so the
    /// window minimum is not biased towards some token kinds.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

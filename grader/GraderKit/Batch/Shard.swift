// grader/GraderKit/Batch/Shard.swift -- one slice of a batch, for grading on several machines.
//
// `--shard i/n` grades every n-th submission starting at the i-th, in the
// stable order of student names. Every machine computes the same order
// from the same arguments, so the n shards are disjoint and together cover
// the batch; `grader merge` then joins their JSON reports. Dealing the
// submissions round-robin (rather than in n blocks) spreads the slow ones.

/// The slice `index` of `count` (1-based, as written on the command line).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// Which slice, from 1 to `count`.
    public let index: Int
    /// How many slices.
    public let count: Int

    /// The whole batch.
    public static let all = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Parses "i/n" with 1 <= i <= n; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, (1 ... count).contains(index) else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    /// "i/n".
    public var description: String { "\(index)/\(count)" }

    /// The submissions of this slice, from the batch sorted by name.
    public func select(_ sources: [SubmissionSource]) -> [SubmissionSource] {
        sources.sorted().enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

// grader/Runner/BoundedJobs.swift -- run work a few at a time, results in order.
//
// Grading a batch, booting a test many times, verifying six skeletons:
// each is a list of independent jobs, each job busy on one core (a
// compiler, or a qemu that emulates one CPU). At most `jobs` are in
// flight: the task group starts that many and starts the next each time
// one ends. The results come back in the items' order whatever the order
// of completion, so reports do not depend on which job was faster.

/// A list of independent jobs run with bounded parallelism.
public struct BoundedJobs: Sendable {
    /// Jobs in flight at once (at least 1).
    public let jobs: Int

    /// At most `jobs` at a time.
    public init(jobs: Int) {
        self.jobs = max(1, jobs)
    }

    /// `body` applied to every item, the results in the items' order.
    /// `completed` hears each result as its job ends, with the number of
    /// jobs done so far.
    ///
    /// Steps: 1. start the first `jobs` jobs; 2. each time one ends,
    /// record its result, tell `completed`, and start the next.
    public func map<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        completed: (_ done: Int, _ result: Result) -> Void = { _, _ in },
        _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                group.addTask { (index, await body(items[index])) }
            }
            // 1.
            while next < min(jobs, items.count) { start() }
            // 2.
            var done = 0
            while let (index, result) = await group.next() {
                results[index] = result
                done += 1
                completed(done, result)
                if next < items.count { start() }
            }
        }
        return results.compactMap { $0 }   // every slot is filled by then
    }
}

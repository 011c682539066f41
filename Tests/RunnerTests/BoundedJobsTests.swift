// Tests/RunnerTests/BoundedJobsTests.swift -- jobs a few at a time, results in order.

import Synchronization
import Testing
@testable import GraderRunner

@Suite struct BoundedJobsTests {
    /// Jobs that end in the reverse of their order still give their
    /// results in the items' order, and no more than `jobs` run at once.
    @Test(arguments: [1, 2, 3])
    func resultsKeepTheItemsOrderAndAtMostJobsRun(jobs: Int) async {
        let running = Mutex((now: 0, most: 0))
        let items = Array(0 ..< 8)
        var heard: [Int] = []
        let results = await BoundedJobs(jobs: jobs).map(items, completed: { done, _ in heard.append(done) }) { item in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            try? await Task.sleep(for: .milliseconds(5 * (8 - item)))   // later items end sooner
            running.withLock { $0.now -= 1 }
            return item * 10
        }
        #expect(results == items.map { $0 * 10 })
        #expect(heard == Array(1 ... 8))
        let most = running.withLock { $0.most }
        #expect(most <= jobs, "\(most) jobs ran at once")
        // Negative control of the bound: with more than one job allowed,
        // more than one did run.
        #expect(jobs == 1 || most > 1)
    }

    /// Nothing to do: no job starts, and zero jobs means one.
    @Test func noItemsAndZeroJobs() async {
        #expect(await BoundedJobs(jobs: 3).map([Int]()) { $0 }.isEmpty)
        #expect(BoundedJobs(jobs: 0).jobs == 1)
    }
}

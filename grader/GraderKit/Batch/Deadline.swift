// grader/GraderKit/Batch/Deadline.swift -- runs an async step with a time limit.
//
// qemu runs have their own limits (the runner's watchdog); the build does
// not, and a submission can make the compiler run for ever (a type-checker
// explosion). The step races a timer; when the timer wins, the step's task
// is cancelled, which makes swift-subprocess kill the process it runs.

/// Time limits for async steps.
public enum Deadline {
    /// The result of `body`, or nil when it did not finish within `seconds`.
    public static func run<T: Sendable>(seconds: Double,
                                        _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(min(max(seconds, 0), 86_400) * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}

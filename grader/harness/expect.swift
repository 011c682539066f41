// grader/harness/expect.swift -- the vocabulary of kernel tests.
//
// A kernel test is `func test_<name>() throws(TestFailure)`. It fails by
// throwing; these helpers turn a condition, or a kernel call's error, into
// a failure with a message that tells the student what went wrong.

import Kernel
import Machine

/// A failed expectation in a kernel test.
public struct TestFailure: Error {
    /// What was expected and what happened instead.
    public let message: String

    /// A failure with this message.
    public init(_ message: String) {
        self.message = message
    }
}

// excerpt: expect
/// Fails the test with `message` unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(TestFailure) {
    if !condition {
        throw TestFailure(message())
    }
}
// end excerpt

/// Fails the test unless `actual == expected`, showing both. (Embedded
/// Swift cannot print an arbitrary value, hence the description.)
public func expectEqual<T: Equatable & CustomStringConvertible>(
    _ actual: T, _ expected: T, _ what: @autoclosure () -> String
) throws(TestFailure) {
    if actual != expected {
        throw TestFailure("\(what()): expected \(expected.description), got \(actual.description)")
    }
}

// excerpt: expect-success
/// Runs a kernel operation that must succeed and returns its result;
/// a kernel error fails the test and names the operation.
public func expectSuccess<T>(
    _ what: @autoclosure () -> String, _ body: () throws(KernelError) -> T
) throws(TestFailure) -> T {
    do throws(KernelError) {
        return try body()
    } catch {
        throw TestFailure("\(what()) failed: \(error.description)")
    }
}
// end excerpt

/// Runs a kernel operation that must fail with `expected`.
public func expectError<T>(
    _ expected: KernelError, _ what: @autoclosure () -> String,
    _ body: () throws(KernelError) -> T
) throws(TestFailure) {
    do throws(KernelError) {
        _ = try body()
    } catch {
        if error != expected {
            throw TestFailure("\(what()): expected error '\(expected.description)', got '\(error.description)'")
        }
        return
    }
    throw TestFailure("\(what()): expected error '\(expected.description)', but it succeeded")
}

// excerpt: check
/// Runs one named part of a test, reported on its own line for partial
/// credit (see `Harness.check`). Use plain names: letters, digits, `_`.
public func check(_ name: StaticString, _ body: () throws(TestFailure) -> Void) {
    Harness.check(name, body)
}
// end excerpt

/// Fails the test if `body` leaves heap memory behind: the kernel heap's
/// live blocks and bytes are read just before `body` and again just after
/// it, and must be equal. The rule of assignment 1 (its subject.md): start
/// `body` just before reserving the set it measures, and end it once that
/// set is released; while the set is alive its structure may keep spare
/// capacity, but everything must be back once it is released. On the
/// host machine the counters are always 0, so the check always passes.
///
/// Steps: 1. read the counters; 2. run the body; 3. read them again
/// before anything prints (printing allocates); 4. compare.
public func expectNoLeak(
    _ what: @autoclosure () -> String, _ body: () throws(TestFailure) -> Void
) throws(TestFailure) {
    // 1.
    let blocks = Machine.heapLiveBlocks()
    let bytes = Machine.heapLiveBytes()
    // 2.
    try body()
    // 3.
    let blocksAfter = Machine.heapLiveBlocks()
    let bytesAfter = Machine.heapLiveBytes()
    // 4.
    if blocksAfter != blocks || bytesAfter != bytes {
        throw TestFailure("\(what()): the heap held \(blocks) blocks (\(bytes) bytes) before and "
                          + "\(blocksAfter) blocks (\(bytesAfter) bytes) after: memory was not given back")
    }
}

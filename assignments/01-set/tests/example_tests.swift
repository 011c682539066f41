// assignments/01-set/tests/example_tests.swift -- a model for your own tests.
//
// docs/book/00-workflow.md (0.5) quotes this file to show how a test of
// your own is written. It has no script (.yaml) in this folder, so the
// grader never scores it: it is a self-check. Run it alone with
//
//     make qemu ASSIGNMENT=01-set TEST=example_pipe_order
//
// Copy it, rename the function, and test what the public tests do not.

import Kernel
import Machine

// excerpt: example-test
/// A pipe gives its objects back oldest first, and a pipe that is
/// filled, emptied and released leaves the heap as it found it.
func test_example_pipe_order() throws(TestFailure) {
    // 1. start the kernel; one round first, so that what the kernel keeps
    //    for good (statistics rows, the container's room) is in place
    //    before the heap is counted
    try startKernel()
    try fillAndEmptyPipe([1, 2, 3])
    let blocks = Machine.heapLiveBlocks()
    // 2. the order, as a check of its own (partial credit, its own line)
    check("order") { () throws(TestFailure) in
        try fillAndEmptyPipe([30, 10, 20])
    }
    // 3. the heap counters, read before anything prints
    let blocksAfter = Machine.heapLiveBlocks()
    check("no_leak") { () throws(TestFailure) in
        try expectEqual(blocksAfter, blocks, "live heap blocks after releasing the pipe")
    }
}

/// Pushes `identifiers` into a new pipe, pops them back in the same
/// order, and releases the pipe.
func fillAndEmptyPipe(_ identifiers: [Identifier]) throws(TestFailure) {
    let pipe = try expectSuccess("reserve a pipe") { () throws(KernelError) in
        try SetManager.reserve(Pipe<Thing>.self)
    }
    for identifier in identifiers {
        try expectSuccess("push \(identifier)") { () throws(KernelError) in
            try pipe.push(Thing(identifier: identifier))
        }
    }
    for identifier in identifiers {
        let oldest = try expectSuccess("pop") { () throws(KernelError) in try pipe.pop() }
        try expect(oldest.identifier == identifier, "pop gave \(oldest.identifier), expected \(identifier)")
    }
    try expectSuccess("release the pipe") { () throws(KernelError) in try SetManager.release(pipe) }
}
// end excerpt

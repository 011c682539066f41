// assignments/00-spine/tests/boot_tests.swift -- the kernel starts and talks.

import Kernel
import Machine

/// The kernel boots, prints, and the harness reports a pass.
func test_boot_hello() throws(TestFailure) {
    print("hello from the kernel")
}

/// A test that fails on purpose, so the runner's FAIL path is exercised.
func test_fail_on_purpose() throws(TestFailure) {
    try expect(1 + 1 == 3, "one plus one is not three")
}

/// Two checks, one failing: the harness reports both and fails the test.
func test_checks_partial() throws(TestFailure) {
    check("passes") { () throws(TestFailure) in
        try expect(true, "never shown")
    }
    check("fails") { () throws(TestFailure) in
        try expect(false, "this check fails on purpose")
    }
}

/// The boot banner and the memory map print; the machine layer came up.
func test_boot_banner() throws(TestFailure) {
    print(Boot.banner())
    Boot.showMemoryMap()
    try expect(Heap.pageCount > 0, "the heap has no pages")
    try expect(Pit.rate > 0, "the timer was not programmed")
}

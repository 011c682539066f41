// assignments/00-spine/tests/boot_tests.swift -- the kernel starts and talks.

/// The kernel boots, prints, and the harness reports a pass.
func test_boot_hello() throws(TestFailure) {
    print("hello from the kernel")
}

/// A test that fails on purpose, so the runner's FAIL path is exercised.
func test_fail_on_purpose() throws(TestFailure) {
    try expect(1 + 1 == 3, "one plus one is not three")
}

# mk/test.mk -- the kit's tests.
#
#   make test          every kernel image, then every swift test suite
#                      (host unit tests and the in-qemu kernel tests)
#   make test-host     the swift test suites that do not boot qemu
#   make test-kernel   only the in-qemu suite: builds the 00-spine image
#                      and boots its tests (see docs/grader/runner.md)
#
# SWIFT_SCRATCH picks SwiftPM's build folder, so that several people
# working in one tree can keep theirs apart (SWIFT_SCRATCH=.build-mine).

SWIFT_SCRATCH ?= .build
SWIFT_TEST    := swift test --scratch-path $(SWIFT_SCRATCH)

# The in-qemu tests all live under this suite (Tests/RunnerTests/SpineImage.swift).
KERNEL_SUITE := KernelImageTests

.PHONY: test test-host test-kernel

# Every image first: a kernel that does not compile fails here, with the
# compiler's own message, before any host test runs. Then the skeletons:
# up to date with the reference (check-skeletons), and each one building,
# booting, passing the earlier assignments and failing its own cleanly
# (verify-skeletons, see mk/student.mk).
test: all check-skeletons
	$(SWIFT_TEST)
	$(MAKE) verify-skeletons

test-host:
	$(SWIFT_TEST) --skip $(KERNEL_SUITE)

test-kernel:
	$(SWIFT_TEST) --filter $(KERNEL_SUITE)

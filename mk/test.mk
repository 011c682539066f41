# mk/test.mk -- the kit's tests.
#
#   make test          every kernel image, then every swift test suite
#                      (host unit tests and the in-qemu kernel tests)
#   make test-host     the swift test suites that do not boot qemu
#   make test-kernel   only the in-qemu suite: builds the 00-spine image
#                      and boots its tests (see docs/grader/runner.md)
#
# Only in the teacher's tree (where reference/ exists): in a student kit
# these targets say that the kit's tests are `make assignment-N`.
#
# SWIFT_SCRATCH picks SwiftPM's build folder, so that several people
# working in one tree can keep theirs apart (SWIFT_SCRATCH=.build-mine).

SWIFT_SCRATCH ?= .build
SWIFT_TEST    := swift test --scratch-path $(SWIFT_SCRATCH)

# The in-qemu tests all live under this suite (Tests/RunnerTests/SpineImage.swift).
KERNEL_SUITE := KernelImageTests

.PHONY: test test-host test-kernel

# The suites below test the reference and live in the teacher's tree
# (Tests/, reference/); a student kit has neither: its tests are the
# assignments' own, run by `make assignment-N` (mk/student.mk).
ifneq ($(wildcard reference),)

# Every image first: a kernel that does not compile fails here, with the
# compiler's own message, before any host test runs. Then the skeletons:
# the committed cut manifests (skeleton/) up to date with the reference
# (check-skeletons), and each tree, generated into build/skeletons/,
# building, booting, passing the earlier assignments and failing its own
# cleanly (verify-skeletons, see mk/student.mk).
# The images build $(JOBS) at a time (mk/grader.mk): each is one compiler
# on one core, and the core's objects are shared, so make must order them.
# The skeletons are checked against earlier assignments where the most
# code is cut (--earlier nearest, see grader/stripper-cli/SkeletonVerifier.swift),
# which keeps CI within its time; `make verify-skeletons` alone, before a
# release, checks the whole matrix.
test:
	$(MAKE) -j$(JOBS) all
	$(MAKE) check-skeletons
	$(SWIFT_TEST)
	$(MAKE) verify-skeletons VERIFY_EARLIER=nearest

test-host:
	$(SWIFT_TEST) --skip $(KERNEL_SUITE)

test-kernel:
	$(SWIFT_TEST) --filter $(KERNEL_SUITE)

else

test test-host test-kernel:
	@echo "error: '$@' runs the teacher's test suites, which a student kit does not have."; \
	echo "       Your tests are the assignment's: make assignment-N (N = 1..6, e.g. make assignment-1)."; exit 1

endif

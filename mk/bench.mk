# mk/bench.mk -- benchmarks: figures printed, nothing asserted.
#
#   make bench         every benchmark
#   make bench-boot    the spine: clean build time of the 00-spine image
#                      and boot-to-verdict time of boot_hello (BENCH_RUNS boots)
#   make bench-similarity
#                      `grader similarity` on BENCH_SUBMISSIONS generated
#                      disguised copies of 01-set's owned files: seconds
#
# Other fragments add their benchmarks to `bench` with their own
# double-colon rule (`bench:: bench-mine`). Only in the teacher's tree:
# in a student kit `make bench` says so and stops.

SWIFT_SCRATCH ?= .build
BENCH_RUNS    ?= 15
BENCH_SUBMISSIONS ?= 100

.PHONY: bench bench-boot bench-similarity

# The benchmarks measure the reference (reference/, Tests/SetBench), which
# only the teacher's tree has. In a student kit `make bench` stops here,
# before the other fragments' benchmarks run (double-colon rules run in
# the order the fragments are included, bench.mk first).
ifneq ($(wildcard reference),)

bench:: bench-boot bench-similarity

# Release build of the grader: the figures are the runner's, not a debug
# build's overhead.
bench-boot:
	swift build -c release --scratch-path $(SWIFT_SCRATCH) --product grader
	$(SWIFT_SCRATCH)/release/grader bench --kit . --assignment 00-spine --test boot_hello --runs $(BENCH_RUNS)

# The class is copies of reference/set, so every pair is flagged: the
# worst case (every pair's passages found, the page at its limit).
bench-similarity:
	swift build -c release --scratch-path $(SWIFT_SCRATCH) --product grader
	$(SWIFT_SCRATCH)/release/grader similarity-bench --kit . --assignment 01-set --count $(BENCH_SUBMISSIONS)

else

bench:: bench-boot

bench-boot bench-similarity:
	@echo "error: 'make $(MAKECMDGOALS)' benchmarks the reference kernel, which a student kit does not have."; \
	echo "       To build and test your kernel: make assignment-N (N = 1..6, e.g. make assignment-1)."; exit 1

endif

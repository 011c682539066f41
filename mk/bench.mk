# mk/bench.mk -- benchmarks: figures printed, nothing asserted.
#
#   make bench         every benchmark
#   make bench-boot    the spine: clean build time of the 00-spine image
#                      and boot-to-verdict time of boot_hello (BENCH_RUNS boots)
#
# Other fragments add their benchmarks to `bench` with their own
# double-colon rule (`bench:: bench-mine`).

SWIFT_SCRATCH ?= .build
BENCH_RUNS    ?= 15

.PHONY: bench bench-boot

bench:: bench-boot

# Release build of the grader: the figures are the runner's, not a debug
# build's overhead.
bench-boot:
	swift build -c release --scratch-path $(SWIFT_SCRATCH) --product grader
	$(SWIFT_SCRATCH)/release/grader bench --kit . --assignment 00-spine --test boot_hello --runs $(BENCH_RUNS)

# mk/sets.mk -- the set manager's jobs (assignment 01-set).
#
#   make bench-sets      the set benchmark twice: on the host (nanoseconds,
#                        release build) and inside the kernel under qemu
#                        (cycles); figures only, nothing is asserted
#   make test-sets       the host tests of the set, identifier and
#                        statistics managers (unit and property tests)
#
# Both benchmarks print, per implementation and size n, the cost of add,
# get and remove per call and of a whole walk: docs/book/02-set.md reads
# the table.

SETS_SCRATCH ?= .build-sets
SETS_BUILD   ?= build-sets/release
SETS_QEMU    ?= qemu-system-i386

.PHONY: bench-sets bench-sets-host bench-sets-kernel test-sets

bench:: bench-sets

bench-sets: bench-sets-host bench-sets-kernel

# Cross-module optimisation lets the compiler specialise the generic set
# code for the benchmark's types, as the kernel's whole-module build does;
# without it the host figures measure generic dispatch, not the sets.
bench-sets-host:
	swift run -c release --scratch-path $(SETS_SCRATCH) -Xswiftc -cross-module-optimization set-bench

# The kernel benchmark is a kernel test that prints its table; it lives in
# assignments/01-set/bench/, which only BENCH=1 images hold.
bench-sets-kernel:
	$(MAKE) --no-print-directory image ASSIGNMENT=01-set BUILD=$(SETS_BUILD) BENCH=1
	timeout 300 $(SETS_QEMU) -kernel $(SETS_BUILD)/01-set.elf \
	    -append "test=set_bench nonce=0000000000000000" -display none \
	    -serial stdio -no-reboot -nodefaults -m 32 \
	    -device isa-debug-exit,iobase=0xf4,iosize=0x04 | grep -E '^bench|KTEST (PASS|FAIL)'; true

test-sets:
	swift test --scratch-path $(SETS_SCRATCH) --filter KernelCoreTests

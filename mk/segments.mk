# mk/segments.mk -- the segment manager's jobs (assignment 02-segment).
#
#   make bench-segments  the segment benchmark twice: on the host
#                        (nanoseconds, release build) and inside the
#                        kernel under qemu (cycles); figures only,
#                        nothing is asserted
#
# Both print the cost of one reserve+release of a page with 100, 1,000
# and 10,000 live segments, packed side by side and with a free page
# after each, and the ratio of the 10,000 row to the 100 row
# (docs/book/03-segment.md reads the table).

SEGMENTS_SCRATCH ?= .build-sets
SEGMENTS_BUILD   ?= build-segments/release
SEGMENTS_QEMU    ?= qemu-system-i386

.PHONY: bench-segments bench-segments-host bench-segments-kernel

bench:: bench-segments

bench-segments: bench-segments-host bench-segments-kernel

# The same release build as set-bench (mk/sets.mk), with cross-module
# optimisation, so the two share their scratch folder.
bench-segments-host:
	swift run -c release --scratch-path $(SEGMENTS_SCRATCH) -Xswiftc -cross-module-optimization segment-bench

# The kernel benchmark is a kernel test that prints its table; it lives
# in assignments/02-segment/bench/, which only BENCH=1 images hold. 10,000
# live segments with a hole after each take 80 MiB: qemu gets 128.
bench-segments-kernel:
	$(MAKE) --no-print-directory image ASSIGNMENT=02-segment BUILD=$(SEGMENTS_BUILD) BENCH=1
	timeout 600 $(SEGMENTS_QEMU) -kernel $(SEGMENTS_BUILD)/02-segment.elf \
	    -append "test=segment_bench nonce=0000000000000000" -display none \
	    -serial stdio -no-reboot -nodefaults -m 128 \
	    -device isa-debug-exit,iobase=0xf4,iosize=0x04 | grep -E '^bench|KTEST (PASS|FAIL)'; true

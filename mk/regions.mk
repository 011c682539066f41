# mk/regions.mk -- the region manager's jobs (assignment 03-region).
#
#   make bench-regions   the region benchmark inside the kernel under qemu
#                        (cycles per reserve + release at 10^2, 10^3, 10^4
#                        live regions); figures only, nothing is asserted

REGIONS_BUILD ?= build-regions/release
REGIONS_QEMU  ?= qemu-system-i386

.PHONY: bench-regions

bench:: bench-regions

# The benchmark is a kernel test that prints its table; it lives in
# assignments/03-region/bench/, which only BENCH=1 images hold.
bench-regions:
	$(MAKE) --no-print-directory image ASSIGNMENT=03-region BUILD=$(REGIONS_BUILD) BENCH=1
	timeout 600 $(REGIONS_QEMU) -kernel $(REGIONS_BUILD)/03-region.elf \
	    -append "test=region_bench nonce=0000000000000000" -display none \
	    -serial stdio -no-reboot -nodefaults -m 64 \
	    -device isa-debug-exit,iobase=0xf4,iosize=0x04 | grep -E '^bench|KTEST (PASS|FAIL)'; true

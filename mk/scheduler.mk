# mk/scheduler.mk -- the scheduler's jobs (assignment 05-scheduler).
#
#   make bench-scheduler   the scheduler benchmark inside the kernel under
#                          qemu, booted twice: under icount (figures in
#                          instructions) and without (in cycles): context
#                          switches, yield round trip, tick to elected
#                          thread, elect at 10/100/1000 runnable threads;
#                          figures only, nothing is asserted

SCHEDULER_BUILD ?= build-scheduler/release
SCHEDULER_QEMU  ?= qemu-system-i386
SCHEDULER_BOOT   = timeout 600 $(SCHEDULER_QEMU) -kernel $(SCHEDULER_BUILD)/05-scheduler.elf \
	    -append "test=scheduler_bench nonce=0000000000000000" -display none \
	    -serial stdio -no-reboot -nodefaults -m 64 \
	    -device isa-debug-exit,iobase=0xf4,iosize=0x04

.PHONY: bench-scheduler

bench:: bench-scheduler

# The benchmark is a kernel test that prints its table; it lives in
# assignments/05-scheduler/bench/, which only BENCH=1 images hold.
bench-scheduler:
	$(MAKE) --no-print-directory image ASSIGNMENT=05-scheduler BUILD=$(SCHEDULER_BUILD) BENCH=1
	@echo "== under icount (-icount shift=0,sleep=off): instructions"
	$(SCHEDULER_BOOT) -icount shift=0,sleep=off | grep -E '^bench|KTEST (PASS|FAIL)'; true
	@echo "== without icount: cycles of the host's time-stamp counter"
	$(SCHEDULER_BOOT) | grep -E '^bench|KTEST (PASS|FAIL)'; true

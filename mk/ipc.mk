# mk/ipc.mk -- the IPC jobs (assignment 06-ipc).
#
#   make bench-ipc   the IPC benchmark: programs in their own address
#                    spaces measure a null system call, a 64-byte round
#                    trip and a stream of messages at 64 B and 4 KiB,
#                    booted twice: under icount (figures in
#                    instructions) and without (in cycles); figures
#                    only, nothing is asserted

IPC_BUILD ?= build-ipc/release
IPC_QEMU  ?= qemu-system-i386
# The programs beside the image, as the grader passes them (-initrd).
IPC_MODULES = $(subst ?, ,$(subst $(space),$(comma),$(foreach f,$(sort $(wildcard $(IPC_BUILD)/06-ipc.programs/*.elf)),$(f)?$(basename $(notdir $(f))))))
IPC_BOOT   = timeout 600 $(IPC_QEMU) -kernel $(IPC_BUILD)/06-ipc.elf \
	    -append "test=ipc_bench nonce=0000000000000000" -display none \
	    -serial stdio -no-reboot -nodefaults -m 64 \
	    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -initrd "$(IPC_MODULES)"

.PHONY: bench-ipc bench-ipc-image

bench:: bench-ipc

# The image first (a prerequisite, so the programs exist when the boot
# line below is expanded).
bench-ipc-image:
	$(MAKE) --no-print-directory image ASSIGNMENT=06-ipc BUILD=$(IPC_BUILD) BENCH=1

bench-ipc: bench-ipc-image
	@echo "== under icount (-icount shift=0,sleep=off): instructions"
	$(IPC_BOOT) -icount shift=0,sleep=off | grep -E '^bench|KTEST (PASS|FAIL)'; true
	@echo "== without icount: cycles of the host's time-stamp counter"
	$(IPC_BOOT) | grep -E '^bench|KTEST (PASS|FAIL)'; true

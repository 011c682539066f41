# mk/host.mk -- kernel tests as an ordinary program of this machine (HOST=1).
#
#   make host-image ASSIGNMENT=01-set [CORE=..]   build/host/01-set.host: the assignment's
#                                  tests, the core and machine/host in one program
#   make assignment-N HOST=1       the public tests of assignment N on the host
#                                  (mk/student.mk): seconds, no qemu
#   make qemu ASSIGNMENT=01-set TEST=set_add_get HOST=1   one test on the host
#   make lldb ASSIGNMENT=01-set TEST=set_add_get [BREAK=file:line]   the same under lldb
#
# The program is the three modules of the ia32 image (the Makefile's
# header), compiled for this machine with machine/host in place of
# machine/ia32 and grader/harness/host/main.swift in place of entry.swift.
# Its arguments are the kernel command line, its output the serial port,
# its exit status qemu's (machine/host/run.swift). Test sources that
# `import IA32` (the spine's hardware tests) cannot run here and are left
# out; their scripts say `host: false` (docs/grader/scripts.md).
#
# -Onone -g by default (HOST_OPTIMIZE=-O for speed): a host run is for
# finding bugs, and lldb needs the variables. On this machine the 01-set
# tests take a few seconds in all at -Onone.

HOST_BUILD    ?= build/host
HOST_OPTIMIZE ?= -Onone -g
HOST_SWIFTC   := $(SWIFT_BIN)swiftc
LLDB          ?= $(SWIFT_BIN)lldb
# Not Embedded: the host has a Swift runtime. The same package name as
# the ia32 build: the core still cannot see the machine's package half.
# No breadcrumbs to the Clang modules' caches: gdb would warn about each
# one ("Could not find DWO CU"), as in the ia32 debug build.
HOST_FLAGS    := -parse-as-library -wmo $(HOST_OPTIMIZE) -Xfrontend -no-clang-module-breadcrumbs

HOST_MACHINE_SWIFT := $(sort $(wildcard $(MACHINE_ROOT)/shared/*.swift $(MACHINE_ROOT)/host/*.swift))
HOST_HARNESS_SWIFT := $(filter-out grader/harness/entry.swift,$(HARNESS_SWIFT)) grader/harness/host/main.swift
HOST_KERNEL_DIR     = $(HOST_BUILD)/core/$(subst /,_,$(CORE))
# An assignment's tests without the sources that import the ia32 machine
# (make reads each file itself: no shell sees a name).
HOST_TESTS_SWIFT    = $(foreach f,$(call TESTS_SWIFT,$(1)),$(if $(findstring import IA32,$(file <$(f))),,$(f)))

.PHONY: host-image lldb host-unsupported

# The spine's tests are the ia32 machine's own (its boot, heap, serial
# port, interrupts), and the execution assignments' run threads on the
# processor (rings, the TSS, the clock): they have no host program.
# (The host machine's threads are tested by swift test instead.)
HOST_UNSUPPORTED := 00-spine 04-task 05-scheduler

host-image: check-tools $(if $(filter $(ASSIGNMENT),$(HOST_UNSUPPORTED)),host-unsupported,$(HOST_BUILD)/$(ASSIGNMENT).host)

host-unsupported:
	@echo "error: $(ASSIGNMENT) tests the ia32 machine itself (boot, interrupts, rings, context switches): it has no host run; use make qemu"; exit 1

$(HOST_BUILD)/$(MACHINE_TAG)/machine.o $(HOST_BUILD)/$(MACHINE_TAG)/Machine.swiftmodule &: $(HOST_MACHINE_SWIFT)
	@mkdir -p $(HOST_BUILD)/$(MACHINE_TAG)
	$(HOST_SWIFTC) $(HOST_FLAGS) $(STRICT) -module-name Machine $(PACKAGE) \
	    -emit-module -emit-module-path $(HOST_BUILD)/$(MACHINE_TAG)/Machine.swiftmodule -c $(HOST_MACHINE_SWIFT) -o $(HOST_BUILD)/$(MACHINE_TAG)/machine.o

$(HOST_KERNEL_DIR)/sources.txt: FORCE
	$(call write-list,$@,$(CORE_SWIFT))

$(HOST_KERNEL_DIR)/kernel.o $(HOST_KERNEL_DIR)/Kernel.swiftmodule &: $(HOST_KERNEL_DIR)/sources.txt $$(CORE_SWIFT) $(HOST_BUILD)/$(MACHINE_TAG)/Machine.swiftmodule
	$(HOST_SWIFTC) $(HOST_FLAGS) $(CORE_WARNINGS) -I $(HOST_BUILD)/$(MACHINE_TAG) -module-name Kernel \
	    -emit-module -emit-module-path $(HOST_KERNEL_DIR)/Kernel.swiftmodule -c @$(HOST_KERNEL_DIR)/sources.txt -o $(HOST_KERNEL_DIR)/kernel.o

$(HOST_BUILD)/%/tests.txt: FORCE
	$(call write-list,$@,$(call HOST_TESTS_SWIFT,$*))

$(HOST_BUILD)/%/tests_table.swift: grader/scripts/test-table.awk $$(call HOST_TESTS_SWIFT,$$*) $(HOST_BUILD)/%/tests.txt
	@mkdir -p $(dir $@)
	awk -f grader/scripts/test-table.awk $(call HOST_TESTS_SWIFT,$*) > $@.tmp
	mv $@.tmp $@

$(HOST_BUILD)/%/harness.o: $(HOST_HARNESS_SWIFT) $$(call HOST_TESTS_SWIFT,$$*) $(HOST_BUILD)/%/tests_table.swift \
                           $(HOST_KERNEL_DIR)/Kernel.swiftmodule $(HOST_BUILD)/$(MACHINE_TAG)/Machine.swiftmodule
	$(HOST_SWIFTC) $(HOST_FLAGS) $(STRICT) -I $(HOST_BUILD)/$(MACHINE_TAG) -I $(HOST_KERNEL_DIR) -module-name Harness $(PACKAGE) \
	    -c $(HOST_HARNESS_SWIFT) $(call HOST_TESTS_SWIFT,$*) $(HOST_BUILD)/$*/tests_table.swift -o $@

# The program; the objects keep their DWARF for lldb. (Without the
# .debug_names index, which gdb 13 reads wrong, as in the ia32 debug image.)
$(HOST_BUILD)/%.host: $(HOST_BUILD)/$(MACHINE_TAG)/machine.o $(HOST_KERNEL_DIR)/kernel.o $(HOST_BUILD)/%/harness.o
	$(HOST_SWIFTC) $(HOST_OPTIMIZE) $(HOST_BUILD)/$(MACHINE_TAG)/machine.o $(HOST_KERNEL_DIR)/kernel.o $(HOST_BUILD)/$*/harness.o -o $@
	$(OBJCOPY) --remove-section .debug_names $@

# One test under lldb: the program with the test's command line, a
# breakpoint at BREAK (file:line) if given and one at the test's
# function, then run. A toolchain's lldb needs the Python library it was
# built with (libpython3.10 for a build made on Ubuntu 22.04); where it
# cannot start, gdb runs the program instead (BREAK still applies, and
# gdb stops by itself where the program crashes).
lldb: host-image
	@program=$(HOST_BUILD)/$(ASSIGNMENT).host; \
	if $(LLDB) --version >/dev/null 2>&1; then \
	  $(LLDB) $$program $(if $(BREAK),-o "breakpoint set --file $(word 1,$(subst :, ,$(BREAK))) --line $(word 2,$(subst :, ,$(BREAK)))") \
	    $(if $(TEST),-o "breakpoint set --name test_$(TEST)") -o "process launch -- $(QEMU_CMDLINE)"; \
	else \
	  echo "note: $(LLDB) does not start on this machine ($$($(LLDB) --version 2>&1 | head -1)); running gdb instead"; \
	  $(GDB) -q $(if $(BREAK),-ex "break $(BREAK)") -ex run --args $$program $(QEMU_CMDLINE); \
	fi

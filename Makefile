# Makefile -- builds the ia32 kernel images and runs the kit's jobs.
#
# One image per assignment: the boot code and three Embedded Swift
# modules, the ia32 machine layer, the kernel core (reference/ or a
# generated skeleton tree) and the harness with that assignment's kernel tests. The grader boots the image
# once per test and picks the test on the multiboot command line.
#
#   make                       the images of every assignment (release)
#   make MODE=debug            the same with -Onone -g (for gdb)
#   make image ASSIGNMENT=01-set CORE=build/skeletons/01-set   (after make skeletons)
#   make test                  host tests (swift test) and in-qemu tests
#   make bench                 the benchmarks (figures, no assertions)

SHELL := /bin/bash
.SECONDEXPANSION:

# --- what to build ---------------------------------------------------------
MODE       ?= release
CORE       ?= reference
ASSIGNMENT ?= 00-spine
BUILD      ?= build/$(MODE)

ASSIGNMENTS := $(patsubst assignments/%/,%,$(sort $(dir $(wildcard assignments/*/tests))))

# --- tools -----------------------------------------------------------------
SWIFT_BIN  ?= $(dir $(realpath $(shell command -v swiftc)))
SWIFTC     := $(SWIFT_BIN)swiftc
CLANG      := $(SWIFT_BIN)clang
LLD        := $(SWIFT_BIN)ld.lld
OBJCOPY    := $(SWIFT_BIN)llvm-objcopy
DEMANGLE   := $(SWIFT_BIN)swift-demangle

TARGET := i686-unknown-none-elf

# -march=i686 keeps SSE out of the image: the CPU starts with SSE disabled,
# so the first xmm instruction would fault.
SWIFTFLAGS := -target $(TARGET) -enable-experimental-feature Embedded -wmo \
              -parse-as-library -Xfrontend -disable-stack-protector \
              -Xcc -march=i686 -Xcc -ffreestanding -Xcc -mno-sse
ifeq ($(MODE),debug)
  # No breadcrumbs to the Clang modules' .pcm files: gdb would warn about
  # each missing one ("Could not find DWO CU").
  SWIFTFLAGS += -g -Xfrontend -no-clang-module-breadcrumbs
  OPTIMIZE := -Onone
else
  # The machine and the core at -O, the harness at -Osize. At -Osize
  # LLVM copies every struct with `rep movsb`, a byte a step: in the IPC
  # benchmark that was a quarter of the instructions, and -O cut a round
  # trip by a fifth (book, 7.10) for a core that builds in the same time.
  # The harness, where the tests specialise the core's generic structures,
  # is most of a 01-set build (22 of 28 s on 2 cores) and stays small; at
  # -Onone it builds in 4 s but the stress test runs 15x slower, past its
  # timeout: a student must not pay for our build.
  OPTIMIZE := -O
  HARNESS_OPTIMIZE := -Osize
endif
HARNESS_OPTIMIZE ?= $(OPTIMIZE)
ASFLAGS := -target $(TARGET) -march=i686

# The image is three modules (docs/book/01-spine.md draws them):
#   Machine  machine/shared + machine/ia32: built once per mode and reused
#   Kernel   the core (CORE): imports Machine only
#   Harness  grader/harness + the assignment's tests: imports both
# Machine and Harness share a package name, the core does not: so the
# machine's `package` half (exit, command line, the ia32 hardware) is
# invisible to the core, and the compiler says so. The core's compile
# line has no path to the ia32 C header either.
PACKAGE := -package-name kernelkit
# A warning fails the build of our own code (the machine, the harness, the
# tests, the reference and the skeleton trees verify builds), never a
# student's core (CORE=kernel: a kit, or a submission in the grader),
# where it is shown and the tests still run.
STRICT        := -warnings-as-errors
# Where `make skeletons` generates the student trees (mk/student.mk).
SKELETONS     ?= build/skeletons
CORE_WARNINGS ?= $(if $(filter reference $(SKELETONS)/%,$(CORE)),$(STRICT))
# The machine imports the C header (module IA32) internally; a client of
# Machine must still find a module of that name, and the core is given an
# empty one (machine/ia32/opaque), so ia32 functions do not exist
# on its side. (Machine's module must not carry its own search paths for
# that: -no-serialize-debugging-options.)
OPAQUE_IA32 = -I $(MACHINE_ROOT)/ia32/opaque
# The machine layer's folder: machine/, or a skeleton's cut of it
# (build/skeletons/<a>.machine: `stripper verify` builds each skeleton
# with its own machine, as its students get it).
MACHINE_ROOT ?= machine
# Where the Machine module is built. MACHINE_PREBUILT names a folder that
# already holds one (the grader's cache): then no rule rebuilds it.
MACHINE_PREBUILT ?=
# (A machine folder other than machine/ builds apart: machine-<folder>.)
MACHINE_TAG     = $(if $(filter machine,$(MACHINE_ROOT)),machine,machine-$(subst /,_,$(MACHINE_ROOT)))
MACHINE_DIR    := $(if $(MACHINE_PREBUILT),$(MACHINE_PREBUILT),$(BUILD)/$(MACHINE_TAG))
# The core's module, per core folder (reference, a skeleton, a submission).
KERNEL_DIR      = $(BUILD)/core/$(subst /,_,$(CORE))

# --- sources -----------------------------------------------------------------
MACHINE_SWIFT := $(sort $(wildcard $(MACHINE_ROOT)/shared/*.swift $(MACHINE_ROOT)/ia32/*.swift))
MACHINE_ASM   := $(sort $(wildcard $(MACHINE_ROOT)/ia32/*.S))
BOOT_ASM      := boot/multiboot.S
HEADER        := $(wildcard $(MACHINE_ROOT)/ia32/include/*.h $(MACHINE_ROOT)/ia32/include/*.modulemap $(MACHINE_ROOT)/ia32/opaque/*)
HARNESS_SWIFT := $(sort $(wildcard grader/harness/*.swift))
# Every .swift file under a folder, found by make itself: no shell ever
# sees a file name of the core (a student's names are hostile).
rwildcard      = $(foreach d,$(wildcard $(1)/*),$(call rwildcard,$(d)) $(filter %.swift,$(d)))
CORE_SWIFT     = $(sort $(call rwildcard,$(CORE)))
# An assignment's kernel tests: the public ones, and the hidden ones when
# this tree has them (a teacher's tree does, a student kit does not);
# with BENCH=1 its benchmarks too (bench/, never graded).
BENCH         ?=
TESTS_SWIFT    = $(sort $(wildcard assignments/$(1)/tests/*.swift)) $(sort $(wildcard assignments/$(1)/hidden/*.swift)) \
                 $(if $(BENCH),$(sort $(wildcard assignments/$(1)/bench/*.swift)))

BOOT_OBJS := $(patsubst %.S,$(BUILD)/obj/%.o,$(BOOT_ASM) $(MACHINE_ASM))

.PHONY: all images image machine test test-host test-kernel bench clean check-tools qemu gdb help
.DEFAULT_GOAL := all

all images: check-tools $(foreach a,$(ASSIGNMENTS),$(BUILD)/$(a).elf)

image: check-tools $(BUILD)/$(ASSIGNMENT).elf

# Tell the user what is missing from the toolchain instead of failing obscurely.
check-tools:
	@command -v swiftc >/dev/null || { echo "error: swiftc not found: install Swift 6.3 and put it on PATH"; exit 1; }
	@[ -x "$(LLD)" ] || { echo "error: $(LLD) not found: use a full Swift 6.3 toolchain (it ships ld.lld)"; exit 1; }

# Assembly: one object per file.
$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CLANG) $(ASFLAGS) -c $< -o $@

# The test table of an assignment, regenerated when its tests change,
# and when a test file comes or goes (tests.txt, rewritten only then:
# an image built with BENCH=1 and then without loses its benchmarks).
$(BUILD)/%/tests.txt: FORCE
	$(call write-list,$@,$(call TESTS_SWIFT,$*))

$(BUILD)/%/tests_table.swift: grader/scripts/test-table.awk $$(call TESTS_SWIFT,$$*) $(BUILD)/%/tests.txt
	@mkdir -p $(dir $@)
	awk -f grader/scripts/test-table.awk $(call TESTS_SWIFT,$*) > $@.tmp
	mv $@.tmp $@

# A list of files (separated by spaces), written by make itself (no shell) and
# only when it changed: its date says when a file came or went, so a
# deleted core file leaves the image. swiftc reads it as @file.
# ($(1) is a path of make's own, under BUILD.)
write-list = $(shell mkdir -p $(dir $(1)))$(if $(or $(call differs,$(file <$(1)),$(2)),$(if $(wildcard $(1)),,new)),$(file >$(1),$(strip $(2))))
differs = $(or $(filter-out $(1),$(2)),$(filter-out $(2),$(1)))

# Machine: built once per mode (or taken from MACHINE_PREBUILT).
ifeq ($(MACHINE_PREBUILT),)
$(MACHINE_DIR)/machine.o $(MACHINE_DIR)/Machine.swiftmodule &: $(MACHINE_SWIFT) $(HEADER)
	@mkdir -p $(MACHINE_DIR)
	$(SWIFTC) $(SWIFTFLAGS) $(STRICT) $(OPTIMIZE) -Xfrontend -no-serialize-debugging-options -I $(MACHINE_ROOT)/ia32/include -module-name Machine $(PACKAGE) \
	    -emit-module -emit-module-path $(MACHINE_DIR)/Machine.swiftmodule -c $(MACHINE_SWIFT) -o $(MACHINE_DIR)/machine.o
endif

machine: check-tools $(MACHINE_DIR)/machine.o

# Kernel: the core, seeing only Machine's public API.
$(KERNEL_DIR)/sources.txt: FORCE
	$(call write-list,$@,$(CORE_SWIFT))

$(KERNEL_DIR)/kernel.o $(KERNEL_DIR)/Kernel.swiftmodule &: $(KERNEL_DIR)/sources.txt $$(CORE_SWIFT) $(MACHINE_DIR)/Machine.swiftmodule
	$(SWIFTC) $(SWIFTFLAGS) $(CORE_WARNINGS) $(OPTIMIZE) -I $(MACHINE_DIR) $(OPAQUE_IA32) -module-name Kernel \
	    -emit-module -emit-module-path $(KERNEL_DIR)/Kernel.swiftmodule -c @$(KERNEL_DIR)/sources.txt -o $(KERNEL_DIR)/kernel.o

# Harness: the in-kernel half of the grader, the tests, kernel_main.
$(BUILD)/%/harness.o: $(HARNESS_SWIFT) $$(call TESTS_SWIFT,$$*) $(BUILD)/%/tests_table.swift \
                      $(KERNEL_DIR)/Kernel.swiftmodule $(MACHINE_DIR)/Machine.swiftmodule $(HEADER)
	$(SWIFTC) $(SWIFTFLAGS) $(STRICT) $(HARNESS_OPTIMIZE) -I $(MACHINE_DIR) -I $(KERNEL_DIR) -I $(MACHINE_ROOT)/ia32/include -module-name Harness $(PACKAGE) \
	    -c $(HARNESS_SWIFT) $(call TESTS_SWIFT,$*) $(BUILD)/$*/tests_table.swift -o $@

# In a debug image, the .debug_names index that swiftc and lld emit makes
# gdb 13 give up on the DWARF ("Cannot find DIE"): without it, breakpoints
# by file:line, `next` and file:line backtraces work.
$(BUILD)/%.elf: $(BOOT_OBJS) $(MACHINE_DIR)/machine.o $(KERNEL_DIR)/kernel.o $(BUILD)/%/harness.o boot/kernel.ld
	$(LLD) -m elf_i386 -T boot/kernel.ld -o $@ $(BOOT_OBJS) $(MACHINE_DIR)/machine.o $(KERNEL_DIR)/kernel.o \
	    $(BUILD)/$*/harness.o
ifeq ($(MODE),debug)
	$(OBJCOPY) --remove-section .debug_names $@
endif

# A prerequisite that is always out of date: the lists above are looked
# at on every run. It must be phony: every target is .SECONDARY (below),
# and a missing secondary target with no recipe never counts as remade,
# so the lists would never be rewritten.
.PHONY: FORCE
FORCE:

# Keep the generated table and objects between runs.
.SECONDARY:

clean:
	rm -rf build

# The jobs, one line each (the mk/ fragments document their own in detail).
help:
	@echo "make setup              install the Debian packages the kit needs"
	@echo "make grade-reference    build and grade the reference kernel on every assignment"
	@echo "make test               every test: images, skeletons, swift test, in-qemu tests"
	@echo "make                    the kernel image of every assignment (MODE=debug for -Onone -g)"
	@echo "make image ASSIGNMENT=01-set [CORE=build/skeletons/01-set]   one image"
	@echo "make assignment-N       build and grade the public tests of assignment N (1..6)"
	@echo "make assignment-N HOST=1   the same on this machine, without qemu (seconds; hardware tests skipped)"
	@echo "make qemu ASSIGNMENT=.. TEST=.. [HOST=1] [ICOUNT=1]   boot one test on this terminal (HOST=1: on this machine; ICOUNT=1: guest time in instructions)"
	@echo "make lldb ASSIGNMENT=.. TEST=.. [BREAK=file:line]   one test on this machine under lldb (gdb if lldb cannot start)"
	@echo "make gdb ASSIGNMENT=.. TEST=.. [BREAK=file:line]   the same, halted, with gdb attached"
	@echo "make skeletons | check-skeletons | verify-skeletons | student-kit N=01-set   (teachers; skeleton/ holds the cuts)"
	@echo "make grade SUBMISSIONS=dir ASSIGNMENT=01-set   grade a folder of submissions"
	@echo "make bench              every benchmark (figures printed, nothing asserted)"
	@echo "make docs-check | docs-sync   the book's links and quoted code; rewrite the quotes"

# Jobs beyond the kernel build live in mk/: tests, benchmarks, the student
# workflow. Each fragment is one idea.
include $(sort $(wildcard mk/*.mk))

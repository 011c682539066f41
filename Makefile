# Makefile -- builds the ia32 kernel images and runs the kit's jobs.
#
# One image per assignment: the boot code, the ia32 machine layer, the
# kernel core (reference/ or a skeleton) and that assignment's kernel
# tests, compiled together by Embedded Swift. The grader boots the image
# once per test and picks the test on the multiboot command line.
#
#   make                       the images of every assignment (release)
#   make MODE=debug            the same with -Onone -g (for gdb)
#   make image ASSIGNMENT=01-set CORE=skeleton/01-set
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
LIBGCC     ?= $(firstword $(wildcard /usr/lib/gcc/x86_64-linux-gnu/*/32/libgcc.a))

TARGET := i686-unknown-none-elf

# -march=i686 keeps SSE out of the image: the CPU starts with SSE disabled,
# so the first xmm instruction would fault.
SWIFTFLAGS := -target $(TARGET) -enable-experimental-feature Embedded -wmo \
              -parse-as-library -Xfrontend -disable-stack-protector \
              -Xcc -march=i686 -Xcc -ffreestanding -Xcc -mno-sse \
              -import-objc-header machine/ia32/include/ia32.h \
              -module-name Kernel -warnings-as-errors
ifeq ($(MODE),debug)
  SWIFTFLAGS += -Onone -g
else
  SWIFTFLAGS += -Osize
endif
ASFLAGS := -target $(TARGET) -march=i686

# --- sources -----------------------------------------------------------------
MACHINE_SWIFT := $(sort $(wildcard machine/ia32/*.swift))
MACHINE_ASM   := $(sort $(wildcard machine/ia32/*.S))
BOOT_ASM      := boot/multiboot.S
CORE_SWIFT     = $(sort $(shell find $(CORE) -name '*.swift'))
HEADER        := machine/ia32/include/ia32.h
# An assignment's kernel tests: the public ones, and the hidden ones when
# this tree has them (a teacher's tree does, a student kit does not).
TESTS_SWIFT    = $(sort $(wildcard assignments/$(1)/tests/*.swift assignments/$(1)/hidden/*.swift))

BOOT_OBJS := $(patsubst %.S,$(BUILD)/obj/%.o,$(BOOT_ASM) $(MACHINE_ASM))

.PHONY: all images image test test-host test-kernel bench clean check-tools qemu gdb help
.DEFAULT_GOAL := all

all images: check-tools $(foreach a,$(ASSIGNMENTS),$(BUILD)/$(a).elf)

image: check-tools $(BUILD)/$(ASSIGNMENT).elf

# Tell the user which package to install instead of failing obscurely.
check-tools:
	@command -v swiftc >/dev/null || { echo "error: swiftc not found: install Swift 6.3 and put it on PATH"; exit 1; }
	@[ -n "$(LIBGCC)" ] || { echo "error: 32-bit libgcc.a not found: apt-get install lib32gcc-12-dev"; exit 1; }

# Assembly: one object per file.
$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CLANG) $(ASFLAGS) -c $< -o $@

# The test table of an assignment, regenerated when its tests change.
$(BUILD)/%/tests_table.swift: grader/scripts/test-table.awk $$(call TESTS_SWIFT,$$*)
	@mkdir -p $(dir $@)
	awk -f grader/scripts/test-table.awk $(call TESTS_SWIFT,$*) > $@.tmp
	mv $@.tmp $@

# Swift: the machine, the core and the tests in one whole-module compile.
# The sources list is written to a file so a change of CORE rebuilds.
$(BUILD)/%/kernel.o: $(MACHINE_SWIFT) $$(CORE_SWIFT) $$(call TESTS_SWIFT,$$*) $(BUILD)/%/tests_table.swift $(HEADER) $(BUILD)/%/core.txt
	$(SWIFTC) $(SWIFTFLAGS) -c $(MACHINE_SWIFT) $(CORE_SWIFT) $(call TESTS_SWIFT,$*) $(BUILD)/$*/tests_table.swift -o $@

# Remember which core an image was built from; rewrite only on change.
$(BUILD)/%/core.txt: FORCE
	@mkdir -p $(dir $@)
	@echo "$(CORE) $(MODE)" | cmp -s - $@ || echo "$(CORE) $(MODE)" > $@

$(BUILD)/%.elf: $(BOOT_OBJS) $(BUILD)/%/kernel.o boot/kernel.ld
	$(LLD) -m elf_i386 -T boot/kernel.ld -o $@ $(BOOT_OBJS) $(BUILD)/$*/kernel.o $(LIBGCC)

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
	@echo "make image ASSIGNMENT=01-set [CORE=skeleton/01-set]   one image"
	@echo "make assignment-N       build and grade the public tests of assignment N (1..6)"
	@echo "make qemu ASSIGNMENT=.. TEST=..   boot one test on this terminal"
	@echo "make gdb ASSIGNMENT=.. TEST=..    the same, halted, with gdb attached"
	@echo "make skeletons | check-skeletons | verify-skeletons | student-kit N=01-set   (teachers)"
	@echo "make grade SUBMISSIONS=dir ASSIGNMENT=01-set   grade a folder of submissions"
	@echo "make bench              every benchmark (figures printed, nothing asserted)"

# Jobs beyond the kernel build live in mk/: tests, benchmarks, the student
# workflow. Each fragment is one idea.
include $(sort $(wildcard mk/*.mk))

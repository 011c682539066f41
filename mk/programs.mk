# mk/programs.mk -- user programs: separate ELF files the kernel loads as
# boot modules (docs/book/08-programs.md).
#
#   make programs              every program of programs/, in $(BUILD)/programs/
#
# A program is one file, programs/<name>.swift, compiled with the user
# library (programs/lib/: the system calls, the runtime Embedded Swift
# needs, `_start`) into an Embedded Swift module of its own, and linked
# at 0x40000000 by programs/program.ld. It shares no code with the
# kernel: it runs in ring 3, in its own address space, and reaches the
# kernel only through `int $48`.
#
# An assignment whose tests start programs lists them, one name per
# word, in assignments/<a>/programs.txt; its image then comes with a
# folder beside it, $(BUILD)/<a>.programs/, holding a copy of each. The
# grader passes every file of that folder to qemu as a module (-initrd),
# named after the file.

# The 64-bit helpers a 32-bit compiler calls (__udivdi3, __lshrdi3...)
# are the kernel's own: one file of machine/ia32 and the arithmetic of
# machine/shared, which name nothing of the kernel.
PROGRAM_LIB     := $(sort $(wildcard programs/lib/*.swift)) machine/ia32/wide_helpers.swift \
                   machine/shared/wide_arithmetic.swift
PROGRAM_ASM     := $(patsubst programs/lib/%.S,$(BUILD)/programs/lib/%.o,$(sort $(wildcard programs/lib/*.S)))
PROGRAM_HEADERS := $(wildcard programs/lib/include/*)
PROGRAM_NAMES   := $(basename $(notdir $(wildcard programs/*.swift)))
# The programs an assignment's image carries (none without programs.txt).
PROGRAMS_OF      = $(if $(wildcard assignments/$(1)/programs.txt),$(strip $(file <assignments/$(1)/programs.txt)))

.PHONY: programs
programs: check-tools $(foreach p,$(PROGRAM_NAMES),$(BUILD)/programs/$(p).elf)

$(BUILD)/programs/lib/%.o: programs/lib/%.S
	@mkdir -p $(dir $@)
	$(CLANG) $(ASFLAGS) -c $< -o $@

# A program's module: the program and the library, one module named after
# the program. Always -Osize and strict: programs are the kit's own code.
$(BUILD)/programs/%.o: programs/%.swift $(PROGRAM_LIB) $(PROGRAM_HEADERS)
	@mkdir -p $(dir $@)
	$(SWIFTC) $(SWIFTFLAGS) $(STRICT) -Osize -I programs/lib/include -module-name $* -package-name programs \
	    -c $< $(PROGRAM_LIB) -o $@

# The entry is `_start` (program.ld says so), wherever it lands.
$(BUILD)/programs/%.elf: $(BUILD)/programs/%.o $(PROGRAM_ASM) programs/program.ld
	$(LLD) -m elf_i386 -T programs/program.ld -o $@ $(PROGRAM_ASM) $<

# Each assignment's image depends on the copies of its programs.
define assignment-programs
$(BUILD)/$(1).programs/%.elf: $(BUILD)/programs/%.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
$(BUILD)/$(1).elf: $(foreach p,$(call PROGRAMS_OF,$(1)),$(BUILD)/$(1).programs/$(p).elf)
endef
$(foreach a,$(ASSIGNMENTS),$(eval $(call assignment-programs,$(a))))

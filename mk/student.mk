# mk/student.mk -- the student workflow, and the teacher's skeleton jobs.
#
# Student (in a kit, or in the teacher's tree):
#   make assignment-N              N = 1..6: build, then run the public tests of assignment N
#                                  (reports in build/grader-out/<NN-name>/)
#   make assignment-N HOST=1       the same on this machine, without qemu (mk/host.mk):
#                                  seconds; tests marked `host: false` are skipped
#   make qemu ASSIGNMENT=01-set TEST=set_add_get     boot one test on the serial console
#                                  (HOST=1: run it as a program of this machine)
#   make qemu ASSIGNMENT=01-set                      list the image's tests
#   make gdb  ASSIGNMENT=01-set TEST=set_add_get     the same, halted, under gdb (alias: debug)
#   make lldb ASSIGNMENT=01-set TEST=set_add_get     a host run under lldb (mk/host.mk)
#
# Teacher (only where reference/ exists), for each assignment with a rubric:
#   make skeletons                 write the cut manifests skeleton/<NN-name>.md (committed)
#                                  and the trees build/skeletons/<NN-name>/ (generated)
#   make check-skeletons           fail when a manifest in skeleton/ differs from the cut
#   make verify-skeletons          the reference passes every graded test, and every tree
#                                  builds without warnings and boots as expected
#   make student-kit N=01-set      out/student-kit-01-set/ (with a prebuilt grader) and its .tar.gz
#
# docs/book/00-workflow.md explains the student's jobs (the teacher's
# guide, in the teacher's tree only, the others).

# The assignments in course order; assignment-N is the N-th. Keep in step
# with Curriculum.course (grader/Stripper/Curriculum.swift; a test checks).
STUDENT_ASSIGNMENTS := 01-set 02-segment 03-region 04-task 05-scheduler 06-ipc

# SwiftPM's build folder (as in mk/test.mk): SWIFT_SCRATCH=.build-mine
# keeps one person's builds apart in a shared tree.
SWIFT_SCRATCH ?= .build
SWIFT_RUN    ?= swift run --scratch-path $(SWIFT_SCRATCH)
STRIPPER     ?= $(SWIFT_RUN) stripper
# The grader of assignment-N: GRADER when set; else the prebuilt one a kit
# ships (bin/grader, see student-kit below) when it runs on this machine;
# else the one built from grader/ (a few minutes, once). Looked at only
# when assignment-N runs.
GRADER_PREBUILT    := bin/grader
GRADER_FROM_SOURCE := $(SWIFT_RUN) -c release grader
GRADER_RUNS         = $(shell [ -x $(GRADER_PREBUILT) ] && $(GRADER_PREBUILT) --version >/dev/null 2>&1 && echo yes)
GRADER_NOTE         = $(if $(wildcard $(GRADER_PREBUILT)),$(info note: $(GRADER_PREBUILT) does not run on this machine: the grader is built from grader/))
GRADER             ?= $(if $(GRADER_RUNS),$(GRADER_PREBUILT),$(GRADER_NOTE)$(GRADER_FROM_SOURCE))
QEMU         ?= qemu-system-i386
GDB          ?= gdb
GDB_PORT     ?= 1234
DEBUG_BUILD  ?= build/debug
# Seconds before an interactive qemu is stopped; 0 means never.
QEMU_TIMEOUT ?= 0
TEST         ?=

# The serial port on the terminal, no display, the exit device the
# harness uses to stop qemu, and no reboot on a triple fault.
QEMU_FLAGS := -display none -serial stdio -monitor none -no-reboot \
              -device isa-debug-exit,iobase=0xf4,iosize=0x04
# The harness's command line: one test, or the list of tests. The nonce
# is fixed: nobody grades an interactive run.
# SEED= sets the seed that seeded tests draw from (0 when unset).
QEMU_CMDLINE = $(if $(TEST),test=$(TEST),list) nonce=0000000000000000$(if $(SEED), seed=$(SEED))
# A test whose script says `icount: true` runs on instruction-counted
# guest time, as the grader runs it (docs/grader/scripts.md: one
# instruction is one nanosecond, so its timings repeat exactly); ICOUNT=1
# asks for it for any test. The flags are the grader's
# (QemuCommand.instructionCountingArguments).
QEMU_ICOUNT_FLAGS := -icount shift=0,sleep=off
QEMU_SCRIPT_ICOUNT = $(if $(TEST),$(shell awk -v t='$(TEST)' 'FNR == 1 { x = 0 } /^test:/ { x = ($$2 == t) } \
    x && /^icount:[ \t]*true[ \t]*$$/ { print "yes"; exit }' \
    $(wildcard assignments/$(ASSIGNMENT)/tests/*.yaml assignments/$(ASSIGNMENT)/hidden/*.yaml) </dev/null))
QEMU_ICOUNT   = $(if $(filter-out 0,$(ICOUNT))$(QEMU_SCRIPT_ICOUNT),$(QEMU_ICOUNT_FLAGS))
QEMU_LIMIT    = $(if $(filter-out 0,$(QEMU_TIMEOUT)),timeout --foreground $(QEMU_TIMEOUT))
QEMU_LIMIT_BG = $(if $(filter-out 0,$(QEMU_TIMEOUT)),timeout $(QEMU_TIMEOUT))

.PHONY: skeletons check-skeletons verify-skeletons student-kit kit-grader debug \
        $(addprefix assignment-,1 2 3 4 5 6)

# --- student ---------------------------------------------------------------

# assignment-N: the grader on this tree's public tests, and the
# student's own tests as self-checks (never scored). The grader builds
# the image itself, from the kit's trusted files and the student's owned
# ones, exactly as the teacher's grading does; a `make image` before it
# would build a second image that nothing runs. Compiler errors and
# warnings come in the grader's report. The reports go under build/,
# where neither SwiftPM nor git looks.
$(addprefix assignment-,1 2 3 4 5 6): assignment-%:
	@a=$(word $*,$(STUDENT_ASSIGNMENTS)); \
	[ -d assignments/$$a/tests ] || { echo "error: assignment $$a has no tests in this tree (assignments/$$a/tests is missing)"; exit 1; }
	$(GRADER) grade . --assignment $(word $*,$(STUDENT_ASSIGNMENTS)) --public-only --self-checks --format terminal \
	    --out build/grader-out/$(word $*,$(STUDENT_ASSIGNMENTS))$(if $(HOST),-host --host)

# Without TEST the harness lists the image's tests and halts; the list
# goes through grader/scripts/test-list.awk, which says of each whether a
# script grades it (public or hidden), whether it is a benchmark, or
# whether it is the student's own (a self-check in assignment-N).
QEMU_LIST_FILTER = awk -f grader/scripts/test-list.awk -v assignment=$(ASSIGNMENT) \
    $(sort $(wildcard assignments/$(ASSIGNMENT)/tests/*.yaml assignments/$(ASSIGNMENT)/hidden/*.yaml \
    assignments/$(ASSIGNMENT)/bench/*.swift)) -

# Boot the image of ASSIGNMENT on the terminal and say how the run ended.
# With HOST=1, run the host program instead (mk/host.mk): the same
# command line as its arguments, the same exit statuses (guest time is
# the host's there: ICOUNT is qemu's alone).
QEMU_RUN = $(if $(HOST),$(HOST_BUILD)/$(ASSIGNMENT).host $(QEMU_CMDLINE),$(QEMU) -kernel $(BUILD)/$(ASSIGNMENT).elf -append "$(QEMU_CMDLINE)" $(QEMU_FLAGS) $(QEMU_ICOUNT) $(call QEMU_MODULES,$(BUILD)))
# The image's programs (mk/programs.mk), as the grader passes them: every
# file of the folder beside the image, "path name" items joined by commas.
QEMU_MODULE_FILES = $(sort $(wildcard $(1)/$(ASSIGNMENT).programs/*.elf))
QEMU_MODULES = $(if $(call QEMU_MODULE_FILES,$(1)),-initrd "$(subst ?, ,$(subst $(space),$(comma),$(foreach f,$(call QEMU_MODULE_FILES,$(1)),$(f)?$(basename $(notdir $(f))))))")
comma := ,
space := $(subst ,, )
qemu: $(if $(HOST),host-image,image)
	@echo "qemu: $(if $(HOST),$(HOST_BUILD)/$(ASSIGNMENT).host (on the host),$(BUILD)/$(ASSIGNMENT).elf$(if $(QEMU_ICOUNT), on instruction-counted time)) '$(QEMU_CMDLINE)' (Ctrl-C to stop)"
	@$(if $(TEST),,set -o pipefail;) $(QEMU_LIMIT) $(QEMU_RUN) \
	    $(if $(TEST),,</dev/null | $(QEMU_LIST_FILTER)); \
	status=$$?; \
	case $$status in \
	  33) echo "qemu: the test passed" ;; \
	  35) echo "qemu: the test failed" ;; \
	  37) echo "qemu: no test named '$(TEST)' in this image (make qemu ASSIGNMENT=$(ASSIGNMENT) without TEST lists them)" ;; \
	  65) echo "qemu: the kernel panicked (see the PANIC lines; make gdb to look closer)" ;; \
	  97) $(if $(TEST),echo "qemu: the kernel stopped without a verdict (it halted the machine)",true) ;; \
	  124) echo "qemu: stopped after $(QEMU_TIMEOUT) s" ;; \
	  *) echo "qemu: ended with status $$status (a triple fault resets the machine and ends with 0)" ;; \
	esac

# The debug image under gdb: qemu waits halted for gdb (-S, gdb server on
# GDB_PORT); gdb loads the image's symbols and grader/gdb/kernelkit.gdb
# (Swift names demangled; kk-test, kk-sets, kk-panic), connects, sets
# BREAK (a file:line or a function) if given, and stops at kernel_main.
# Quitting gdb stops qemu, as a normal end: gdb detaches, the recipe
# stops qemu with SIGTERM, and qemu's own report of that signal (which
# reads like an error, "terminating on signal 15 ...") is left out; one
# line says what happened instead. The serial output still comes to the
# terminal; qemu's input is /dev/null so that gdb alone reads the keyboard.
#   make gdb ASSIGNMENT=01-set TEST=set_add_get BREAK=kernel/set/list.swift:60
BREAK ?=
gdb debug:
	$(MAKE) --no-print-directory image MODE=debug BUILD=$(DEBUG_BUILD)
	@image=$(DEBUG_BUILD)/$(ASSIGNMENT).elf; \
	$(QEMU_LIMIT_BG) $(QEMU) -kernel $$image -append "$(QEMU_CMDLINE)" $(QEMU_FLAGS) $(QEMU_ICOUNT) $(call QEMU_MODULES,$(DEBUG_BUILD)) \
	    -S -gdb tcp:127.0.0.1:$(GDB_PORT) </dev/null 2> >(sed -u '/terminating on signal 15 from pid/d' >&2) & qemu=$$!; \
	trap 'kill $$qemu 2>/dev/null; wait $$qemu 2>/dev/null; echo "gdb: the session ended; qemu was stopped"' EXIT; \
	KERNELKIT_SWIFT_DEMANGLE=$(DEMANGLE) $(GDB) -q -x grader/gdb/kernelkit.gdb $$image \
	    -ex "target remote 127.0.0.1:$(GDB_PORT)" $(if $(BREAK),-ex "break $(BREAK)") \
	    -ex "break kernel_main" -ex continue $(GDB_FLAGS)

# --- teacher ---------------------------------------------------------------

ifneq ($(wildcard reference),)

# SKELETONS (the Makefile's, build/skeletons) is where the trees go.
skeletons:
	$(STRIPPER) generate --trees $(SKELETONS)

check-skeletons:
	$(STRIPPER) check

# VERIFY_EARLIER=nearest checks each assignment only on the skeleton right
# after it (make test does, see mk/test.mk); the default is the whole matrix.
VERIFY_EARLIER ?= all

verify-skeletons:
	$(STRIPPER) verify --trees $(SKELETONS) --build build/verify --strict-reference --earlier $(VERIFY_EARLIER)

# The kit's prebuilt grader: release, with the Swift runtime and Foundation
# linked in (--static-swift-stdlib), so it runs on a machine with only the
# system libraries `make setup` installs. Its own SwiftPM folder: the
# flags differ from the ordinary release build's.
KIT_GRADER_SCRATCH ?= $(SWIFT_SCRATCH)-static
KIT_GRADER         := $(KIT_GRADER_SCRATCH)/release/grader

kit-grader:
	swift build -c release --static-swift-stdlib --product grader --scratch-path $(KIT_GRADER_SCRATCH)

# A kit for N (an assignment with a rubric): the folder with the prebuilt
# grader in bin/, then a tar archive that is the same bytes for the same
# tree (sorted, no dates, no owners).
student-kit: kit-grader
	@case " $(STUDENT_ASSIGNMENTS) " in *" $(N) "*) ;; \
	  *) echo "error: unknown assignment '$(N)': make student-kit N=<one of: $(STUDENT_ASSIGNMENTS)>"; exit 1 ;; esac
	chmod -R u+w out/student-kit-$(N) 2>/dev/null || true
	rm -rf out/student-kit-$(N) out/student-kit-$(N).tar.gz
	$(STRIPPER) kit $(N) --output out/student-kit-$(N)
	mkdir -p out/student-kit-$(N)/bin
	$(OBJCOPY) --strip-all $(KIT_GRADER) out/student-kit-$(N)/bin/grader
	out/student-kit-$(N)/bin/grader --version >/dev/null
	chmod -R a-w out/student-kit-$(N)/grader/harness   # the harness is the grader's, not the student's
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C out -cf - student-kit-$(N) \
	    | gzip -n > out/student-kit-$(N).tar.gz
	@echo "student kit: out/student-kit-$(N)/ and out/student-kit-$(N).tar.gz"

else

skeletons check-skeletons verify-skeletons student-kit kit-grader:
	@echo "error: '$@' is a teacher's job: this tree has no reference/ (it is a student kit)"; exit 1

endif

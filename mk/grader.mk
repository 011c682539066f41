# mk/grader.mk -- grading batches, calibrating the host, benchmarking the grader.
#
#   make grade ASSIGNMENT=01-set SUBMISSIONS=submissions/   grade a folder of submissions
#        (also JOBS=2, GRADE_OUT=build/grader-out, GRADE_FLAGS="--public-only --format html")
#   make grade-reference  grade this tree's reference kernel on every assignment
#                        that has a rubric (reports in build/grader-out/reference/)
#   make calibrate       measure this host on the reference; `grade` then scales timeouts
#   make stability ASSIGNMENT=05-scheduler   boot every test of the reference RUNS times
#                        (20) and name those whose outcome changes (exit 1 if one does)
#   make bench-grader    time to grade the reference on every assignment with scripts,
#                        and the throughput of BENCH_COPIES copies at --jobs 1 and 2;
#                        then build, test and total seconds per 01-set submission,
#                        8 copies at --jobs 2, with the kit of BENCH_BASE (default:
#                        the previous commit) and with this tree, in the same run
#
# docs/grader/manual.md explains the commands and their options.

SWIFT_SCRATCH ?= .build
SUBMISSIONS   ?= submissions
JOBS          ?= 2
GRADE_OUT     ?= build/grader-out
GRADE_FLAGS   ?=
BENCH_COPIES  ?= 4
# The grader, built in release mode once and run from its build folder.
GRADER_BIN    := $(SWIFT_SCRATCH)/release/grader

.PHONY: grade grade-reference calibrate stability bench-grader grader-release grade-skeletons

# The assignments this tree can grade: those with a rubric.
GRADED_ASSIGNMENTS := $(patsubst assignments/%/rubric.yaml,%,$(sort $(wildcard assignments/*/rubric.yaml)))

bench:: bench-grader

grader-release:
	swift build -c release --scratch-path $(SWIFT_SCRATCH) --product grader

# The grader takes each assignment's core from its generated tree
# (build/skeletons/<a>/, docs/grader/manual.md): cut it now, with the
# stripper built in release next to the grader. A student kit has no
# stripper and no skeletons: its core is kernel/.
ifneq ($(wildcard reference),)
grade-skeletons: grader-release
	swift build -c release --scratch-path $(SWIFT_SCRATCH) --product stripper
	$(SWIFT_SCRATCH)/release/stripper generate --trees $(SKELETONS)
else
grade-skeletons:
endif

grade: grader-release grade-skeletons
	$(GRADER_BIN) grade $(SUBMISSIONS) --assignment $(ASSIGNMENT) --kit . --skeletons $(SKELETONS) --jobs $(JOBS) --out $(GRADE_OUT) $(GRADE_FLAGS)

# The main job on the reference: the reference must score full marks on
# every assignment; the status is non-zero if it does not.
grade-reference: grader-release grade-skeletons all
	@status=0; for a in $(GRADED_ASSIGNMENTS); do \
	  $(GRADER_BIN) grade . --assignment $$a --kit . --skeletons $(SKELETONS) --jobs $(JOBS) \
	    --out $(GRADE_OUT)/reference/$$a --format terminal json junit markdown html \
	    || status=1; \
	done; \
	echo "reports: $(GRADE_OUT)/reference/<assignment>/"; exit $$status

calibrate: grader-release
	$(GRADER_BIN) calibrate --kit .

RUNS ?= 20

stability: grader-release
	$(GRADER_BIN) stability --kit . --assignment $(ASSIGNMENT) --runs $(RUNS) --jobs $(JOBS)

BENCH_BASE    ?= HEAD~1

bench-grader: grader-release
	$(GRADER_BIN) calibrate --kit . --bench --copies $(BENCH_COPIES)
	bash grader/scripts/bench-grader.sh $(BENCH_BASE) 8 2

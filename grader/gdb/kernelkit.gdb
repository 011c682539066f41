# grader/gdb/kernelkit.gdb -- gdb settings and commands for the kernel.
#
# `make gdb` loads it (gdb -x grader/gdb/kernelkit.gdb); to use it by hand:
#     gdb -x grader/gdb/kernelkit.gdb build/debug/01-set.elf
# It must be run from the kit's root: the image names its sources
# relative to it (kernel/set/list.swift in a student kit).
#
# What it gives you (docs/book/00-workflow.md, 0.4):
#   bt, frame lines   Swift names demangled (swift-demangle)
#   kk-test           the kernel test the harness is running
#   kk-sets           every set of the kernel, printed on the serial console
#   kk-panic          run to the next CPU exception; show the registers it saved

set pagination off
set confirm off
set print pretty on
# Sources are named relative to the kit's root.
directory .
source grader/gdb/kernelkit.py

# grader/gdb/kernelkit.py -- gdb helpers for the kernel, loaded by kernelkit.gdb.
#
# gdb reads the kernel's DWARF (file, line, locals) but does not know
# Swift's mangling: a frame shows as `$e6Kernel10SetManagerO4dumpyyFZ`.
# The frame filter below shows it as `static Kernel.SetManager.dump() -> ()`
# by asking the toolchain's swift-demangle (found through
# KERNELKIT_SWIFT_DEMANGLE, which make sets, or on the PATH). And three
# commands for this kernel:
#
#   kk-test    the kernel test the harness is running
#   kk-sets    SetManager.dump(): every set, printed on the serial console
#   kk-panic   run to the next CPU exception and show the registers it
#              saved (what the PANIC report will print)

import functools
import os
import shutil
import subprocess

import gdb
from gdb.FrameDecorator import FrameDecorator


def demangler():
    """The swift-demangle executable, or None."""
    tool = os.environ.get("KERNELKIT_SWIFT_DEMANGLE")
    if tool and os.access(tool, os.X_OK):
        return tool
    return shutil.which("swift-demangle")


@functools.lru_cache(maxsize=4096)
def demangle(name):
    """`name` demangled (simplified), or unchanged when it is not Swift."""
    tool = demangler()
    if not tool or not name or not (name.startswith("$e") or name.startswith("$s")):
        return name
    try:
        out = subprocess.run([tool, "--simplified", "--compact", name], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return name
    text = out.stdout.strip()
    return text or name


class SwiftFrame(FrameDecorator):
    """A frame whose function name is demangled."""

    def function(self):
        name = super().function()
        if isinstance(name, str):
            return demangle(name)
        frame = self.inferior_frame()
        return demangle(frame.name()) if frame.name() else name


class SwiftFrameFilter:
    """Demangles every frame `bt` (and the stop line) shows."""

    def __init__(self):
        self.name = "swift-demangle"
        self.priority = 100
        self.enabled = True
        gdb.frame_filters[self.name] = self

    def filter(self, frames):
        return map(SwiftFrame, frames)


def mangled(kind, pattern):
    """The first mangled symbol `info functions|variables PATTERN` lists."""
    text = gdb.execute("info %s %s" % (kind, pattern), to_string=True)
    for line in text.splitlines():
        for word in line.replace(";", " ").replace("(", " ").split():
            if word.startswith("$e") and all(part in demangle(word) for part in pattern.split(".*")):
                return word
    raise gdb.GdbError("no symbol matches %s (is this a kernel image with the harness?)" % pattern)


def address_of(symbol):
    """The address of the function `symbol` (a mangled name)."""
    return int(gdb.parse_and_eval("'%s'" % symbol).address)


class KernelTestCommand(gdb.Command):
    """kk-test: the kernel test the harness is running (from Harness.runningTest)."""

    def __init__(self):
        super().__init__("kk-test", gdb.COMMAND_USER)

    def invoke(self, argument, from_tty):
        symbol = mangled("variables", "runningTest")
        address = int(gdb.parse_and_eval("*(unsigned int *)&'%s'" % symbol))
        if address == 0:
            print("no test is running yet (the harness has not started one)")
            return
        print(gdb.parse_and_eval("(const char *)%d" % address).string())


class SetsCommand(gdb.Command):
    """kk-sets: runs SetManager.dump() in the kernel; the sets appear on the serial console."""

    def __init__(self):
        super().__init__("kk-sets", gdb.COMMAND_USER)

    def invoke(self, argument, from_tty):
        # Called through a plain function pointer: gdb cannot call a
        # Swift function by its own type (dump takes no argument).
        gdb.execute("call ((void (*)(void))%d)()" % address_of(mangled("functions", "SetManager.*dump")))


# The saved registers of interrupts.S, in the order ia32_frame lists them.
FRAME_FIELDS = ["gs", "fs", "es", "ds", "edi", "esi", "ebp", "esp_at_pushal", "ebx", "edx", "ecx", "eax",
                "vector", "error", "eip", "cs", "eflags"]


class ExceptionBreakpoint(gdb.Breakpoint):
    """Stops at interrupt_dispatch only for a CPU exception (vector < 32)."""

    def stop(self):
        frame = int(gdb.parse_and_eval("*(unsigned int *)($esp + 4)"))
        vector = int(gdb.parse_and_eval("*(unsigned int *)%d" % (frame + 4 * FRAME_FIELDS.index("vector"))))
        return vector < 32


class PanicCommand(gdb.Command):
    """kk-panic: runs to the next CPU exception and prints the registers it saved."""

    def __init__(self):
        super().__init__("kk-panic", gdb.COMMAND_USER)

    def invoke(self, argument, from_tty):
        breakpoint = ExceptionBreakpoint("*interrupt_dispatch", internal=True, temporary=False)
        try:
            gdb.execute("continue")
        finally:
            breakpoint.delete()
        frame = int(gdb.parse_and_eval("*(unsigned int *)($esp + 4)"))
        values = {}
        for index, field in enumerate(FRAME_FIELDS):
            values[field] = int(gdb.parse_and_eval("*(unsigned int *)%d" % (frame + 4 * index)))
        print("exception vector %d error 0x%08x at eip 0x%08x" % (values["vector"], values["error"], values["eip"]))
        print(" ".join("%s=0x%08x" % (name, values[name]) for name in
                       ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "eflags", "cs"]))
        gdb.execute("info symbol 0x%x" % values["eip"])
        gdb.execute("info line *0x%x" % values["eip"])


SwiftFrameFilter()
KernelTestCommand()
SetsCommand()
PanicCommand()

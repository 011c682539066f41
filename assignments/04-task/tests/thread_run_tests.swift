// assignments/04-task/tests/thread_run_tests.swift -- threads that really
// run: their first instructions, yields between two of them, each ring,
// exits and waits, faults. Every thread here runs on the processor, on
// its own stack, switched in and out by the machine's context code.

import Kernel
import Machine

// MARK: one thread

/// What the first thread saw of itself.
nonisolated(unsafe) var firstRunSeen: RingRegisters?
nonisolated(unsafe) var firstRunThread: Identifier = 0
/// The running thread by the machine's account (its block), seen inside.
nonisolated(unsafe) var firstRunMachineThread: UInt64 = 0

/// The body of `thread_first_run`: notes its registers and its name,
/// then exits with 7.
let firstRunBody: ThreadBody = {
    firstRunSeen = RingRegisters.now()
    firstRunThread = ThreadManager.current
    firstRunMachineThread = Context.runningThread
    exitThread(7)
}

/// One thread of a core task starts, runs its body on its own stack in
/// ring 0 with interrupts on, and exits with its value.
func test_thread_first_run() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, firstRunBody)
    let stack = try expectSuccess("get the thread") { () throws(KernelError) in try ThreadManager.get(thread) }
    let finished = try runThreads { firstRunSeen != nil && ThreadManager.current == 0 }
    check("runs") { () throws(TestFailure) in
        try expect(finished, "the thread never ran (or never gave the processor back) within 2 s")
        try expectEqual(firstRunThread, thread, "ThreadManager.current inside the thread")
        try expectEqual(firstRunMachineThread, thread,
                        "the machine's running thread inside the thread (Context.runningThread, from its block)")
    }
    check("own_stack") { () throws(TestFailure) in
        guard let seen = firstRunSeen else {
            throw TestFailure("the thread did not run")
        }
        let pointer = UInt64(seen.stackPointer)
        try expect(pointer >= stack.stackBase && pointer < stack.stackTop,
                   "its stack pointer 0x\(hexadecimal(pointer)) is outside its stack"
                   + " [0x\(hexadecimal(stack.stackBase)), 0x\(hexadecimal(stack.stackTop)))")
        try expectEqual(seen.codeSelector & 3, 0, "the ring of a core task's thread")
        try expect(seen.flags & 0x200 != 0, "interrupts are off in the new thread (EFLAGS 0x\(hexadecimal(UInt64(seen.flags))))")
    }
    check("exit_value") { () throws(TestFailure) in
        try expectState(thread, .zombie, "the state of the thread after its exit")
        let answer = try expectSuccess("the thread's exit value") { () throws(KernelError) in
            try ThreadManager.get(thread).lifecycle.exitValue
        }
        try expectEqual(answer, 7, "the exit value")
    }
}

// MARK: two threads, by turns

/// The turns taken, in order ("A" or "B"), and how far each got.
nonisolated(unsafe) var turns: [UInt8] = []

/// Takes five turns, yielding after each, then exits.
func takeTurns(_ tag: UInt8) {
    for _ in 0..<5 {
        turns.append(tag)
        do throws(KernelError) {
            try Scheduler.yield()
        } catch {
            print("yield failed: \(error.description)")
        }
    }
    exitThread(0)
}

let turnsA: ThreadBody = { takeTurns(65) }
let turnsB: ThreadBody = { takeTurns(66) }

/// Two threads of one task take turns by yielding: A B A B ... exactly.
func test_thread_yield_alternate() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let first = try swiftThread(task, turnsA)
    let second = try swiftThread(task, turnsB)
    let switchesBefore = Context.switches
    let finished = try runThreads { turns.count == 10 && ThreadManager.current == 0 }
    check("alternate") { () throws(TestFailure) in
        try expect(finished, "the threads took \(turns.count) turns of 10 within 2 s")
        let switched = Context.switches - switchesBefore
        try expect(switched >= 10, "the machine counted \(switched) switches for 10 turns (Context.switches)")
        var text = ""
        for tag in turns { text.append(Character(Unicode.Scalar(tag))) }
        try expect(text == "ABABABABAB", "the turns were \(text), expected ABABABABAB")
    }
    check("both_dead") { () throws(TestFailure) in
        try expectState(first, .zombie, "the first thread's state")
        try expectState(second, .zombie, "the second thread's state")
    }
}

// MARK: the four rings

/// A thread of each class runs in its ring, on its stack, with
/// interrupts on and its ring's selectors, and writes what it saw; its
/// creator reads it. The probe then executes an invalid instruction:
/// the kernel kills the thread and goes on.
func test_thread_rings() throws(TestFailure) {
    try executionStart()
    var probes: [ProbeThread] = []
    for ring: UInt8 in 0...3 {
        let task = try startedTask(TaskClass(rawValue: ring))
        probes.append(try ProbeThread.make(task, code: RingProbe.reportingCode()))
    }
    var written = false
    let finished = try runThreads {
        written = true
        for probe in probes where (try? probe.word(5)) != RingProbe.written { written = false }
        return written && ThreadManager.current == 0
    }
    try expect(finished, "not every probe thread wrote its mailbox within 2 s")
    check("ring") { () throws(TestFailure) in
        for (ring, probe) in probes.enumerated() {
            try expectEqual(try probe.word(0), UInt32(ring), "the CPL of the thread of class \(ring)")
        }
    }
    check("stack") { () throws(TestFailure) in
        for (ring, probe) in probes.enumerated() {
            let thread = try expectSuccess("get the thread") { () throws(KernelError) in try ThreadManager.get(probe.thread) }
            let pointer = UInt64(try probe.word(1))
            try expect(pointer >= thread.stackBase && pointer < thread.stackTop,
                       "class \(ring): the stack pointer 0x\(hexadecimal(pointer)) is outside its stack")
        }
    }
    check("flags_selectors") { () throws(TestFailure) in
        for (ring, probe) in probes.enumerated() {
            try expect(try probe.word(2) & 0x200 != 0, "class \(ring): interrupts are off in the new thread")
            try expectEqual(try probe.word(3) & 3, UInt32(ring), "class \(ring): the privilege of the stack selector")
            try expectEqual(try probe.word(4) & 3, UInt32(ring), "class \(ring): the privilege of the data selector")
        }
    }
    check("killed") { () throws(TestFailure) in
        for (ring, probe) in probes.enumerated() {
            try expectState(probe.thread, .zombie, "class \(ring): the state after the invalid instruction")
            let value = try expectSuccess("the exit value") { () throws(KernelError) in
                try ThreadManager.get(probe.thread).lifecycle.exitValue
            }
            try expectEqual(value, Kernel.faultExitValue(6), "class \(ring): the exit value of a thread killed by #UD")
        }
    }
    check("saved_where_it_faulted") { () throws(TestFailure) in
        // A thread that ran is saved where it stopped: for rings 1 to 3,
        // in the frame the CPU pushed on the kernel stack the TSS named
        // for it -- the invalid instruction, past its entry.
        let size = UInt64(RingProbe.reportingCode().count)
        for (ring, probe) in probes.enumerated() where ring > 0 {
            let context = try expectSuccess("store") { () throws(KernelError) in try ThreadManager.store(probe.thread) }
            try expect(context.programCounter > probeCode && context.programCounter < probeCode + size,
                       "class \(ring): the saved program counter 0x\(hexadecimal(context.programCounter)) is not"
                       + " where the thread stopped, in [0x\(hexadecimal(probeCode + 1)), 0x\(hexadecimal(probeCode + size)))")
        }
    }
}

// MARK: faults

/// A program's thread that reads address 0 is reported and killed; the
/// kernel goes on, and another thread still runs after it.
func test_thread_fault() throws(TestFailure) {
    try executionStart()
    let program = try startedTask(.program)
    let faulty = try ProbeThread.make(program, code: RingProbe.faultingCode())
    let task = try startedTask(.core)
    let after = try swiftThread(task, firstRunBody, start: false)
    let died = try runThreads { (try? threadState(faulty.thread)) == .zombie && ThreadManager.current == 0 }
    check("killed") { () throws(TestFailure) in
        try expect(died, "the faulting thread is still alive after 2 s")
        let value = try expectSuccess("the exit value") { () throws(KernelError) in
            try ThreadManager.get(faulty.thread).lifecycle.exitValue
        }
        try expectEqual(value, Kernel.faultExitValue(14), "the exit value of a thread killed by a page fault")
    }
    check("kernel_goes_on") { () throws(TestFailure) in
        try expectSuccess("start another thread") { () throws(KernelError) in try ThreadManager.start(after) }
        let ran = try runThreads { firstRunThread == after && ThreadManager.current == 0 }
        try expect(ran, "no thread ran after the fault")
    }
}

// assignments/06-ipc/tests/ipc_helpers_tests.swift -- what the message and
// program tests share: starting the kernel, starting programs from the
// boot modules, running threads until a program is done, and its exit.

import Kernel
import Machine

/// Starts the kernel's managers (once per boot) with paging on in the
/// kernel's space.
func ipcStart() throws(TestFailure) {
    try startManagersWithPaging()
}

/// Starts the program `name` (a boot module) with `arguments`.
func startProgram(_ name: String, _ arguments: [UInt32] = []) throws(TestFailure) -> ProgramManager.Started {
    try expectSuccess("start the program \(name)") { () throws(KernelError) in
        try ProgramManager.start(name, arguments: arguments)
    }
}

/// Runs the threads from the boot context until `done` holds, electing
/// whenever nothing runs and something is queued, else halting until
/// the next interrupt; false if `milliseconds` of the clock go by first.
func runUntil(forAtMost milliseconds: UInt64 = 2000, _ done: () -> Bool) throws(TestFailure) -> Bool {
    let start = Clock.delivered + Clock.pendingMilliseconds
    while Clock.delivered + Clock.pendingMilliseconds - start <= milliseconds {
        if done() {
            return true
        }
        if Scheduler.current() == 0 && (Scheduler.queues?.count ?? 0) > 0 {
            let choice = try expectSuccess("elect a thread") { () throws(KernelError) in try Scheduler.elect() }
            if choice == .idle {
                Clock.idle()
            }
        } else {
            Clock.idle()
        }
    }
    return done()
}

/// True once the thread `thread` is dead (a zombie) or gone: a program
/// ends when its one thread does.
func isDead(_ thread: Identifier) -> Bool {
    guard let found = try? ThreadManager.get(thread) else {
        return true
    }
    return found.lifecycle.state == .zombie
}

/// Runs until the thread of every program of `programs` is dead, then
/// returns each one's exit value and releases its task (every page it
/// held comes back).
func exitValues(_ programs: [ProgramManager.Started], forAtMost milliseconds: UInt64 = 2000)
    throws(TestFailure) -> [UInt64]
{
    let done = try runUntil(forAtMost: milliseconds) { programs.allSatisfy { isDead($0.thread) } }
    try expect(done, "the programs did not all end within \(milliseconds) ms\(programNote(0))")
    var values: [UInt64] = []
    for program in programs {
        let value = try expectSuccess("get the program's thread") { () throws(KernelError) in
            try ThreadManager.get(program.thread).lifecycle.exitValue
        }
        values.append(value)
        try expectSuccess("release the program's task") { () throws(KernelError) in
            try TaskManager.release(program.task)
        }
    }
    return values
}

/// What the kernel can say about a program that went wrong: the exception
/// that killed it, and the last system call the kernel refused.
func programNote(_ value: UInt64) -> String {
    var note = ""
    if value >= Kernel.faultExitValue(0) && value < Kernel.faultExitValue(EventNumbers.exceptions) {
        note += " (killed by exception \(value - Kernel.faultExitValue(0)))"
    }
    if let refusal = SystemCallManager.lastRefusal {
        note += "; the last system call the kernel refused: number \(refusal.number), \(refusal.error.description)"
    }
    return note
}

/// Fails unless a program's exit value `value` is `expected`, saying
/// what the kernel knows of why (`programNote`).
func expectExit(_ value: UInt64, _ expected: UInt64, _ what: String) throws(TestFailure) {
    if value != expected {
        throw TestFailure("\(what): expected 0x\(hexadecimal(expected)), got 0x\(hexadecimal(value))\(programNote(value))")
    }
}

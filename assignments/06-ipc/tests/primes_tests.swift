// assignments/06-ipc/tests/primes_tests.swift -- a pipeline of a hundred
// programs, each a task that keeps one prime and passes the rest on.

import Kernel
import Machine

/// The first `count` primes, by trial division (the test's own answer).
func firstPrimes(_ count: Int) -> [UInt32] {
    var primes: [UInt32] = []
    var candidate: UInt32 = 2
    while primes.count < count {
        if primes.allSatisfy({ candidate % $0 != 0 }) {
            primes.append(candidate)
        }
        candidate += 1
    }
    return primes
}

/// A hundred stages (programs/primes.swift), the last started first so
/// that each knows the next; the kernel's task feeds the first stage the
/// numbers 2 to the 100th prime, then 0. Stage n prints and returns the
/// n-th prime.
func test_message_primes() throws(TestFailure) {
    try ipcStart()
    let primes = firstPrimes(100)
    var stages: [ProgramManager.Started] = []
    var next: Identifier = 0
    for stage in (1...100).reversed() {
        let started = try startProgram("primes", [UInt32(truncatingIfNeeded: next), UInt32(truncatingIfNeeded: next >> 32),
                                                  UInt32(stage)])
        stages.insert(started, at: 0)
        next = started.task
    }
    let kernel = TaskManager.kernel
    let refusal = try startProgramFeeder(to: next, upTo: primes[99], from: kernel)
    check("pipeline") { () throws(TestFailure) in
        if let refusal {
            throw TestFailure("the kernel's task could not feed the first stage: its send failed with"
                              + " \(refusal.description)\(programNote(0))")
        }
        let values = try exitValues(stages, forAtMost: 20_000)
        for (index, value) in values.enumerated() {
            try expectExit(value, UInt64(primes[index]), "stage \(index + 1)'s exit value (the prime it kept)")
        }
    }
}

/// Sends the numbers 2 to `last`, then 0, to the task `first` as type-1
/// messages from the kernel's task, running the stages whenever the first
/// box is full; the error of a send that failed otherwise (nil: all sent).
func startProgramFeeder(to first: Identifier, upTo last: UInt32, from kernel: Identifier)
    throws(TestFailure) -> KernelError?
{
    var number: UInt32 = 2
    while true {
        let value = number > last ? 0 : number
        let bytes = [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
                     UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
        do throws(KernelError) {
            try MessageManager.send(to: first, type: 1, bytes, from: kernel)
        } catch KernelError.exhausted {
            _ = try runUntil(forAtMost: 5) { false }
            continue
        } catch KernelError.invalidArgument {
            // the first stage has not registered its box yet
            _ = try runUntil(forAtMost: 5) { false }
            continue
        } catch {
            return error
        }
        if value == 0 {
            return nil
        }
        number += 1
    }
}

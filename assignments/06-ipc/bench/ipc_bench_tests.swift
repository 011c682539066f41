// assignments/06-ipc/bench/ipc_bench_tests.swift -- the IPC benchmark, in
// the kernel. Not graded: it prints a table and passes. Only images built
// with BENCH=1 hold it (make bench-ipc, which boots it once under icount,
// where the time-stamp counter counts instructions, and once without,
// where it counts the host's cycles). The programs measure themselves
// (programs/bench.swift) and return ticks per operation as exit values:
//
//   null system call   int $48 and back, the core doing nothing
//   round trip         ping sends 64 bytes to pong, pong sends them back:
//                      two system calls and two messages each way, two
//                      switches of address space
//   one way            half a round trip
//   stream             per message, 1,000 sends to a receiver in another
//                      space (send, queue, switch when the box is full),
//                      at 64 B and 4 KiB

import Kernel
import Machine

/// Runs the bench program with `arguments` and returns its exit value.
func benchProgram(_ arguments: [UInt32]) throws(TestFailure) -> ProgramManager.Started {
    try startProgram("bench", arguments)
}

/// Checks that a measuring program succeeded, and returns its figure.
func figure(_ value: UInt64, _ what: String) throws(TestFailure) -> UInt64 {
    try expect(value < 0xBAD0_0000, "\(what): the program failed with 0x\(hexadecimal(value))\(programNote(value))")
    return value
}

func test_ipc_bench() throws(TestFailure) {
    try ipcStart()
    let null = try exitValues([benchProgram([1])], forAtMost: 60_000)[0]
    print("bench ipc null-system-call \(try figure(null, "null")) ticks per call")
    let pong = try benchProgram([3, 0, 0, 64])
    let ping = try benchProgram([2] + taskWords(pong.task) + [64])
    let trip = try exitValues([ping, pong], forAtMost: 60_000)[0]
    print("bench ipc round-trip-64B \(try figure(trip, "round trip")) ticks per round trip,"
        + " one-way \(trip / 2)")
    for size: UInt32 in [64, 4096] {
        let sink = try benchProgram([5, 0, 0, size])
        let stream = try benchProgram([4] + taskWords(sink.task) + [size])
        let values = try exitValues([stream, sink], forAtMost: 60_000)
        try expectExit(values[1], 0, "the sink's exit value")
        print("bench ipc stream-\(size)B \(try figure(values[0], "stream")) ticks per message")
    }
}

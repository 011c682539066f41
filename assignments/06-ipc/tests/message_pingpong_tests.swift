// assignments/06-ipc/tests/message_pingpong_tests.swift -- two programs,
// each in its own address space, pass messages back and forth through the
// kernel: every byte checked at both ends, the sender checked by ping.

import Kernel
import Machine

/// The rounds of each ping-pong.
let pingPongRounds: UInt32 = 10

/// Plays a ping-pong of `rounds` at each size of `sizes`, synchronously
/// (transmit) or not (send), and checks both programs' exit values: each
/// counts the rounds it saw right.
func pingPong(synchronous: Bool, sizes: [UInt32]) throws(TestFailure) {
    try ipcStart()
    for size in sizes {
        let pong = try startProgram("pong", [pingPongRounds, size, synchronous ? 1 : 0])
        let mode = pingPongRounds | (synchronous ? 0x1_0000 : 0)
        let ping = try startProgram("ping", [UInt32(truncatingIfNeeded: pong.task),
                                             UInt32(truncatingIfNeeded: pong.task >> 32), size, mode])
        let values = try exitValues([ping, pong], forAtMost: 5000)
        try expectExit(values[0], UInt64(pingPongRounds),
                        "ping's exit value at \(size) bytes (0xbad0RRSS: round RR went wrong, status SS;"
                        + " SS = ff: wrong bytes, fe: wrong sender)")
        try expectExit(values[1], UInt64(pingPongRounds), "pong's exit value at \(size) bytes")
    }
}

/// Asynchronous ping-pong (send) at 64, 3,000 and 10,000 bytes.
func test_message_pingpong_async() throws(TestFailure) {
    check("bytes_64") { () throws(TestFailure) in try pingPong(synchronous: false, sizes: [64]) }
    check("bytes_3000") { () throws(TestFailure) in try pingPong(synchronous: false, sizes: [3000]) }
    check("bytes_10000") { () throws(TestFailure) in try pingPong(synchronous: false, sizes: [10000]) }
}

/// Synchronous ping-pong (transmit: the sender waits until its message
/// is taken) at 64, 3,000 and 10,000 bytes.
func test_message_pingpong_sync() throws(TestFailure) {
    check("bytes_64") { () throws(TestFailure) in try pingPong(synchronous: true, sizes: [64]) }
    check("bytes_3000") { () throws(TestFailure) in try pingPong(synchronous: true, sizes: [3000]) }
    check("bytes_10000") { () throws(TestFailure) in try pingPong(synchronous: true, sizes: [10000]) }
}

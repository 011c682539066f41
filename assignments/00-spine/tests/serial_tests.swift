// assignments/00-spine/tests/serial_tests.swift -- the serial line in both
// directions.

import Kernel
import Machine

/// Reads one line typed on the serial port and echoes it.
func test_serial_echo() throws(TestFailure) {
    print("serial_echo: waiting for one line")
    let line = Serial.readLine()
    print("echo: \(line)")
}

/// Prints lines forever: expected outcome, an output flood the grader cuts.
func test_serial_flood() throws(TestFailure) {
    var count = 0
    while true {
        print("flood line \(count)")
        count += 1
    }
}

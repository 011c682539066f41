// assignments/00-spine/tests/memory_copy_tests.swift -- the machine's
// memcpy, memset and memmove (machine/ia32/runtime.swift), which every
// Swift copy of a struct, an array or a message goes through.
//
// They move four bytes a step and then the last zero to three bytes, so
// the test tries every length from 0 to 19 at every offset from 0 to 3 of
// both ends, and checks the bytes just outside the run too: a copy that
// stops one byte short or runs one byte past shows there.

import IA32
import Kernel
import Machine

/// A 64-byte buffer whose byte `i` is `seed &+ i`.
func patterned(_ seed: UInt8) -> [UInt8] {
    (0..<64).map { seed &+ UInt8($0) }
}

/// Finds the first byte of `got` that is not what `expected` says it
/// should be at its index, as a message. The expected bytes come from a
/// formula, not from an array built by the library: Swift builds and
/// edits arrays with the very memcpy and memset under test.
func firstDifference(_ got: [UInt8], _ what: String, _ expected: (Int) -> UInt8) -> String? {
    for index in 0..<got.count where got[index] != expected(index) {
        return "\(what): byte \(index) is \(got[index]), expected \(expected(index))"
    }
    return nil
}

/// Every length and alignment of memcpy, memset, and memmove both ways.
func test_block_copies() throws(TestFailure) {
    check("copy") { () throws(TestFailure) in
        for length in 0..<20 {
            for from in 0..<4 {
                for to in 0..<4 {
                    let source = patterned(100)
                    var target = patterned(0)
                    source.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
                        target.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                            _ = memcpy(output.baseAddress! + to, input.baseAddress! + from, length)
                        }
                    }
                    let what = "memcpy of \(length) from +\(from) to +\(to)"
                    if let problem = firstDifference(target, what, { (index) in
                        (to..<(to + length)).contains(index) ? UInt8(100 + index - to + from) : UInt8(index)
                    }) {
                        try expect(false, problem)
                    }
                }
            }
        }
    }
    check("fill") { () throws(TestFailure) in
        for length in 0..<20 {
            for to in 0..<4 {
                var target = patterned(0)
                target.withUnsafeMutableBytes { (output: UnsafeMutableRawBufferPointer) in
                    _ = memset(output.baseAddress! + to, 0xA5, length)
                }
                if let problem = firstDifference(target, "memset of \(length) at +\(to)", { (index) in
                    (to..<(to + length)).contains(index) ? 0xA5 : UInt8(index)
                }) {
                    try expect(false, problem)
                }
            }
        }
    }
    check("overlapping_move") { () throws(TestFailure) in
        // A run moved by 1 to 5 bytes inside one buffer, up and down: the
        // bytes must come out as they were before the move started.
        for length in 0..<20 {
            for shift in 1..<6 {
                for up in [true, false] {
                    var buffer = patterned(7)
                    let (from, to) = up ? (8, 8 + shift) : (8 + shift, 8)
                    buffer.withUnsafeMutableBytes { (bytes: UnsafeMutableRawBufferPointer) in
                        _ = memmove(bytes.baseAddress! + to, bytes.baseAddress! + from, length)
                    }
                    let what = "memmove of \(length) from +\(from) to +\(to)"
                    if let problem = firstDifference(buffer, what, { (index) in
                        (to..<(to + length)).contains(index) ? UInt8(7 + index - to + from) : UInt8(7 + index)
                    }) {
                        try expect(false, problem)
                    }
                }
            }
        }
    }
}

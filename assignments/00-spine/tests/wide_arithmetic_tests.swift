// assignments/00-spine/tests/wide_arithmetic_tests.swift -- 64-bit arithmetic on
// a 32-bit processor: division, remainder and shifts by a variable amount
// go through the machine's helpers (machine/ia32/wide_helpers.swift).

import Kernel
import Machine

/// `value`, hidden from the optimiser so that the operations below are
/// done at run time, by the helpers, not folded at compile time.
@inline(never)
func opaque<T>(_ value: T) -> T {
    value
}

/// Division, remainder and shifts of 64-bit values give the right answers.
func test_wide_arithmetic() throws(TestFailure) {
    check("unsigned") { () throws(TestFailure) in
        let big = opaque(UInt64(10_000_000_000_000_000_000))
        try expectEqual(big / opaque(3), 3_333_333_333_333_333_333, "10^19 / 3")
        try expectEqual(big % opaque(7), 10_000_000_000_000_000_000 % 7, "10^19 % 7")
        try expectEqual(big / opaque(0x1_0000_0001), 10_000_000_000_000_000_000 / 0x1_0000_0001, "10^19 / (2^32 + 1)")
        try expectEqual(opaque(UInt64.max) / opaque(UInt64.max - 1), 1, "max / (max - 1)")
        try expectEqual(String(opaque(UInt64.max)), "18446744073709551615", "UInt64.max in decimal")
    }
    check("signed") { () throws(TestFailure) in
        try expectEqual(opaque(Int64(-9_000_000_000)) / opaque(7), -1_285_714_285, "-9e9 / 7")
        try expectEqual(opaque(Int64(-9_000_000_000)) % opaque(7), -5, "-9e9 % 7")
        try expectEqual(opaque(Int64.min) / opaque(Int64(-2)), 4_611_686_018_427_387_904, "min / -2")
    }
    check("shifts") { () throws(TestFailure) in
        try expectEqual(opaque(UInt64(1)) << opaque(UInt64(40)), 1_099_511_627_776, "1 << 40")
        try expectEqual(opaque(UInt64.max) >> opaque(UInt64(33)), 0x7FFF_FFFF, "max >> 33")
        try expectEqual(opaque(Int64.min) >> opaque(Int64(63)), -1, "min >> 63")
        try expectEqual(opaque(UInt64(0xDEAD_BEEF_0000_0000)) >> opaque(UInt64(4)), 0x0DEA_DBEE_F000_0000, "a nibble right")
    }
}

// machine/ia32/wide_helpers.swift -- the 64-bit helpers a 32-bit compiler calls.
//
// The compiler emits calls to these names (the libgcc ABI) for 64-bit
// division, remainder and, at -Osize, shifts by a variable amount. They
// are defined here, from machine/shared/wide_arithmetic.swift, instead of
// linking a 32-bit libgcc: the kernel builds with the Swift toolchain and
// qemu alone. Arguments and results follow the C convention (cdecl).
// The user programs link this file too (mk/programs.mk): it names nothing
// of the kernel.

/// unsigned 64-bit division.
@_cdecl("__udivdi3")
func wideUnsignedDivide(_ dividend: UInt64, _ divisor: UInt64) -> UInt64 {
    WideArithmetic.divide(dividend, by: divisor).quotient
}

/// unsigned 64-bit remainder.
@_cdecl("__umoddi3")
func wideUnsignedRemainder(_ dividend: UInt64, _ divisor: UInt64) -> UInt64 {
    WideArithmetic.divide(dividend, by: divisor).remainder
}

/// signed 64-bit division.
@_cdecl("__divdi3")
func wideSignedDivide(_ dividend: Int64, _ divisor: Int64) -> Int64 {
    WideArithmetic.divide(dividend, by: divisor).quotient
}

/// signed 64-bit remainder.
@_cdecl("__moddi3")
func wideSignedRemainder(_ dividend: Int64, _ divisor: Int64) -> Int64 {
    WideArithmetic.divide(dividend, by: divisor).remainder
}

/// 64-bit shift left.
@_cdecl("__ashldi3")
func wideShiftLeft(_ value: UInt64, _ count: Int32) -> UInt64 {
    WideArithmetic.shiftLeft(value, by: UInt32(bitPattern: count))
}

/// 64-bit logical shift right.
@_cdecl("__lshrdi3")
func wideShiftRight(_ value: UInt64, _ count: Int32) -> UInt64 {
    WideArithmetic.shiftRight(value, by: UInt32(bitPattern: count))
}

/// 64-bit arithmetic shift right.
@_cdecl("__ashrdi3")
func wideShiftRightArithmetic(_ value: Int64, _ count: Int32) -> Int64 {
    WideArithmetic.shiftRightArithmetic(value, by: UInt32(bitPattern: count))
}

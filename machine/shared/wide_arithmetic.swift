// machine/shared/wide_arithmetic.swift -- 64-bit arithmetic from 32-bit halves.
//
// On a 32-bit processor the compiler turns some 64-bit operations into
// calls: division and remainder always (`__udivdi3`, `__umoddi3`,
// `__divdi3`, `__moddi3`), and shifts by a variable amount when it
// optimises for size (`__ashldi3`, `__lshrdi3`, `__ashrdi3`). A C
// toolchain takes them from libgcc; the ia32 machine defines them
// (machine/ia32/wide_helpers.swift) with the functions below, so the
// kernel needs nothing but the Swift toolchain.
//
// They must never need themselves: they work on 32-bit halves, shift
// 64-bit values only by constants (which the compiler does inline), and
// divide 32-bit values only.
// Both machines compile this file, so `swift test` checks every function
// against the host's native 64-bit arithmetic.

/// 64-bit shifts, division and remainder built from 32-bit operations.
package enum WideArithmetic {
    /// The high and low 32 bits of `value`.
    static func halves(_ value: UInt64) -> (high: UInt32, low: UInt32) {
        (UInt32(truncatingIfNeeded: value >> 32), UInt32(truncatingIfNeeded: value))
    }

    /// The 64-bit value made of `high` and `low`.
    static func join(_ high: UInt32, _ low: UInt32) -> UInt64 {
        UInt64(high) << 32 | UInt64(low)
    }

    /// `value << count`, for a count in 0..<64 (higher counts are taken
    /// modulo 64, as the helpers' callers never pass them).
    package static func shiftLeft(_ value: UInt64, by count: UInt32) -> UInt64 {
        let (high, low) = halves(value)
        let n = count & 63
        if n == 0 { return value }
        if n >= 32 { return join(low &<< (n - 32), 0) }
        return join(high &<< n | low &>> (32 - n), low &<< n)
    }

    /// `value >> count` filling with zeros (count as in `shiftLeft`).
    package static func shiftRight(_ value: UInt64, by count: UInt32) -> UInt64 {
        let (high, low) = halves(value)
        let n = count & 63
        if n == 0 { return value }
        if n >= 32 { return join(0, high &>> (n - 32)) }
        return join(high &>> n, low &>> n | high &<< (32 - n))
    }

    /// `value >> count` filling with the sign bit (count as in `shiftLeft`).
    package static func shiftRightArithmetic(_ value: Int64, by count: UInt32) -> Int64 {
        let (high, low) = halves(UInt64(bitPattern: value))
        let n = count & 63
        if n == 0 { return value }
        let signedHigh = Int32(bitPattern: high)
        if n >= 32 {
            let fill = UInt32(bitPattern: signedHigh &>> 31)
            return Int64(bitPattern: join(fill, UInt32(bitPattern: signedHigh &>> (n - 32))))
        }
        return Int64(bitPattern: join(UInt32(bitPattern: signedHigh &>> n), low &>> n | high &<< (32 - n)))
    }

    /// Quotient and remainder of `dividend / divisor` (divisor not 0).
    ///
    /// Steps: 1. both fit 32 bits: one 32-bit division (the processor's
    /// own); 2. otherwise restoring division, one bit at a time, high bit
    /// first. (Not the 64-by-32-bit `dividingFullWidth`: the standard
    /// library may build it on a 64-bit division, which is this function.)
    package static func divide(_ dividend: UInt64, by divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        let (dividendHigh, dividendLow) = halves(dividend)
        let (divisorHigh, divisorLow) = halves(divisor)
        // 1.
        if dividendHigh == 0 && divisorHigh == 0 {
            let (quotient, remainder) = dividendLow.quotientAndRemainder(dividingBy: divisorLow)
            return (UInt64(quotient), UInt64(remainder))
        }
        // 2.
        var quotientHigh: UInt32 = 0
        var quotientLow: UInt32 = 0
        var remainder: UInt64 = 0
        var bit: UInt32 = 64
        while bit > 0 {
            bit -= 1
            let next = bit >= 32 ? (dividendHigh &>> (bit - 32)) & 1 : (dividendLow &>> bit) & 1
            // The remainder is 65 bits wide for a moment: `overflow` is its top bit.
            let overflow = halves(remainder).high &>> 31 == 1
            remainder = remainder &<< 1 | UInt64(next)
            if overflow || remainder >= divisor {
                remainder = remainder &- divisor
                if bit >= 32 { quotientHigh |= 1 &<< (bit - 32) } else { quotientLow |= 1 &<< bit }
            }
        }
        return (join(quotientHigh, quotientLow), remainder)
    }

    /// Quotient and remainder of the signed division, rounding toward
    /// zero, the remainder taking the dividend's sign (as Swift's / and %).
    package static func divide(_ dividend: Int64, by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = divide(dividend.magnitude, by: divisor.magnitude)
        let negative = (dividend < 0) != (divisor < 0)
        let signedQuotient = negative ? 0 &- Int64(bitPattern: quotient) : Int64(bitPattern: quotient)
        let signedRemainder = dividend < 0 ? 0 &- Int64(bitPattern: remainder) : Int64(bitPattern: remainder)
        return (signedQuotient, signedRemainder)
    }
}

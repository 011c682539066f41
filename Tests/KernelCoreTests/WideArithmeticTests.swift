// Tests/KernelCoreTests/WideArithmeticTests.swift -- the ia32 machine's
// 64-bit helpers (machine/shared/wide_arithmetic.swift) against the
// host's own 64-bit arithmetic, over edge values and random ones.

import Testing
@testable import Machine

@Suite struct WideArithmeticTests {
    static let edges: [UInt64] = [
        0, 1, 2, 3, 7, 10, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        0x1_0000_0001, 0x1_FFFF_FFFF, 0xFFFF_FFFF_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000,
        0x8000_0000_0000_0001, UInt64.max - 1, UInt64.max, 10_000_000_000_000_000_000,
    ]

    /// Edge values and their neighbours, then random values of every width.
    static var values: [UInt64] {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<300).map { index -> UInt64 in
            let width = UInt64(index % 64 + 1)
            let value: UInt64 = generator.next()
            return width == 64 ? value : value & ((1 << width) - 1)
        }
        return edges + random
    }

    @Test func unsignedDivisionAgreesWithTheHost() {
        let values = Self.values
        for dividend in values {
            for divisor in values where divisor != 0 {
                let expected = dividend.quotientAndRemainder(dividingBy: divisor)
                let actual = WideArithmetic.divide(dividend, by: divisor)
                if actual.quotient != expected.quotient || actual.remainder != expected.remainder {
                    Issue.record("\(dividend) / \(divisor): \(actual), expected \(expected)")
                    return
                }
            }
        }
    }

    @Test func signedDivisionAgreesWithTheHost() {
        let values = Self.values.flatMap { [Int64(bitPattern: $0), 0 &- Int64(bitPattern: $0)] }
        for dividend in values {
            for divisor in values where divisor != 0 && !(dividend == .min && divisor == -1) {
                let expected = dividend.quotientAndRemainder(dividingBy: divisor)
                let actual = WideArithmetic.divide(dividend, by: divisor)
                if actual.quotient != expected.quotient || actual.remainder != expected.remainder {
                    Issue.record("\(dividend) / \(divisor): \(actual), expected \(expected)")
                    return
                }
            }
        }
    }

    @Test func shiftsAgreeWithTheHost() {
        for value in Self.values {
            for count in UInt32(0)..<64 {
                #expect(WideArithmetic.shiftLeft(value, by: count) == value << count)
                #expect(WideArithmetic.shiftRight(value, by: count) == value >> count)
                let signed = Int64(bitPattern: value)
                #expect(WideArithmetic.shiftRightArithmetic(signed, by: count) == signed >> count)
            }
        }
    }
}

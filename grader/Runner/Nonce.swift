// grader/Runner/Nonce.swift -- the random number that makes a run's verdict its own.
//
// The grader picks a fresh nonce for every boot and passes it on the
// kernel command line; the harness repeats it on every protocol line.
// A verdict line without this run's nonce was not written by the harness
// for this run (a test that prints a canned "KTEST PASS ...", an echo of
// earlier output), so the classifier ignores it.

/// Sixteen lowercase hexadecimal digits, unique to one qemu run.
public struct Nonce: Hashable, Sendable, CustomStringConvertible {
    /// The digits, as they appear on the command line and in the output.
    public let text: String

    /// The number of hex digits in a nonce.
    public static let length = 16

    /// Accepts exactly sixteen lowercase hex digits; anything else is nil.
    public init?(_ text: String) {
        let digits = text.utf8
        guard digits.count == Nonce.length, digits.allSatisfy(Nonce.isLowercaseHexDigit) else {
            return nil
        }
        self.text = text
    }

    /// A nonce drawn from the system's cryptographic random source.
    public static func random() -> Nonce {
        var generator = SystemRandomNumberGenerator()
        return Nonce(value: generator.next())
    }

    /// The nonce spelling out `value` in hex, zero-padded to sixteen digits.
    public init(value: UInt64) {
        let digits = String(value, radix: 16)
        text = String(repeating: "0", count: Nonce.length - digits.count) + digits
    }

    /// The digits.
    public var description: String { text }

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

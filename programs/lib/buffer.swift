// programs/lib/buffer.swift -- a program's message buffers, and the byte
// pattern the message tests fill and check.

/// A buffer in the program's .bss, big enough for the largest message the
/// tests send (10,000 bytes).
struct MessageBuffer {
    /// Its capacity.
    static let capacity = 10240

    /// The bytes.
    var bytes: InlineArray<10240, UInt8> = .init(repeating: 0)

    /// Runs `body` with the buffer's address.
    mutating func withAddress<R>(_ body: (UnsafeMutableRawPointer) -> R) -> R {
        withUnsafeMutablePointer(to: &bytes) { body(UnsafeMutableRawPointer($0)) }
    }

    /// The byte `index` of the pattern of `seed`: every byte depends on
    /// its position and the seed, so a byte moved, lost or left over
    /// from another message shows.
    static func patternByte(_ index: Int, seed: UInt32) -> UInt8 {
        UInt8(truncatingIfNeeded: UInt32(truncatingIfNeeded: index) &* 31 &+ seed &* 7 &+ UInt32(truncatingIfNeeded: index >> 8))
    }

    /// Fills the first `count` bytes with the pattern of `seed`.
    mutating func fill(_ count: Int, seed: UInt32) {
        for index in 0..<count {
            bytes[index] = Self.patternByte(index, seed: seed)
        }
    }

    /// True if the first `count` bytes hold the pattern of `seed`.
    func holds(_ count: Int, seed: UInt32) -> Bool {
        for index in 0..<count where bytes[index] != Self.patternByte(index, seed: seed) {
            return false
        }
        return true
    }
}

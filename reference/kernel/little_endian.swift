// reference/kernel/little_endian.swift -- 64-bit words as the bytes a
// program or a wire sees: least significant byte first, as ia32 lays
// them out in memory.

/// Words to bytes and back, little-endian.
public enum LittleEndian {
    /// The eight bytes of each word, in order.
    public static func bytes(of words: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 8)
        for word in words {
            for shift in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(shift))))
            }
        }
        return bytes
    }

    /// The words of `bytes`, eight bytes each (a last partial word is
    /// left out).
    public static func words(of bytes: [UInt8]) -> [UInt64] {
        var words: [UInt64] = []
        for start in stride(from: 0, to: bytes.count - 7, by: 8) {
            var word: UInt64 = 0
            for shift in 0..<8 {
                word |= UInt64(bytes[start + shift]) << (8 * UInt64(shift))
            }
            words.append(word)
        }
        return words
    }
}

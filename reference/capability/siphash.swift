// reference/capability/siphash.swift -- SipHash-2-4, the keyed hash that
// makes a capability's check field unforgeable.
//
// A capability carries a check computed from its other fields and a
// secret key the kernel draws at boot. Whoever does not know the key
// cannot compute the check of a capability they made up, nor of one
// they changed (more operations, another object): the kernel recomputes
// it and the two differ. A plain hash would not do (anyone can compute
// it); a cryptographic MAC such as HMAC-SHA-256 would, but costs far
// more than these few dozen additions, rotations and exclusive ors on a
// 32-bit processor. SipHash (Aumasson and Bernstein, 2012) was designed
// for this: short inputs, a 128-bit key, a 64-bit tag.
//
// The algorithm, in four steps:
//
//     v0..v3 = key mixed with four constants
//     for each 8-byte word m of the message (little-endian, the last one
//     padded with the message length in its top byte):
//         v3 ^= m; two SipRounds; v0 ^= m        ("2" in SipHash-2-4)
//     v2 ^= 0xff; four SipRounds                  ("4")
//     tag = v0 ^ v1 ^ v2 ^ v3
//
// A SipRound is the add-rotate-xor network of `round` below. The test
// vectors of the paper's appendix (key 00 01 .. 0f) are checked by the
// host tests. No library does this for us: swift-crypto needs
// Foundation, which an embedded kernel does not have, and the standard
// library's `Hasher` uses a per-process seed we cannot choose.

/// A 128-bit SipHash key, two little-endian words.
public struct SipHashKey: Equatable, Sendable {
    /// Bytes 0 to 7 of the key.
    public var low: UInt64
    /// Bytes 8 to 15 of the key.
    public var high: UInt64

    /// The key `low`, `high`.
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }
}

/// SipHash-2-4 over bytes or words, under one key.
public struct SipHash24 {
    var v0: UInt64
    var v1: UInt64
    var v2: UInt64
    var v3: UInt64

    /// A fresh state for `key`.
    init(key: SipHashKey) {
        v0 = key.low ^ 0x736f_6d65_7073_6575
        v1 = key.high ^ 0x646f_7261_6e64_6f6d
        v2 = key.low ^ 0x6c79_6765_6e65_7261
        v3 = key.high ^ 0x7465_6462_7974_6573
    }

    /// The tag of `bytes` under `key`.
    public static func hash(_ bytes: [UInt8], key: SipHashKey) -> UInt64 {
        var state = SipHash24(key: key)
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            word |= UInt64(byte) << (8 * UInt64(index % 8))
            if index % 8 == 7 {
                state.compress(word)
                word = 0
            }
        }
        return state.finish(last: word, length: bytes.count)
    }

    /// The tag of `words` under `key`, each word taken as its eight
    /// little-endian bytes (the same tag as `hash` of those bytes).
    public static func hash(words: [UInt64], key: SipHashKey) -> UInt64 {
        var state = SipHash24(key: key)
        for word in words {
            state.compress(word)
        }
        return state.finish(last: 0, length: words.count * 8)
    }

    /// Takes in one full word of the message: two rounds.
    mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        round()
        v0 ^= word
    }

    /// Takes in the last, partial word (its bytes below `length % 8`)
    /// with the length in its top byte, then finalises: four rounds.
    mutating func finish(last word: UInt64, length: Int) -> UInt64 {
        compress(word | UInt64(truncatingIfNeeded: length) << 56)
        v2 ^= 0xff
        for _ in 0..<4 {
            round()
        }
        return v0 ^ v1 ^ v2 ^ v3
    }

    /// One SipRound: additions carry bits up, rotations move them round,
    /// exclusive ors mix the halves.
    mutating func round() {
        v0 &+= v1
        v1 = rotate(v1, 13)
        v1 ^= v0
        v0 = rotate(v0, 32)
        v2 &+= v3
        v3 = rotate(v3, 16)
        v3 ^= v2
        v0 &+= v3
        v3 = rotate(v3, 21)
        v3 ^= v0
        v2 &+= v1
        v1 = rotate(v1, 17)
        v1 ^= v2
        v2 = rotate(v2, 32)
    }

    /// `value` rotated left by `bits`.
    func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }
}

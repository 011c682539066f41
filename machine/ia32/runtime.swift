// machine/ia32/runtime.swift -- the C symbols the Swift runtime calls.
//
// Embedded Swift has no libc underneath it. The compiled kernel calls a
// handful of C functions: memory (posix_memalign, free), byte copies
// (memcpy, memmove, memset, memcmp), output (putchar, used by print and
// by trap messages in debug builds), randomness (arc4random_buf, used to
// seed hashing) and one bit of floating point (ceil, used by Dictionary to
// size its table). This file provides them for ia32.
//
// `free` is a name Swift reserves, so it is defined in runtime.S as a jump
// to heap_free below.

internal import IA32

/// putchar(3): the byte goes to the serial console.
@_cdecl("putchar")
package func putchar(_ character: CInt) -> CInt {
    Serial.write(UInt8(truncatingIfNeeded: character))
    return character
}

/// memset(3) with the string instructions (`rep stosl`, then `rep stosb`).
@_cdecl("memset")
package func memset(_ destination: UnsafeMutableRawPointer, _ value: CInt, _ count: Int) -> UnsafeMutableRawPointer {
    ia32_fill(destination, UInt8(truncatingIfNeeded: value), UInt32(count))
    return destination
}

/// memcpy(3) with `rep movsl`, then `rep movsb` (the regions must not
/// overlap).
@_cdecl("memcpy")
package func memcpy(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer {
    ia32_copy_forward(destination, source, UInt32(count))
    return destination
}

/// memmove(3): copies forward, or backward when the destination starts
/// inside the source, so overlapping regions come out right.
@_cdecl("memmove")
package func memmove(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer {
    let d = UInt(bitPattern: destination), s = UInt(bitPattern: source)
    if count == 0 || d == s { return destination }
    if d < s || d >= s + UInt(count) {
        ia32_copy_forward(destination, source, UInt32(count))
    } else {
        ia32_rep_movsb_backward(destination + (count - 1), source + (count - 1), UInt32(count))
    }
    return destination
}

/// memcmp(3).
@_cdecl("memcmp")
package func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> CInt {
    var index = 0
    while index < count {
        let x = a.load(fromByteOffset: index, as: UInt8.self)
        let y = b.load(fromByteOffset: index, as: UInt8.self)
        if x != y { return CInt(x) - CInt(y) }
        index += 1
    }
    return 0
}

/// arc4random_buf(3): Swift seeds its hash functions with it. A kernel
/// test must behave the same on every boot, so the "randomness" is a
/// fixed xorshift sequence: hashing stays correct, only less secret.
@_cdecl("arc4random_buf")
package func arc4random_buf(_ buffer: UnsafeMutableRawPointer, _ count: Int) {
    var state: UInt32 = 0x2545_F491
    for index in 0..<count {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        buffer.storeBytes(of: UInt8(truncatingIfNeeded: state), toByteOffset: index, as: UInt8.self)
    }
}

/// ceil(3), without the SSE instruction a compiler would pick.
@_cdecl("ceil")
package func ceil(_ x: Double) -> Double {
    // Doubles of magnitude 2^52 and more (and NaN, infinities) are whole.
    if !(x.magnitude < 4_503_599_627_370_496.0) { return x }
    let truncated = Double(Int64(x))
    return truncated < x ? truncated + 1 : truncated
}

// MARK: Unicode normalisation
//
// String comparison asks these four functions about non-ASCII scalars.
// The toolchain's own tables (libswiftUnicodeDataTables.a) are compiled
// with SSE, which this kernel must not contain, so the kernel answers
// "every scalar is already normalised": Strings compare by their scalars.
// Kernel text is ASCII, where this is exactly right.

/// No scalar has normalisation data (combining class 0, quick-check yes).
@_cdecl("_swift_stdlib_getNormData")
package func swiftGetNormData(_ scalar: UInt32) -> UInt16 { 0 }

/// No scalar decomposes.
@_cdecl("_swift_stdlib_getDecompositionEntry")
package func swiftGetDecompositionEntry(_ scalar: UInt32) -> UInt32 { UInt32.max }

/// No pair of scalars composes.
@_cdecl("_swift_stdlib_getComposition")
package func swiftGetComposition(_ x: UInt32, _ y: UInt32) -> UInt32 { UInt32.max }

// MARK: Grapheme breaking
//
// Walking a String by Character asks these about scalars outside ASCII
// (ASCII has fast paths in the standard library). Same reason as above:
// every such scalar is treated as an ordinary character of its own.

/// No special grapheme-break property (the standard library reads an
/// unknown value as "any").
@_cdecl("_swift_stdlib_getGraphemeBreakProperty")
package func swiftGetGraphemeBreakProperty(_ scalar: UInt32) -> UInt8 { 0xFF }

/// No scalar is an extended pictographic (emoji) base.
@_cdecl("_swift_stdlib_isExtendedPictographic")
package func swiftIsExtendedPictographic(_ scalar: UInt32) -> Bool { false }

/// No scalar is an Indic conjunct consonant.
@_cdecl("_swift_stdlib_isInCB_Consonant")
package func swiftIsInCBConsonant(_ scalar: UInt32) -> Bool { false }

// programs/lib/runtime.swift -- what Embedded Swift needs below a program.
//
// A program has no C library: these are the few C functions the Swift
// compiler calls. `print` in a program ends in `putchar`, one character
// at a time; the characters are kept until a newline (or a full line)
// and printed with one system call. Memory for Swift's objects comes
// from an arena in the program's .bss: `posix_memalign` takes the next
// aligned bytes and `free` gives nothing back. Programs are short-lived
// and allocate little; every page returns to the kernel when the task
// is released.

/// The line being printed.
nonisolated(unsafe) var lineBuffer: InlineArray<128, UInt8> = .init(repeating: 0)
/// How many bytes of `lineBuffer` are used.
nonisolated(unsafe) var lineLength = 0

/// Prints the kept characters (one system call) and empties the line.
func flushLine() {
    withUnsafePointer(to: &lineBuffer) { pointer in
        _ = System.print(UnsafeRawPointer(pointer), lineLength)
    }
    lineLength = 0
}

@_cdecl("putchar")
func putchar(_ character: CInt) -> CInt {
    lineBuffer[lineLength] = UInt8(truncatingIfNeeded: character)
    lineLength += 1
    if character == 10 || lineLength == 128 {
        flushLine()
    }
    return character
}

@_cdecl("memset")
func memset(_ destination: UnsafeMutableRawPointer, _ value: CInt, _ count: Int) -> UnsafeMutableRawPointer {
    var index = 0
    while index < count {
        destination.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: index, as: UInt8.self)
        index += 1
    }
    return destination
}

@_cdecl("memcpy")
func memcpy(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int)
    -> UnsafeMutableRawPointer
{
    memmove(destination, source, count)
}

@_cdecl("memmove")
func memmove(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int)
    -> UnsafeMutableRawPointer
{
    if UnsafeRawPointer(destination) < source {
        var index = 0
        while index < count {
            destination.storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index,
                                   as: UInt8.self)
            index += 1
        }
    } else {
        var index = count
        while index > 0 {
            index -= 1
            destination.storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index,
                                   as: UInt8.self)
        }
    }
    return destination
}

@_cdecl("memcmp")
func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> CInt {
    var index = 0
    while index < count {
        let x = a.load(fromByteOffset: index, as: UInt8.self)
        let y = b.load(fromByteOffset: index, as: UInt8.self)
        if x != y {
            return CInt(x) - CInt(y)
        }
        index += 1
    }
    return 0
}

/// The arena's bytes.
nonisolated(unsafe) var arena: InlineArray<16384, UInt8> = .init(repeating: 0)
/// The next free byte of the arena.
nonisolated(unsafe) var arenaUsed = 0

@_cdecl("posix_memalign")
func posixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> CInt {
    withUnsafeMutablePointer(to: &arena) { pointer in
        let base = UInt(bitPattern: pointer)
        let align = UInt(max(alignment, 16))
        let start = (base + UInt(arenaUsed) + align - 1) & ~(align - 1)
        if start + UInt(size) > base + 16384 {
            result.pointee = nil
            return 12
        }
        arenaUsed = Int(start + UInt(size) - base)
        result.pointee = UnsafeMutableRawPointer(bitPattern: start)
        return 0
    }
}

@_cdecl("user_free")
func userFree(_ pointer: UnsafeMutableRawPointer?) {}

// machine/ia32/heap.swift -- PLACEHOLDER bump allocator, to be replaced by
// the real allocator (free lists, counters) before the spine lands.

enum Heap {
    nonisolated(unsafe) static var next: UInt = 0x0040_0000
    nonisolated(unsafe) static var liveBlocks = 0
    nonisolated(unsafe) static var liveBytes = 0
}

@_cdecl("posix_memalign")
public func posix_memalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> CInt {
    Heap.next = (Heap.next + UInt(alignment) - 1) & ~(UInt(alignment) - 1)
    result.pointee = UnsafeMutableRawPointer(bitPattern: Heap.next)
    Heap.next += UInt(size)
    Heap.liveBlocks += 1
    return 0
}

@_cdecl("heap_free")
public func heapFree(_ pointer: UnsafeMutableRawPointer?) {
    if pointer != nil { Heap.liveBlocks -= 1 }
}

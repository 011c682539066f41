// machine/ia32/heap.swift -- the kernel heap: posix_memalign and free.
//
// Every Swift object, array buffer and string the kernel creates comes
// from here: the Swift runtime calls posix_memalign to allocate and free
// (runtime.S jumps to heap_free) to release. The heap is a fixed region
// carved at boot from usable RAM after the kernel image (8 MiB when the
// memory map allows), separate from the memory the segment manager will
// hand out, so the allocator never calls into the managers it serves.
//
// Design, for speed under an emulator and for error detection:
//
// * The region starts with a table of page records (heap_pages.swift),
//   then the 4 KiB pages the blocks come from.
// * Small blocks (up to 2 KiB) come in 14 size classes, 16 to 2048 bytes.
//   A "slab" is one page cut into blocks of one class; each slab has a
//   bitmap of its allocated blocks. Each class keeps a list of its slabs
//   that still have a free block, so an allocation is: first slab of the
//   list, first zero bit of its bitmap. A free is: find the page record,
//   clear the bit. Both take a handful of instructions, whatever the heap
//   holds.
// * Large blocks (more than 2 KiB, or a page alignment) are whole runs
//   of pages from the page allocator: first fit, coalescing on free.
// * Alignment: a slab page starts on a page boundary and its blocks are
//   `size` apart, so a block of class `size` is aligned to the largest
//   power of two dividing `size` (48 -> 16, 64 -> 64, 1536 -> 512). A
//   request for alignment `a` takes the smallest class that holds the
//   size and is a multiple of `a`. Pages are 4096-aligned, hence the
//   limit: alignments up to one page.
// * Errors are caught, not trusted: freeing a pointer outside the heap,
//   into the middle of a block, or twice, and running out of memory, all
//   stop the kernel with a "panic: heap: ..." line and a panic report.
// * Counters: live blocks and live bytes (the size of the blocks handed
//   out, i.e. rounded up to the class size or to whole pages). A test
//   that frees all it allocated must find both back where they were.

internal import IA32

/// The kernel heap.
package enum Heap {
    /// Page size, and the largest alignment posix_memalign accepts.
    static let pageSize: UInt32 = 4096
    /// The size the heap would like.
    static let preferredSize: UInt32 = 8 << 20
    /// Below this the heap refuses to start.
    static let minimumSize: UInt32 = 256 << 10
    /// "No page" in lists.
    static let none = UInt32.max
    /// The size classes of small blocks, in bytes.
    static let classSizes: InlineArray<14, UInt16> = [16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048]
    /// The largest small block.
    static let largestSmall: UInt32 = 2048

    /// The region, [start, end): the page records, then the pages.
    nonisolated(unsafe) package static var start: UInt32 = 0
    nonisolated(unsafe) package static var end: UInt32 = 0
    /// Address of page 0, and the number of pages.
    nonisolated(unsafe) static var firstPage: UInt32 = 0
    nonisolated(unsafe) package static var pageCount: UInt32 = 0
    /// The page records, at `start` (an aligned dummy until `initialize`,
    /// which runs before anything can allocate).
    nonisolated(unsafe) static var pages = UnsafeMutablePointer<PageInfo>(bitPattern: 4)!
    /// First free run, and each class's first slab with a free block.
    nonisolated(unsafe) static var freeRuns: UInt32 = none
    nonisolated(unsafe) static var partialSlabs: InlineArray<14, UInt32> = .init(repeating: none)

    /// Blocks allocated and not yet freed.
    nonisolated(unsafe) static var liveBlocks = 0
    /// Bytes in those blocks.
    nonisolated(unsafe) static var liveBytes = 0

    /// Finds room for the heap and sets it up.
    ///
    /// Steps:
    /// 1. place the region (see `placeRegion`); refuse to run without one;
    /// 2. split it into the page table and the pages;
    /// 3. every page free, every class without slabs.
    static func initialize() {
        // 1.
        let (base, size) = placeRegion()
        if size < minimumSize {
            Panic.fail("heap: no usable memory for the heap after the kernel; found bytes:", size)
        }
        start = base
        end = base + size
        // 2.
        //    Each page costs a page plus its record; the pages start on the
        //    first page boundary after the records.
        let recordSize = UInt32(MemoryLayout<PageInfo>.stride)
        let records = size / (pageSize + recordSize)
        pages = UnsafeMutablePointer<PageInfo>(bitPattern: UInt(start))!
        firstPage = align(start + records * recordSize, to: pageSize)
        pageCount = min(records, (end - firstPage) / pageSize)
        // 3.
        initializePages()
        for index in 0..<classSizes.count {
            partialSlabs[index] = none
        }
    }

    /// Chooses the heap region.
    ///
    /// Steps:
    /// 1. the first page boundary after the kernel image, moved past any
    ///    loader range (modules, command line, map) the region would overlap;
    /// 2. as much of `preferredSize` as the usable region there holds (all
    ///    of it, trusted, when there is no map; nothing outside usable RAM).
    static func placeRegion() -> (base: UInt32, size: UInt32) {
        // 1.
        var base = align(ia32_kernel_end(), to: pageSize)
        var moved = true
        while moved {
            moved = false
            Multiboot.forEachLoaderRange { rangeStart, rangeEnd in
                if rangeStart < base + preferredSize && rangeEnd > base {
                    base = align(rangeEnd, to: pageSize)
                    moved = true
                }
            }
        }
        // 2.
        guard Multiboot.hasMemoryMap else { return (base, preferredSize) }
        for region in Multiboot.memoryMap where region.isUsable {
            if UInt64(base) >= region.base && UInt64(base) < region.end {
                let room = min(region.end, 1 << 32) - UInt64(base)
                return (base, UInt32(min(room, UInt64(preferredSize))) & ~(pageSize - 1))
            }
        }
        return (base, 0)
    }

    /// `value` rounded up to a multiple of `alignment` (a power of two).
    static func align(_ value: UInt32, to alignment: UInt32) -> UInt32 {
        (value + alignment - 1) & ~(alignment - 1)
    }

    /// The smallest class holding `size` bytes aligned to `alignment`,
    /// or nil when the block must be a large one.
    static func sizeClass(size: UInt32, alignment: UInt32) -> Int? {
        guard size <= largestSmall else { return nil }
        for index in 0..<classSizes.count {
            let classSize = UInt32(classSizes[index])
            if classSize >= size && classSize % alignment == 0 { return index }
        }
        return nil
    }

    // excerpt: heap-allocate
    /// Allocates `size` bytes aligned to `alignment` (a power of two, at
    /// most a page); panics when the heap is full.
    ///
    /// Steps:
    /// 1. a small block from its class's slab, or a run of whole pages;
    /// 2. out of memory: panic with the request;
    /// 3. count the block.
    static func allocate(size: UInt32, alignment: UInt32) -> UnsafeMutableRawPointer {
        var address: UInt32 = 0
        var bytes: UInt32 = 0
        // 1.
        if let index = sizeClass(size: size, alignment: alignment) {
            address = allocateSmall(index)
            bytes = UInt32(classSizes[index])
        } else {
            let count = (size + pageSize - 1) / pageSize
            let page = takePages(count)
            if page != none { address = firstPage + page * pageSize }
            bytes = count * pageSize
        }
        // 2.
        if address == 0 {
            Panic.fail("heap: out of memory: cannot allocate bytes", size, "; bytes in live blocks: ", UInt32(liveBytes))
        }
        // 3.
        liveBlocks += 1
        liveBytes += Int(bytes)
        return UnsafeMutableRawPointer(bitPattern: UInt(address))!
    }
    // end excerpt

    // excerpt: heap-free
    /// Frees the block at `address`, after checking it is one.
    ///
    /// Steps:
    /// 1. the address must be inside the pages;
    /// 2. a slab block: check and clear its bit;
    /// 3. a large block: it must start the run; give the pages back;
    /// 4. anything else was never a live block.
    static func free(_ address: UInt32) {
        // 1.
        guard address >= firstPage && address < firstPage + pageCount * pageSize else {
            Panic.fail("heap: free of a pointer outside the heap:", address)
        }
        let page = (address - firstPage) / pageSize
        let offset = (address - firstPage) % pageSize
        switch pages[Int(page)].state {
        case .slab:
            // 2.
            let index = Int(pages[Int(page)].sizeClass)
            freeSmall(page: page, offset: offset, index)
            liveBlocks -= 1
            liveBytes -= Int(classSizes[index])
        case .large where offset == 0:
            // 3.
            let count = pages[Int(page)].run
            givePages(page, count)
            liveBlocks -= 1
            liveBytes -= Int(count * pageSize)
        case .freeHead, .freeTail, .freeInside:
            // 4.
            Panic.fail("heap: double free (the block is already free):", address)
        default:
            Panic.fail("heap: free of a pointer into the middle of a block:", address)
        }
    }
    // end excerpt

    /// Number of free bytes in whole free pages (slab space not counted).
    static func freeBytes() -> UInt32 {
        freePageCount() * pageSize
    }
}

/// posix_memalign(3): stores in `result` a block of at least `size`
/// bytes aligned to `alignment`. Returns EINVAL (22) when the alignment
/// is not a power of two multiple of the pointer size, or is larger than
/// a page. Zero bytes give a block of the smallest class.
@_cdecl("posix_memalign")
package func posix_memalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> CInt {
    let einval: CInt = 22
    guard alignment >= 4, alignment & (alignment - 1) == 0, alignment <= Int(Heap.pageSize), size >= 0 else {
        return einval
    }
    if Heap.pageCount == 0 {
        Panic.fail("heap: allocation before the heap is initialised, bytes:", UInt32(size))
    }
    result.pointee = Heap.allocate(size: UInt32(max(size, 1)), alignment: UInt32(alignment))
    return 0
}

/// free(3), reached through the `free` symbol in runtime.S. Freeing nil
/// does nothing; freeing anything but a live block panics.
@_cdecl("heap_free")
package func heapFree(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Heap.free(UInt32(UInt(bitPattern: pointer)))
}

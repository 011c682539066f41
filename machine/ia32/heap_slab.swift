// machine/ia32/heap_slab.swift -- small blocks: pages cut into equal blocks.
//
// A slab is one heap page holding blocks of a single size class (see
// heap.swift for the classes). Its page record keeps a bitmap with one bit
// per block (set: allocated) and a count of allocated blocks. The 16-byte
// class has the most blocks, 256, hence the 8 words of the bitmap. Bits
// past the last block of a class are set once and for all, so they never
// look free.
//
// Each class keeps a doubly linked list of its *partial* slabs: those with
// at least one free block. A slab leaves the list when it fills up and
// comes back when one of its blocks is freed. A slab whose last block is
// freed goes back to the page allocator, unless it is its class's only
// partial slab: keeping one spare avoids taking and giving a page for
// every allocation when a program allocates and frees one block in a loop.

internal import IA32

extension Heap {
    /// Number of blocks of class `index` in one slab.
    static func blocksPerSlab(_ index: Int) -> UInt32 {
        pageSize / UInt32(classSizes[index])
    }

    /// Allocates one block of class `index`; returns its address, or 0
    /// when a new slab was needed and no page was left.
    ///
    /// Steps:
    /// 1. the first partial slab of the class, or a fresh one;
    /// 2. the first clear bit of its bitmap (there is one: the slab is partial);
    /// 3. set it; a slab that is now full leaves the partial list.
    static func allocateSmall(_ index: Int) -> UInt32 {
        // 1.
        var page = partialSlabs[index]
        if page == none {
            page = newSlab(index)
            if page == none { return 0 }
        }
        // 2.
        var word = 0
        while pages[Int(page)].bitmap[word] == UInt32.max {
            word += 1
        }
        let bit = (~pages[Int(page)].bitmap[word]).trailingZeroBitCount
        // 3.
        pages[Int(page)].bitmap[word] |= UInt32(1) << UInt32(bit)
        pages[Int(page)].used += 1
        if UInt32(pages[Int(page)].used) == blocksPerSlab(index) {
            unlinkSlab(page, index)
        }
        let block = UInt32(word * 32 + bit)
        return firstPage + page * pageSize + block * UInt32(classSizes[index])
    }

    /// Frees the block at byte `offset` of slab `page`, of class `index`.
    ///
    /// Steps:
    /// 1. the offset must start a block of this slab;
    /// 2. the block's bit must be set, or this is a double free;
    /// 3. clear it; a slab that was full becomes partial again;
    /// 4. an empty slab goes back to the pages, unless it is the only partial one.
    static func freeSmall(page: UInt32, offset: UInt32, _ index: Int) {
        // 1.
        let size = UInt32(classSizes[index])
        let block = offset / size
        if offset % size != 0 || block >= blocksPerSlab(index) {
            Panic.fail("heap: free of a pointer into the middle of a block:", firstPage + page * pageSize + offset)
        }
        // 2.
        let word = Int(block / 32), mask = UInt32(1) << (block % 32)
        if pages[Int(page)].bitmap[word] & mask == 0 {
            Panic.fail("heap: double free (the block is already free):", firstPage + page * pageSize + offset)
        }
        // 3.
        let wasFull = UInt32(pages[Int(page)].used) == blocksPerSlab(index)
        pages[Int(page)].bitmap[word] &= ~mask
        pages[Int(page)].used -= 1
        if wasFull {
            linkSlab(page, index)
        }
        // 4.
        if pages[Int(page)].used == 0 && !(partialSlabs[index] == page && pages[Int(page)].next == none) {
            unlinkSlab(page, index)
            givePages(page, 1)
        }
    }

    /// Takes a page and makes it an empty slab of class `index`, at the
    /// head of the class's partial list; returns `none` without a page.
    static func newSlab(_ index: Int) -> UInt32 {
        let page = takePages(1)
        if page == none { return none }
        pages[Int(page)].state = .slab
        pages[Int(page)].sizeClass = UInt8(index)
        pages[Int(page)].used = 0
        // Bits of blocks that do not exist are set: they never look free.
        let blocks = blocksPerSlab(index)
        for word in 0..<8 {
            let first = UInt32(word * 32)
            if first + 32 <= blocks {
                pages[Int(page)].bitmap[word] = 0
            } else if first >= blocks {
                pages[Int(page)].bitmap[word] = UInt32.max
            } else {
                pages[Int(page)].bitmap[word] = UInt32.max << (blocks - first)
            }
        }
        linkSlab(page, index)
        return page
    }

    /// Pushes slab `page` on the partial list of class `index`.
    static func linkSlab(_ page: UInt32, _ index: Int) {
        let head = partialSlabs[index]
        pages[Int(page)].previous = none
        pages[Int(page)].next = head
        if head != none { pages[Int(head)].previous = page }
        partialSlabs[index] = page
    }

    /// Takes slab `page` out of the partial list of class `index`.
    static func unlinkSlab(_ page: UInt32, _ index: Int) {
        let next = pages[Int(page)].next, previous = pages[Int(page)].previous
        if previous != none { pages[Int(previous)].next = next } else { partialSlabs[index] = next }
        if next != none { pages[Int(next)].previous = previous }
        pages[Int(page)].next = none
        pages[Int(page)].previous = none
    }
}

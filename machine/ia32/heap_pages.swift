// machine/ia32/heap_pages.swift -- the heap's page allocator.
//
// The heap (heap.swift) hands out memory in 4 KiB pages. This file keeps
// track of them: which pages are free, which hold a large block, which
// are cut into small blocks. It works on runs of contiguous pages:
//
// * the free runs are kept in a doubly linked list (first fit: the first
//   run big enough is used and split, its rest stays in the list);
// * when a run is freed it is merged at once with a free neighbour on
//   either side (coalescing), so freed memory does not stay in crumbs.
//
// Finding the neighbours must be fast, so each run carries "boundary
// tags": its first page records that the run is free and its length, and
// so does its last page. The page right before a freed run is then the
// last page of the previous run, and tells in one read whether that run
// is free and where it starts.
//
// The records live in a table of `PageInfo`, one per page, at the start
// of the heap region, not inside the pages: a block overwritten by a
// buggy program cannot corrupt the allocator's bookkeeping, and a free
// of a bad pointer can be recognised instead of trusted.

internal import IA32

/// What a page of the heap is used for.
enum PageState: UInt8 {
    /// First page of a free run (its `run`, `next` and `previous` are valid).
    case freeHead
    /// Last page of a free run of two pages or more (its `run` is valid).
    case freeTail
    /// Any other page of a free run.
    case freeInside
    /// First page of a large block (its `run` is valid).
    case large
    /// Any other page of a large block.
    case largeInside
    /// A page cut into small blocks of one size class (see heap.swift).
    case slab
}

/// The record of one heap page.
struct PageInfo {
    /// What the page is used for.
    var state: PageState
    /// For a slab: its size class.
    var sizeClass: UInt8
    /// For a slab: how many of its blocks are allocated.
    var used: UInt16
    /// For a run's first and last pages: the run's length in pages.
    var run: UInt32
    /// Next page in a list (`Heap.none` at the end): the free-run list
    /// for a free head, the class's list of partial slabs for a slab.
    var next: UInt32
    /// Previous page in the same list (`Heap.none` at the start).
    var previous: UInt32
    /// For a slab: one bit per block, set while the block is allocated.
    var bitmap: InlineArray<8, UInt32>
}

extension Heap {
    /// Marks every page free, as one run in the free list.
    static func initializePages() {
        for page in 0..<pageCount {
            pages[Int(page)] = PageInfo(state: .freeInside, sizeClass: 0, used: 0, run: 0,
                                        next: none, previous: none, bitmap: .init(repeating: 0))
        }
        freeRuns = none
        makeFreeRun(at: 0, length: pageCount)
    }

    /// Takes `count` contiguous pages, returns the first one's number, or
    /// `none` when no free run is long enough.
    ///
    /// Steps:
    /// 1. first fit: walk the free list to the first run of `count` pages or more;
    /// 2. take the run out of the list; put its rest back as a smaller run;
    /// 3. record the taken pages as one large block (the caller may re-mark it).
    static func takePages(_ count: UInt32) -> UInt32 {
        // 1.
        var head = freeRuns
        while head != none && pages[Int(head)].run < count {
            head = pages[Int(head)].next
        }
        if head == none { return none }
        // 2.
        let length = pages[Int(head)].run
        unlinkFreeRun(head)
        if length > count {
            makeFreeRun(at: head + count, length: length - count)
        }
        // 3.
        markRun(at: head, length: count, head: .large, inside: .largeInside)
        return head
    }

    /// Gives back the `count` pages starting at `first`.
    ///
    /// Steps:
    /// 1. merge with the next run if it is free;
    /// 2. merge with the previous run if it is free (its last page says so);
    /// 3. record the merged run and put it in the free list.
    static func givePages(_ first: UInt32, _ count: UInt32) {
        var start = first, length = count
        // 1.
        let after = first + count
        if after < pageCount && pages[Int(after)].state == .freeHead {
            length += pages[Int(after)].run
            unlinkFreeRun(after)
        }
        // 2.
        if first > 0 {
            let before = pages[Int(first - 1)]
            if before.state == .freeTail || before.state == .freeHead {
                start = first - before.run
                length += before.run
                unlinkFreeRun(start)
            }
        }
        // 3.
        makeFreeRun(at: start, length: length)
    }

    /// Records pages [start, start + length) as one free run and pushes it
    /// on the free list.
    static func makeFreeRun(at start: UInt32, length: UInt32) {
        markRun(at: start, length: length, head: .freeHead, inside: .freeInside)
        if length > 1 {
            pages[Int(start + length - 1)].state = .freeTail
            pages[Int(start + length - 1)].run = length
        }
        pages[Int(start)].previous = none
        pages[Int(start)].next = freeRuns
        if freeRuns != none { pages[Int(freeRuns)].previous = start }
        freeRuns = start
    }

    /// Takes the free run starting at `head` out of the free list.
    static func unlinkFreeRun(_ head: UInt32) {
        let next = pages[Int(head)].next, previous = pages[Int(head)].previous
        if previous != none { pages[Int(previous)].next = next } else { freeRuns = next }
        if next != none { pages[Int(next)].previous = previous }
    }

    /// Sets the state of every page of a run: `head` for the first page
    /// (which records the length), `inside` for the others.
    static func markRun(at start: UInt32, length: UInt32, head: PageState, inside: PageState) {
        pages[Int(start)].state = head
        pages[Int(start)].run = length
        var page = start + 1
        while page < start + length {
            pages[Int(page)].state = inside
            page += 1
        }
    }

    /// Number of free pages (walks the free list; for tests and reports).
    static func freePageCount() -> UInt32 {
        var total: UInt32 = 0
        var head = freeRuns
        while head != none {
            total += pages[Int(head)].run
            head = pages[Int(head)].next
        }
        return total
    }

    /// Number of runs in the free list (1 when nothing is fragmented).
    package static func freeRunCount() -> UInt32 {
        var total: UInt32 = 0
        var head = freeRuns
        while head != none {
            total += 1
            head = pages[Int(head)].next
        }
        return total
    }
}

// machine/ia32/context.swift -- threads on ia32: a kernel stack each,
// their first run, and the switch from one to another.
//
// What the machine keeps for every thread (`ThreadControl`) sits at the
// bottom of one block of the heap, under the thread's kernel stack:
//
//     base + 8192  +--------------------+  kernel stack top (TSS esp0)
//                  |  interrupt frames, |  the CPU and interrupts.S push
//                  |  switch frames     |  here while ring 1-3 runs
//                  |        ...         |
//     base + 64    +--------------------+
//                  |  the control words |  (below)
//     base         +--------------------+
//
// A thread of ring 0 runs on the stack the core gave it, in its task's
// space; it uses the kernel stack only for its first switch. A thread of
// ring 1, 2 or 3 runs on its own stack too, and the CPU moves onto its
// kernel stack at every interrupt (tss.swift).
//
// The processor is always running one context: the boot context (the
// stack the harness runs the tests on, which is also the idle context:
// it halts when nothing can run) or one thread. The scheduler's hooks
// switch between them (context_switch.swift, with context.S); a switch
// saves the context's stack pointer, whether the clock may preempt it
// (clock.swift) and its CR3.

internal import IA32

/// The words the machine keeps about one thread (or the boot context),
/// at `base`: see the top of this file.
struct ThreadControl: Equatable {
    /// The address of the block (the control words, then the stack).
    let base: UInt32

    // excerpt: control-words
    /// Bytes in a block: the control words and the kernel stack.
    static let blockSize: UInt32 = 8192
    /// The marker in word 11 of a live block.
    static let magic: UInt32 = 0x7EAD_C0DE

    // The control words, by index.
    static let savedStackWord = 0      // %esp saved by the last switch
    static let directoryWord = 1       // CR3 to load when it resumes (0: keep)
    static let flagsWord = 2           // bit 0 started, bit 1 preemptible
    static let startWord = 4           // five words: eip, esp, eflags, cs, ds
    static let threadWord = 9          // the core's identifier (two words)
    static let magicWord = 11
    // end excerpt

    /// The control word `index`.
    func word(_ index: Int) -> UnsafeMutablePointer<UInt32> {
        UnsafeMutablePointer<UInt32>(bitPattern: UInt(base) + UInt(index * 4))!
    }

    /// The top of its kernel stack (what esp0 holds while it runs).
    var kernelStackTop: UInt32 { base + Self.blockSize }
    /// The address of its start block (ia32_thread_start reads it).
    var startBlock: UInt32 { base + UInt32(Self.startWord * 4) }
    /// True once it has run at least once.
    var started: Bool {
        get { word(Self.flagsWord).pointee & 1 != 0 }
        nonmutating set { setFlag(1, newValue) }
    }
    /// True when the clock may preempt it where it stands (clock.swift).
    var preemptible: Bool {
        get { word(Self.flagsWord).pointee & 2 != 0 }
        nonmutating set { setFlag(2, newValue) }
    }

    /// Sets or clears `bit` of the flags word.
    func setFlag(_ bit: UInt32, _ on: Bool) {
        let flags = word(Self.flagsWord)
        flags.pointee = on ? flags.pointee | bit : flags.pointee & ~bit
    }

    /// Start word `index` (0 eip, 1 esp, 2 eflags, 3 cs, 4 ds).
    func start(_ index: Int) -> UnsafeMutablePointer<UInt32> {
        word(Self.startWord + index)
    }

    /// A new block, zeroed, with its marker.
    static func allocate() -> ThreadControl {
        let memory = Heap.allocate(size: blockSize, alignment: 16)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: Int(blockSize))
        let control = ThreadControl(base: UInt32(UInt(bitPattern: memory)))
        control.word(magicWord).pointee = magic
        return control
    }

    /// Gives the block back to the heap.
    func free() {
        word(Self.magicWord).pointee = 0
        Heap.free(base)
    }
}

/// The running context and the switch between contexts.
package enum Context {
    /// The boot (and idle) context: a block with no stack of its own use.
    nonisolated(unsafe) static var boot = ThreadControl(base: 0)
    /// The context running now (the boot context until the first switch).
    nonisolated(unsafe) static var running = ThreadControl(base: 0)
    /// Switches so far (first runs included).
    nonisolated(unsafe) package internal(set) static var switches: UInt64 = 0
    /// Times the idle (boot) context was resumed because nothing could run.
    nonisolated(unsafe) package internal(set) static var idleEntries: UInt64 = 0

    // The flags of a thread's first run: interrupts on (IF, bit 9) and
    // bit 1, which is always set; of its first switch: interrupts off.
    static let firstRunFlags: UInt32 = 0x202
    static let switchFlags: UInt32 = 0x002

    // excerpt: boot-context
    /// The boot context's block, made the first time it is needed.
    static func bootContext() -> ThreadControl {
        if boot.base == 0 {
            boot = ThreadControl.allocate()
            boot.started = true
            running = boot
        }
        return boot
    }

    /// True when a thread (not the boot context) runs.
    package static var threadRuns: Bool {
        running.base != 0 && running != boot
    }

    /// The core's identifier of the running thread (0: the boot context).
    package static var runningThread: UInt64 {
        guard threadRuns else { return 0 }
        return UInt64(running.word(ThreadControl.threadWord).pointee)
            | UInt64(running.word(ThreadControl.threadWord + 1).pointee) << 32
    }

    /// Nothing can run: go back to the boot context, which halts until
    /// an interrupt brings work (`Clock.idle`).
    static func switchToIdle() throws(KernelError) {
        let idle = bootContext()
        if running != idle {
            idleEntries &+= 1
            try switchTo(idle)
        }
    }
    // end excerpt
}

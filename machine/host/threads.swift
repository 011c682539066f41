// machine/host/threads.swift -- kernel threads as host threads.
//
// On ia32 a thread is a saved context on its own kernel stack, and the
// machine switches stacks when the scheduler elects another thread. The
// host cannot switch Swift stacks by hand, so it gives each kernel
// thread a host thread of its own (a pthread, with its own stack) and
// lets exactly one of them run kernel code at a time. The right to run
// is a *baton*: every context has a semaphore, and switching is
// "wake the elected one, then sleep on my own semaphore":
//
//     idle context (the test)     thread A (host)        thread B (host)
//     Scheduler.elect() ------->  body A runs
//       waits                     Scheduler.yield() ---> body B runs
//                                   waits                ThreadManager.exit(B)
//                                 yield returns <------- (B never runs again)
//                                 ThreadManager.exit(A)
//     elect returns <------------ (A never runs again)
//
// * A thread runs on the host only if its entry is a *host entry*: a
//   fake address `hostEntry(_:)` hands out for a Swift closure (the
//   thread's body, given the thread's identifier). A thread with any
//   other entry has no host thread: the idle context plays its part, as
//   the older tests do (they elect from the test and go on; electing
//   such a thread from a host body hands the baton to the test).
// * The host thread is created at the thread's first election, and
//   starts in the body the thread's saved program counter names (its
//   entry, or what `ThreadManager.load` put there before that).
// * The *idle context* is whoever called the kernel while no host
//   thread ran: the test's own thread. `schedulerIdle` hands the baton
//   back to it, as ia32 goes back to its boot stack and halts.
// * A body must end by exiting its thread (`ThreadManager.exit`). A body
//   that returns does what a thread that returns from its entry does on
//   the processor: it jumps to nowhere. The host reports it to the core
//   as a page fault at address 0 (`MachineUpcalls.threadFaulted`), and
//   the core kills the thread (exit value 0xDEAD000E).
// * A released thread's host thread ends with it: the releaser wakes it
//   with a "die" flag and waits for it to end (`pthread_join`). It ends
//   where it was parked, without returning into the kernel
//   (`pthread_exit`: the kernel frames on its stack are dropped, not
//   run). So a thread released while suspended never runs again, and no
//   host thread outlives its kernel thread, nor the kernel's `clean`.
// * A body must not clean the kernel or release its own thread (the core
//   refuses the latter: it is current); the host panics if it happens.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

extension Machine {
    /// The code of a host thread: it gets its thread's identifier, and
    /// must end by exiting it (see the top of this file).
    public typealias HostBody = @Sendable (Identifier) -> Void

    /// One context that may hold the baton: the idle context (thread 0)
    /// or the host thread of one kernel thread.
    final class HostContext: @unchecked Sendable {
        /// The kernel thread (0: the idle context).
        let identifier: Identifier
        /// What the host thread runs (nil for the idle context).
        let body: HostBody?
        /// Signalled when this context may run.
        let baton = DispatchSemaphore(value: 0)
        /// Set by the releaser: wake up only to end.
        var dying = false
        /// The host thread, once created.
        var thread: pthread_t?

        init(identifier: Identifier, body: HostBody?) {
            self.identifier = identifier
            self.body = body
        }
    }

    /// Where the fake entry addresses of host bodies begin, and the step
    /// between two of them.
    public static let hostEntryBase: UInt64 = 0xB0D0_0000
    /// See `hostEntryBase`.
    public static let hostEntryStride: UInt64 = 0x10

    /// How long the idle context waits for the baton before the host
    /// gives up: threads that never give the processor back are a bug
    /// of the test (a crash says so, where a hang would say nothing).
    static let idleTimeoutSeconds = 60

    /// The bodies registered, by fake entry address; the kernel's
    /// `clean` forgets them.
    nonisolated(unsafe) static var hostBodies: [UInt64: HostBody] = [:]
    /// How many entries were ever handed out (never reused).
    nonisolated(unsafe) static var hostEntryCount: UInt64 = 0
    /// The host thread of every kernel thread that has one.
    nonisolated(unsafe) static var hostThreads: [Identifier: HostContext] = [:]
    /// The context of whoever runs kernel code while no host thread does.
    static let idleContext = HostContext(identifier: 0, body: nil)
    /// The context that holds the baton.
    nonisolated(unsafe) static var runningContext = idleContext

    /// Host threads created and not yet ended (counted down once
    /// `pthread_join` saw them end): the host's leak check for threads.
    nonisolated(unsafe) public internal(set) static var liveHostThreads = 0

    /// Names `body` as a thread entry: returns the fake address to hand
    /// `ThreadManager.reserve` (or `load`), which the host recognises at
    /// the thread's first election and runs `body` on a host thread.
    public static func hostEntry(_ body: @escaping HostBody) -> UInt64 {
        hostEntryCount += 1
        let entry = hostEntryBase + hostEntryCount * hostEntryStride
        hostBodies[entry] = body
        return entry
    }

    /// `schedulerElected`'s switch: the host thread of `thread` runs,
    /// and the caller waits until it is elected again. A thread without
    /// a host body is the idle context's to play (no switch if the idle
    /// context elected it).
    static func switchToHostThread(_ thread: Identifier, record: ThreadRecord) {
        handBaton(to: hostContext(thread, record) ?? idleContext)
    }

    /// `schedulerIdle`'s switch: the idle context runs, and the caller
    /// waits until it is elected again.
    static func switchToIdleContext() {
        handBaton(to: idleContext)
    }

    /// The host thread of `thread`, created at its first election if
    /// its saved program counter names a host body; nil if none does.
    ///
    /// Steps: 1. an existing one; 2. the body its context names; 3. a
    /// new host thread, parked until it is handed the baton.
    static func hostContext(_ thread: Identifier, _ record: ThreadRecord) -> HostContext? {
        // 1.
        if let context = hostThreads[thread] {
            return context
        }
        // 2.
        guard let body = hostBodies[record.context.programCounter] else {
            return nil
        }
        // 3.
        let context = HostContext(identifier: thread, body: body)
        startHostThread(context)
        hostThreads[thread] = context
        return context
    }

    /// Hands the baton to `target` and waits for it to come back to the
    /// caller; a caller released meanwhile ends here instead.
    ///
    /// Steps: 1. nothing to do if `target` holds it already; 2. wake the
    /// target; 3. wait; 4. a context woken to die ends its host thread.
    static func handBaton(to target: HostContext) {
        // 1.
        let me = runningContext
        if target === me {
            return
        }
        // 2.
        runningContext = target
        target.baton.signal()
        // 3.
        waitForBaton(me)
        // 4.
        if me.dying {
            endHostThread()
        }
    }

    /// Parks `context` until it is handed the baton (the idle context
    /// gives up after `idleTimeoutSeconds`: see there).
    static func waitForBaton(_ context: HostContext) {
        if context !== idleContext {
            context.baton.wait()
            return
        }
        if context.baton.wait(timeout: .now() + .seconds(idleTimeoutSeconds)) == .timedOut {
            fatalError("host machine: the threads did not give the processor back in \(idleTimeoutSeconds) s")
        }
    }

    /// Ends the calling host thread where it stands: the kernel frames
    /// on its stack are dropped, never returned into.
    static func endHostThread() -> Never {
        pthread_exit(nil)
    }

    /// Creates the host thread of `context`, parked on its baton.
    static func startHostThread(_ context: HostContext) {
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let argument = Unmanaged.passRetained(context).toOpaque()
        let status = pthread_create(&thread, nil, { argument in
            #if canImport(Glibc)
            let context = Unmanaged<HostContext>.fromOpaque(argument!).takeRetainedValue()
            #else
            let context = Unmanaged<HostContext>.fromOpaque(argument).takeRetainedValue()
            #endif
            Machine.runHostThread(context)
            return nil
        }, argument)
        if status != 0 {
            fatalError("host machine: cannot create a host thread (error \(status))")
        }
        context.thread = thread
        liveHostThreads += 1
    }

    /// The life of a host thread: wait for the first turn, run the body;
    /// a body that returns faults (see the top of this file).
    ///
    /// Steps: 1. wait for the baton (released before its first turn:
    /// end); 2. run the body; 3. it returned: a fault, which the core
    /// handles by killing the thread and electing another, so the
    /// upcall returns only if no thread of the core ran (a panic).
    static func runHostThread(_ context: HostContext) {
        // 1.
        waitForBaton(context)
        if context.dying {
            return
        }
        // 2.
        context.body?(context.identifier)
        // 3.
        let pageFault: UInt8 = 14
        _ = upcalls.threadFaulted(pageFault, 0)
        fatalError("host machine: the body of thread 0x\(String(context.identifier, radix: 16)) returned"
            + " and no thread of the core runs")
    }

    /// `threadReleasing`'s part: the host thread of `thread` (if it has
    /// one) is woken to die, and is gone when this returns.
    ///
    /// Steps: 1. forget it; 2. it cannot be the one running (the core
    /// does not release the current thread); 3. wake it to die and wait
    /// for its end.
    static func endHostThread(of thread: Identifier) {
        // 1.
        guard let context = hostThreads.removeValue(forKey: thread) else {
            return
        }
        // 2.
        if context === runningContext {
            fatalError("host machine: thread 0x\(String(thread, radix: 16)) released while it runs"
                + " (a host body cleaned the kernel?)")
        }
        // 3.
        context.dying = true
        context.baton.signal()
        if let running = context.thread {
            pthread_join(running, nil)
            liveHostThreads -= 1
        }
    }
}

// Tests/KernelCoreTests/TaskPropertyTests.swift -- random task and thread
// operations, seeded, checked step by step against a model written from
// the state machine's drawing (reference/task/lifecycle.swift), not from
// the code.

import Testing
@testable import Kernel
@testable import Machine

/// The model: what every task and thread should be after each step.
struct ExecutionModel {
    /// Each object's life (tasks and threads alike).
    var lives: [Identifier: Lifecycle] = [:]
    /// Each thread's task.
    var owner: [Identifier: Identifier] = [:]
    /// The live tasks (the kernel's included) and threads.
    var tasks: Set<Identifier> = []
    var threads: Set<Identifier> = []

    /// The error `verb` on `identifier` must give, or nil: then the model moves.
    mutating func move(_ identifier: Identifier, _ verb: LifecycleVerb) -> KernelError? {
        guard var life = lives[identifier] else { return .unknownIdentifier }
        if life.state == .zombie { return .invalidArgument }
        var exiting = false
        if case .exit = verb { exiting = true }
        if life.waitingFor != 0 && !exiting { return .busy }
        let event: WaitEvents
        switch verb {
        case .start:
            if life.state != .stopped && life.state != .blocked { return .invalidArgument }
            life.state = .running; event = .started
        case .stop:
            if life.state != .running && life.state != .blocked { return .invalidArgument }
            life.state = .stopped; event = .stopped
        case .block:
            if life.state != .running { return .invalidArgument }
            life.state = .blocked; event = []
        case .exit(let value):
            if life.waitingFor != 0 { lives[life.waitingFor]!.waiters.removeAll { $0.identifier == identifier } }
            life.state = .zombie; life.exitValue = value; life.waitingFor = 0; event = .died
        }
        life.happened.insert(event)
        let woken = life.waiters.filter { event == .died || (!event.isEmpty && $0.events.contains(event)) }
        life.waiters.removeAll { event == .died || (!event.isEmpty && $0.events.contains(event)) }
        lives[identifier] = life
        for waiter in woken {
            lives[waiter.identifier]!.answer = WaitAnswer(target: identifier, event: event, value: event == .died ? life.exitValue : 0)
            lives[waiter.identifier]!.waitingFor = 0
            lives[waiter.identifier]!.state = .running
        }
        return nil
    }

    /// What a wait must return (and the model's change if it blocks).
    mutating func wait(_ target: Identifier, _ events: WaitEvents, by waiter: Identifier) -> Result<WaitOutcome, KernelError> {
        if events.isEmpty || events.rawValue & ~7 != 0 || waiter == target { return .failure(.invalidArgument) }
        guard let life = lives[target] else { return .failure(.unknownIdentifier) }
        guard let sleeper = lives[waiter] else { return .failure(.unknownIdentifier) }
        if life.state == .zombie { return .success(.answered(WaitAnswer(target: target, event: .died, value: life.exitValue))) }
        if events.contains(.stopped) && life.happened.contains(.stopped) {
            return .success(.answered(WaitAnswer(target: target, event: .stopped, value: 0)))
        }
        if events.contains(.started) && life.happened.contains(.started) {
            return .success(.answered(WaitAnswer(target: target, event: .started, value: 0)))
        }
        if sleeper.state != .running || sleeper.waitingFor != 0 { return .failure(.invalidArgument) }
        lives[waiter]!.state = .blocked
        lives[waiter]!.waitingFor = target
        lives[target]!.waiters.append(Waiter(identifier: waiter, events: events))
        return .success(.blocked)
    }

    /// Forgets a released object (and its place in a target's list).
    mutating func forget(_ identifier: Identifier) {
        if let target = lives[identifier]?.waitingFor, target != 0 {
            lives[target]!.waiters.removeAll { $0.identifier == identifier }
        }
        lives[identifier] = nil
        tasks.remove(identifier)
        threads.remove(identifier)
        owner[identifier] = nil
    }
}

extension KernelManagers {
    @Suite struct TaskProperties {
        @Test(arguments: [1 as UInt64, 2, 3, 4])
        func randomOperationsFollowTheModel(seed: UInt64) throws {
            try restartTasks()
            let start = try executionSnapshot()
            var random = SeededGenerator(seed: seed)
            var model = ExecutionModel()
            let kernel = TaskManager.kernel
            model.lives[kernel] = try TaskManager.get(kernel).lifecycle
            model.tasks = [kernel]
            func pick(_ pool: Set<Identifier>) -> Identifier {
                // now and then an identifier nobody holds
                if pool.isEmpty || Int.random(in: 0..<12, using: &random) == 0 { return 0x0500_0000_0000_0999 }
                return pool.sorted().randomElement(using: &random)!
            }
            var blocked = 0
            for step in 0..<1500 {
                let context = "seed \(seed) step \(step)"
                switch Int.random(in: 0..<10, using: &random) {
                case 0:
                    let taskClass = TaskClass(rawValue: UInt8.random(in: 0...4, using: &random))
                    let behaviour = TaskBehaviour(rawValue: UInt8.random(in: 0...5, using: &random))
                    let priority = UInt8.random(in: 0...255, using: &random)
                    let band = behaviour.band
                    let expected: KernelError? = !taskClass.isValid || band == nil ? .invalidArgument
                        : band!.contains(priority) ? nil : .outOfRange
                    var made: Identifier = 0
                    let error = failure { () throws(KernelError) in made = try TaskManager.reserve(taskClass, behaviour, priority: priority) }
                    #expect(error == expected, "\(context)")
                    if error == nil { model.tasks.insert(made); model.lives[made] = Lifecycle() }
                case 1:
                    let task = pick(model.tasks)
                    let priority = UInt8.random(in: 5...255, using: &random)
                    let expected: KernelError? = priority < 10 || priority >= 250 ? .outOfRange
                        : !model.tasks.contains(task) ? .unknownIdentifier
                        : model.lives[task]!.state == .zombie ? .invalidArgument : nil
                    var made: Identifier = 0
                    let error = failure { () throws(KernelError) in
                        made = try ThreadManager.reserve(task, priority: priority, stackSize: pages(1), entry: 0x1000) }
                    #expect(error == expected, "\(context)")
                    if error == nil { model.threads.insert(made); model.lives[made] = Lifecycle(); model.owner[made] = task }
                case 2, 3, 4:
                    let onThread = Bool.random(using: &random)
                    let target = pick(onThread ? model.threads : model.tasks)
                    let verbs: [LifecycleVerb] = [.start, .stop, .block, .exit(UInt64(step))]
                    let verb = verbs.randomElement(using: &random)!
                    var kernelExit = false
                    if case .exit = verb, !onThread, target == kernel { kernelExit = true }
                    // the kernel's task never exits
                    let expected = kernelExit ? .busy : model.move(target, verb)
                    let error = failure { () throws(KernelError) in
                        switch (onThread, verb) {
                        case (true, .start): try ThreadManager.start(target)
                        case (true, .stop): try ThreadManager.stop(target)
                        case (true, .block): try ThreadManager.block(target)
                        case (true, .exit(let value)): try ThreadManager.exit(target, value: value)
                        case (false, .start): try TaskManager.start(target)
                        case (false, .stop): try TaskManager.stop(target)
                        case (false, .block): try TaskManager.block(target)
                        case (false, .exit(let value)): try TaskManager.exit(target, value: value)
                        }
                    }
                    #expect(error == expected, "\(context) \(verb)")
                    if error != nil && expected == nil { return }
                case 5, 6, 7:
                    let onThread = Bool.random(using: &random)
                    let pool = onThread ? model.threads : model.tasks
                    let target = pick(pool)
                    // mostly a running waiter and real events: the waits that block
                    let running = pool.filter { model.lives[$0]?.state == .running }.sorted()
                    let waiter = !running.isEmpty && Int.random(in: 0..<4, using: &random) != 0
                        ? running.randomElement(using: &random)! : pick(pool)
                    let events = WaitEvents(rawValue: Int.random(in: 0..<10, using: &random) == 0
                        ? [0, 8].randomElement(using: &random)! : UInt8.random(in: 1...7, using: &random))
                    let expected = model.wait(target, events, by: waiter)
                    var outcome: WaitOutcome = .blocked
                    let error = failure { () throws(KernelError) in
                        outcome = onThread ? try ThreadManager.wait(target, for: events, by: waiter)
                            : try TaskManager.wait(target, for: events, by: waiter)
                    }
                    if expected == .success(.blocked) { blocked += 1 }
                    switch expected {
                    case .success(let wanted): #expect(error == nil && outcome == wanted, "\(context)")
                    case .failure(let wanted): #expect(error == wanted, "\(context)")
                    }
                default:
                    let onThread = Bool.random(using: &random)
                    let target = pick(onThread ? model.threads : model.tasks)
                    let error = failure { () throws(KernelError) in
                        if onThread { try ThreadManager.release(target) } else { try TaskManager.release(target) }
                    }
                    let expected: KernelError?
                    if model.lives[target] == nil {
                        expected = .unknownIdentifier
                    } else if !onThread && target == kernel || !model.lives[target]!.waiters.isEmpty {
                        expected = .busy
                    } else if !onThread, let busy = model.threads.filter({ model.owner[$0] == target }).sorted()
                                .first(where: { !model.lives[$0]!.waiters.isEmpty }) {
                        // the flush releases its threads in order, up to the one waited for
                        for thread in model.threads.filter({ model.owner[$0] == target && $0 < busy }) { model.forget(thread) }
                        expected = .busy
                    } else {
                        if !onThread { for thread in model.threads.filter({ model.owner[$0] == target }) { model.forget(thread) } }
                        model.forget(target)
                        expected = nil
                    }
                    #expect(error == expected, "\(context) release")
                }
                // every object is as the model says
                var real: Set<Identifier> = []
                try TaskManager.tasks!.forEach { (task: TaskDescriptor) throws(KernelError) in real.insert(task.identifier) }
                try ThreadManager.threads!.forEach { (thread: ThreadDescriptor) throws(KernelError) in real.insert(thread.identifier) }
                #expect(real == model.tasks.union(model.threads), "\(context)")
                for task in model.tasks { #expect(try TaskManager.get(task).lifecycle == model.lives[task], "\(context) task") }
                for thread in model.threads {
                    #expect(try ThreadManager.get(thread).lifecycle == model.lives[thread], "\(context) thread")
                }
                if step % 50 == 0 { try expectExecutionConsistent(context) }
            }
            try expectExecutionConsistent("seed \(seed) end")
            // the run must have blocked waiters, or it tested little
            #expect(blocked >= 8, "seed \(seed): only \(blocked) waits blocked")
            // the kernel stops with everything still alive, and starts clean
            try Kernel.clean()
            try Kernel.initialize()
            #expect(try executionSnapshot() == start)
        }
    }
}

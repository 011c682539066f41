// Tests/KernelCoreTests/TaskTests.swift -- the task manager's verbs, its
// refusals (each leaves everything as it was), its hooks, and its waits.

import Testing
@testable import Kernel
@testable import Machine

extension KernelManagers {
    @Suite struct TaskVerbs {
        @Test func theKernelIsACoreTaskRunningAndCurrentAtBoot() throws {
            try restartTasks()
            let kernel = try TaskManager.get(TaskManager.kernel)
            #expect(IdentifierManager.kind(of: kernel.identifier) == .task)
            #expect(kernel.taskClass == .core && kernel.behaviour == .core && kernel.priority == 230)
            #expect(kernel.space == AddressSpaceManager.kernel)
            #expect(kernel.lifecycle.state == .running && TaskManager.current == kernel.identifier)
            #expect(Kernel.objectExists(kernel.identifier))
            #expect(ThreadManager.current == 0 && ThreadManager.threads?.storedCount == 0)
            // the kernel's task neither goes nor exits
            #expect(failure { () throws(KernelError) in try TaskManager.release(TaskManager.kernel) } == .busy)
            #expect(failure { () throws(KernelError) in try TaskManager.exit(TaskManager.kernel, value: 1) } == .busy)
            try expectExecutionConsistent()
        }

        @Test func reserveMakesAStoppedTaskWithItsOwnSpaceAndReleaseLeavesNothing() throws {
            try restartTasks()
            let before = try executionSnapshot()
            Machine.hookCalls = []
            let task = try TaskManager.reserve(.service, .interactive, priority: 150)
            // (a descriptor kept alive would keep its set of threads alive too)
            let space = try TaskManager.get(task).space
            do {
                let stored = try TaskManager.get(task)
                #expect(stored.taskClass == .service && stored.behaviour == .interactive && stored.priority == 150)
                #expect(stored.lifecycle.state == .stopped && stored.lifecycle.happened == [])
                #expect(try AddressSpaceManager.get(space).task == task)
                #expect(try TaskManager.threads(of: task) == [])
                #expect(Machine.hookCalls.map(\.hook) == ["setReserved", "setReserved", "addressSpaceReserved", "setReserved", "taskReserved"])
                #expect(Machine.hookCalls.last == Machine.HookCall(
                    hook: "taskReserved", identifier: task,
                    arguments: "class=2 behaviour=2 priority=150 space=0x\(String(space, radix: 16))", objectExisted: true))
                #expect(stored.machineRecord.reservedBy == Machine.hookCalls.count - 1)
            }
            try expectExecutionConsistent()
            Machine.hookCalls = []
            try TaskManager.release(task)
            #expect(Machine.hookCalls.map(\.hook) == ["taskReleasing", "setReleasing", "addressSpaceReleasing", "setReleasing", "setReleasing"])
            #expect(Machine.hookCalls.first?.objectExisted == true)
            #expect(!TaskManager.exist(task) && !Kernel.objectExists(task) && !AddressSpaceManager.exist(space))
            #expect(try executionSnapshot() == before)
        }

        @Test func everyClassAndBehaviourHasItsBand() throws {
            try restartTasks()
            let bands: [(TaskBehaviour, UInt8, UInt8)] = [
                (.core, 210, 250), (.realtime, 170, 210), (.interactive, 130, 170),
                (.timesharing, 50, 130), (.background, 10, 50),
            ]
            for taskClass in [TaskClass.core, .driver, .service, .program] {
                for (behaviour, low, high) in bands {
                    #expect(behaviour.band == low...high)
                    for priority in [low, high] {
                        let task = try TaskManager.reserve(taskClass, behaviour, priority: priority)
                        #expect(try TaskManager.get(task).taskClass.ring == taskClass.rawValue)
                        try TaskManager.release(task)
                    }
                    let before = try executionSnapshot()
                    let refusals = errors("task", "reserve")
                    for priority in [low - 1, high + 1] {
                        #expect(failure { () throws(KernelError) in
                            _ = try TaskManager.reserve(taskClass, behaviour, priority: priority) } == .outOfRange)
                    }
                    #expect(errors("task", "reserve") == refusals + 2)
                    #expect(try executionSnapshot() == before)
                }
            }
        }

        @Test func badClassesAndBehavioursAreRefused() throws {
            try restartTasks()
            let before = try executionSnapshot()
            let refusals = errors("task", "reserve")
            for (taskClass, behaviour) in [(TaskClass(rawValue: 4), TaskBehaviour.timesharing),
                                           (TaskClass(rawValue: 255), .core),
                                           (.program, TaskBehaviour(rawValue: 5)),
                                           (.driver, TaskBehaviour(rawValue: 200))] {
                #expect(failure { () throws(KernelError) in
                    _ = try TaskManager.reserve(taskClass, behaviour, priority: 100) } == .invalidArgument)
            }
            #expect(errors("task", "reserve") == refusals + 4)
            #expect(try executionSnapshot() == before)
        }

        @Test func theStateMachineMovesAndRefusesExactlyAsDrawn() throws {
            try restartTasks()
            // from each state, each verb: the state after, or the error
            typealias Verb = (Identifier) throws(KernelError) -> Void
            let verbs: [(String, Verb)] = [
                ("start", { (task) throws(KernelError) in try TaskManager.start(task) }),
                ("stop", { (task) throws(KernelError) in try TaskManager.stop(task) }),
                ("block", { (task) throws(KernelError) in try TaskManager.block(task) }),
                ("exit", { (task) throws(KernelError) in try TaskManager.exit(task, value: 7) }),
            ]
            let expected: [ExecutionState: [String: Result<ExecutionState, KernelError>]] = [
                .stopped: ["start": .success(.running), "stop": .failure(.invalidArgument),
                           "block": .failure(.invalidArgument), "exit": .success(.zombie)],
                .running: ["start": .failure(.invalidArgument), "stop": .success(.stopped),
                           "block": .success(.blocked), "exit": .success(.zombie)],
                .blocked: ["start": .success(.running), "stop": .success(.stopped),
                           "block": .failure(.invalidArgument), "exit": .success(.zombie)],
                .zombie: ["start": .failure(.invalidArgument), "stop": .failure(.invalidArgument),
                          "block": .failure(.invalidArgument), "exit": .failure(.invalidArgument)],
            ]
            let paths: [ExecutionState: [String]] = [.stopped: [], .running: ["start"], .blocked: ["start", "block"], .zombie: ["exit"]]
            for (from, outcomes) in expected {
                for (name, verb) in verbs {
                    let task = try programTask()
                    for step in paths[from]! {
                        try verbs.first { $0.0 == step }!.1(task)
                    }
                    #expect(try state(ofTask: task) == from)
                    let before = try executionSnapshot()
                    let refusals = errors("task", "state")
                    Machine.hookCalls = []
                    switch outcomes[name]! {
                    case .success(let after):
                        try verb(task)
                        #expect(try state(ofTask: task) == after, "\(from) \(name)")
                        #expect(Machine.hookCalls == [Machine.HookCall(
                            hook: "taskStateChanged", identifier: task,
                            arguments: "state=\(after.name) previous=\(from.name)", objectExisted: true)])
                    case .failure(let error):
                        #expect(failure { () throws(KernelError) in try verb(task) } == error, "\(from) \(name)")
                        #expect(errors("task", "state") == refusals + 1)
                        #expect(try executionSnapshot() == before, "\(from) \(name)")
                        #expect(Machine.hookCalls == [])
                    }
                    try TaskManager.release(task)
                }
            }
            try expectExecutionConsistent()
        }

        @Test func unknownIdentifiersAreRefusedEverywhere() throws {
            try restartTasks()
            let task = try programTask()
            try TaskManager.release(task)
            let before = try executionSnapshot()
            #expect(failure { () throws(KernelError) in _ = try TaskManager.get(task) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.release(task) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.start(task) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.stop(task) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.block(task) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.exit(task, value: 1) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.priority(task, 100) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try TaskManager.wait(task, for: .all) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try TaskManager.wait(TaskManager.kernel, for: .all, by: task) } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in try TaskManager.show(task) } == .unknownIdentifier)
            #expect(!TaskManager.exist(task))
            #expect(try executionSnapshot() == before)
        }

        @Test func priorityStaysInTheBand() throws {
            try restartTasks()
            let task = try TaskManager.reserve(.program, .interactive, priority: 140)
            Machine.hookCalls = []
            try TaskManager.priority(task, 170)
            #expect(try TaskManager.get(task).priority == 170)
            #expect(Machine.hookCalls == [Machine.HookCall(hook: "taskPriorityChanged", identifier: task,
                                                           arguments: "priority=170", objectExisted: true)])
            let before = try executionSnapshot()
            let refusals = errors("task", "priority")
            #expect(failure { () throws(KernelError) in try TaskManager.priority(task, 171) } == .outOfRange)
            #expect(failure { () throws(KernelError) in try TaskManager.priority(task, 129) } == .outOfRange)
            Machine.refusal = .named("taskPriorityChanged")
            #expect(failure { () throws(KernelError) in try TaskManager.priority(task, 135) } == .machineRefused)
            try TaskManager.exit(task, value: 0)
            let zombie = try executionSnapshot()
            #expect(failure { () throws(KernelError) in try TaskManager.priority(task, 150) } == .invalidArgument)
            #expect(errors("task", "priority") == refusals + 4)
            #expect(try TaskManager.get(task).priority == 170)
            #expect(try executionSnapshot() == zombie)
            _ = before
        }

        @Test func refusedHooksAreUndone() throws {
            try restartTasks()
            // a refused reservation leaves no space, set or identifier in use
            let empty = try executionSnapshot()
            for hook in ["taskReserved", "addressSpaceReserved", "setReserved"] {
                Machine.refusal = .named(hook)
                #expect(failure { () throws(KernelError) in _ = try programTask() } == .machineRefused, "\(hook)")
                #expect(try executionSnapshot() == empty, "\(hook)")
            }
            // a refused move keeps the old state
            let task = try programTask()
            let stopped = try executionSnapshot()
            Machine.refusal = .named("taskStateChanged")
            #expect(failure { () throws(KernelError) in try TaskManager.start(task) } == .machineRefused)
            #expect(try executionSnapshot() == stopped)
            // a refused release keeps the task whole
            Machine.refusal = .named("taskReleasing")
            #expect(failure { () throws(KernelError) in try TaskManager.release(task) } == .machineRefused)
            #expect(try executionSnapshot() == stopped)
            // an exit that wakes a waiter: the waiter's hook refuses, so the
            // exit is undone too, and the machine hears of the move back
            try TaskManager.start(task)
            #expect(try TaskManager.wait(task, for: .died) == .blocked)
            let waiting = try executionSnapshot()
            Machine.hookCalls = []
            Machine.refusal = .after(1)
            #expect(failure { () throws(KernelError) in try TaskManager.exit(task, value: 3) } == .machineRefused)
            #expect(try executionSnapshot() == waiting)
            #expect(Machine.hookCalls.map(\.arguments) == ["state=zombie previous=running", "state=running previous=blocked",
                                                          "state=running previous=zombie"])
            try TaskManager.exit(task, value: 3)
            #expect(try TaskManager.get(TaskManager.kernel).lifecycle.answer == WaitAnswer(target: task, event: .died, value: 3))
            try expectExecutionConsistent()
        }

        @Test func releasingATaskReleasesItsThreadsStacksAndSpace() throws {
            try restartTasks()
            let before = try executionSnapshot()
            let pagesBefore = try SegmentManager.freeBytes()
            let task = try programTask()
            let threads = try (0..<3).map { _ in try threadOf(task, stackPages: 3) }
            let space = try TaskManager.get(task).space
            #expect(Set(try TaskManager.threads(of: task)) == Set(threads))
            #expect(try AddressSpaceManager.segments(of: space).count == 3)
            #expect(try SegmentManager.freeBytes() == pagesBefore - pages(9))
            #expect(Machine.pageTables[space]?.count == 9)
            try expectExecutionConsistent()
            Machine.hookCalls = []
            try TaskManager.release(task)
            #expect(Machine.hookCalls.filter { $0.hook == "threadReleasing" }.count == 3)
            #expect(Machine.hookCalls.filter { $0.hook == "regionReleasing" }.count == 3)
            #expect(threads.allSatisfy { !Kernel.objectExists($0) })
            #expect(try SegmentManager.freeBytes() == pagesBefore)
            #expect(try executionSnapshot() == before)
        }
    }

    @Suite struct TaskWaits {
        /// A waiter (a running task) and a target in `state`.
        func pair() throws -> (waiter: Identifier, target: Identifier) {
            (try runningTask(), try programTask())
        }

        @Test(arguments: ["start", "stop", "death"])
        func aWaitBeforeTheEventBlocksThenTheEventAnswersIt(event: String) throws {
            try restartTasks()
            let (waiter, target) = try pair()
            let events: WaitEvents = event == "start" ? .started : event == "stop" ? .stopped : .died
            if event == "stop" { try TaskManager.start(target) }
            #expect(try TaskManager.wait(target, for: events, by: waiter) == .blocked)
            #expect(try state(ofTask: waiter) == .blocked)
            #expect(try TaskManager.get(waiter).lifecycle.waitingFor == target)
            #expect(try TaskManager.get(target).lifecycle.waiters == [Waiter(identifier: waiter, events: events)])
            try expectExecutionConsistent("waiting")
            // the waiting task cannot be started or stopped by hand
            #expect(failure { () throws(KernelError) in try TaskManager.start(waiter) } == .busy)
            #expect(failure { () throws(KernelError) in try TaskManager.stop(waiter) } == .busy)
            // an event it did not ask for does not wake it
            if event == "death" {
                try TaskManager.start(target)
                #expect(try state(ofTask: waiter) == .blocked)
            }
            switch event {
            case "start": try TaskManager.start(target)
            case "stop": try TaskManager.stop(target)
            default: try TaskManager.exit(target, value: 42)
            }
            let answer = try TaskManager.get(waiter).lifecycle
            #expect(answer.state == .running && answer.waitingFor == 0)
            #expect(answer.answer == WaitAnswer(target: target, event: events, value: event == "death" ? 42 : 0))
            #expect(try TaskManager.get(target).lifecycle.waiters == [])
            try expectExecutionConsistent("answered")
        }

        @Test(arguments: ["start", "stop", "death"])
        func aWaitAfterTheEventIsAnsweredAtOnce(event: String) throws {
            try restartTasks()
            let (waiter, target) = try pair()
            switch event {
            case "start": try TaskManager.start(target)
            case "stop": try TaskManager.start(target); try TaskManager.stop(target)
            default: try TaskManager.exit(target, value: 9)
            }
            let events: WaitEvents = event == "start" ? .started : event == "stop" ? .stopped : .died
            let before = try executionSnapshot()
            Machine.hookCalls = []
            #expect(try TaskManager.wait(target, for: events, by: waiter)
                == .answered(WaitAnswer(target: target, event: events, value: event == "death" ? 9 : 0)))
            #expect(try executionSnapshot() == before)
            #expect(Machine.hookCalls == [])
        }

        @Test func aZombieKeepsItsExitValueUntilReleasedAndAnswersEveryWaitWithIt() throws {
            try restartTasks()
            let target = try programTask()
            let first = try runningTask()
            let second = try runningTask()
            #expect(try TaskManager.wait(target, for: .started, by: first) == .blocked)
            #expect(try TaskManager.wait(target, for: [.stopped, .died], by: second) == .blocked)
            try TaskManager.exit(target, value: UInt64.max)
            // every waiter is answered by the death: nothing else can come
            for waiter in [first, second] {
                #expect(try TaskManager.get(waiter).lifecycle.answer == WaitAnswer(target: target, event: .died, value: .max))
                #expect(try state(ofTask: waiter) == .running)
            }
            #expect(try TaskManager.wait(target, for: .started, by: first)
                == .answered(WaitAnswer(target: target, event: .died, value: .max)))
            #expect(try TaskManager.get(target).lifecycle.exitValue == .max)
            try TaskManager.release(target)
            #expect(failure { () throws(KernelError) in _ = try TaskManager.wait(target, for: .died, by: first) } == .unknownIdentifier)
        }

        @Test func badWaitsAreRefusedAndChangeNothing() throws {
            try restartTasks()
            let waiter = try runningTask()
            let target = try programTask()
            let stopped = try programTask()
            let before = try executionSnapshot()
            let refusals = errors("task", "wait")
            // on itself, with no event or an unknown one, by a waiter that is not running
            #expect(failure { () throws(KernelError) in _ = try TaskManager.wait(waiter, for: .died, by: waiter) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try TaskManager.wait(target, for: [], by: waiter) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in
                _ = try TaskManager.wait(target, for: WaitEvents(rawValue: 8), by: waiter) } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try TaskManager.wait(target, for: .died, by: stopped) } == .invalidArgument)
            #expect(errors("task", "wait") == refusals + 4)
            #expect(try executionSnapshot() == before)
            // a live task that others wait for cannot be released; its waiter can
            #expect(try TaskManager.wait(target, for: .died, by: waiter) == .blocked)
            #expect(failure { () throws(KernelError) in try TaskManager.release(target) } == .busy)
            try TaskManager.release(waiter)
            #expect(try TaskManager.get(target).lifecycle.waiters == [])
            try TaskManager.release(target)
            try expectExecutionConsistent()
        }

        @Test func theCurrentTaskWaitsByDefaultAndCannotBeReleased() throws {
            try restartTasks()
            let target = try programTask()
            #expect(try TaskManager.wait(target, for: .started) == .blocked)
            #expect(try state(ofTask: TaskManager.kernel) == .blocked)
            try TaskManager.start(target)
            #expect(try state(ofTask: TaskManager.kernel) == .running)
            TaskManager.current = target
            #expect(failure { () throws(KernelError) in try TaskManager.release(target) } == .busy)
            TaskManager.current = TaskManager.kernel
            try TaskManager.release(target)
        }
    }
}

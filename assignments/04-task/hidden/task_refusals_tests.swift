// assignments/04-task/hidden/task_refusals_tests.swift -- hidden: what the
// task and thread managers refuse, and that a refusal changes nothing.

import Kernel
import Machine

/// Thread priorities outside [10, 250) and a zombie's new priority are
/// refused; arguments that do not fit the stack are refused.
func test_thread_priority_errors() throws(TestFailure) {
    try executionStart()
    let task = try startedTask(.core)
    let thread = try swiftThread(task, countsAndDies, start: false)
    check("band") { () throws(TestFailure) in
        try expectError(.outOfRange, "priority 9") { () throws(KernelError) in try ThreadManager.priority(thread, 9) }
        try expectError(.outOfRange, "priority 250") { () throws(KernelError) in try ThreadManager.priority(thread, 250) }
        let priority = try expectSuccess("get") { () throws(KernelError) in try ThreadManager.get(thread).priority }
        try expectEqual(priority, 100, "the priority after two refused changes")
        try expectSuccess("priority 10") { () throws(KernelError) in try ThreadManager.priority(thread, 10) }
        try expectSuccess("priority 249") { () throws(KernelError) in try ThreadManager.priority(thread, 249) }
        let changed = try expectSuccess("get") { () throws(KernelError) in try ThreadManager.get(thread).priority }
        try expectEqual(changed, 249, "the priority after two accepted changes")
    }
    check("arguments") { () throws(TestFailure) in
        let words = [UInt32](repeating: 7, count: Int(threadStack / 4) + 1)
        try expectError(.outOfRange, "more arguments than the stack holds") { () throws(KernelError) in
            try ThreadManager.arguments(thread, words)
        }
        let context = try expectSuccess("store") { () throws(KernelError) in try ThreadManager.store(thread) }
        let top = try expectSuccess("get") { () throws(KernelError) in try ThreadManager.get(thread).stackTop }
        try expectEqual(context.stackPointer, top, "the stack pointer after refused arguments")
    }
    check("zombie") { () throws(TestFailure) in
        try expectSuccess("start it") { () throws(KernelError) in try ThreadManager.start(thread) }
        _ = try runThreads { (try? threadState(thread)) == .zombie && ThreadManager.current == 0 }
        try expectError(.invalidArgument, "a dead thread's priority") { () throws(KernelError) in
            try ThreadManager.priority(thread, 100)
        }
    }
}

/// The kernel's task cannot exit or go; a task others wait for cannot
/// go while it lives.
func test_task_release_refused() throws(TestFailure) {
    try executionStart()
    check("kernel_task") { () throws(TestFailure) in
        try expectError(.busy, "exit the kernel's task") { () throws(KernelError) in
            try TaskManager.exit(TaskManager.kernel, value: 0)
        }
        try expectError(.busy, "release the kernel's task") { () throws(KernelError) in
            try TaskManager.release(TaskManager.kernel)
        }
    }
    check("waited_for") { () throws(TestFailure) in
        let target = try startedTask(.core)
        let waiter = try startedTask(.core)
        _ = try expectSuccess("wait") { () throws(KernelError) in try TaskManager.wait(target, for: .died, by: waiter) }
        try expectError(.busy, "release a live task another waits for") { () throws(KernelError) in
            try TaskManager.release(target)
        }
        try expect(TaskManager.exist(target), "the task someone waits for is gone")
        try expectSuccess("exit it, then release it") { () throws(KernelError) in
            try TaskManager.exit(target, value: 5)
            try TaskManager.release(target)
        }
    }
    check("active_space") { () throws(TestFailure) in
        // A task whose space the processor translates through cannot go:
        // its page directory is in CR3.
        let task = try startedTask(.core)
        let space = try expectSuccess("get it") { () throws(KernelError) in try TaskManager.get(task).space }
        try expectSuccess("activate its space") { () throws(KernelError) in try AddressSpaceManager.activate(space) }
        try expectError(.busy, "release the task whose space is active") { () throws(KernelError) in
            try TaskManager.release(task)
        }
        try expectSuccess("activate the kernel's space, then release it") { () throws(KernelError) in
            try AddressSpaceManager.activate(AddressSpaceManager.kernel)
            try TaskManager.release(task)
        }
    }
}

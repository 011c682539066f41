// reference/program/program.swift -- the program manager: a task made
// from a program file the boot loader loaded (a module).
//
// Starting a program is building, with the managers below, what the file
// describes:
//
//     module "ping" (ELF)          task (class program, ring 3)
//       LOAD r-x 0x40000000  --->    segment r-x + region at 0x40000000
//       LOAD rw- 0x40002000  --->    segment rw- + region at 0x40002000 (file bytes, then zeros)
//       entry 0x40000010     --->    thread: stack of `stackSize`, starts at the entry,
//                                    its arguments pushed on its stack
//
// The task is started at once. The program ends when its thread does
// (the exit call, or a fault): whoever started it waits for the thread
// (`ThreadManager.wait`, or its state), reads its exit value, and
// releases the task, which gives every page back. If any step fails,
// the task is released: nothing is left half-built.

import Machine

/// Starts programs from the boot modules.
public enum ProgramManager {
    /// The stack of a program's thread.
    public static let stackSize: UInt64 = 16 * 1024
    /// The argument words every program's entry receives (`_start` passes
    /// them on as its main function's four arguments; missing ones are 0).
    public static let argumentCount = 4
    /// Its behaviour and priority (ordinary work).
    public static let behaviour = TaskBehaviour.timesharing
    /// See `behaviour`.
    public static let priority: UInt8 = 100

    /// What `start` made.
    public struct Started: Equatable, Sendable {
        /// The program's task.
        public let task: Identifier
        /// Its one thread.
        public let thread: Identifier
    }

    /// The index of the boot module named `name`; `unknownIdentifier` if
    /// the loader loaded none.
    public static func find(_ name: String) throws(KernelError) -> Int {
        guard let index = Machine.modules().firstIndex(where: { $0.name == name }) else {
            throw KernelError.unknownIdentifier
        }
        return index
    }

    /// The header of the boot module `index` (`invalidArgument` if it is
    /// not a program for this processor).
    public static func header(_ index: Int) throws(KernelError) -> ProgramHeader {
        let size = Machine.modules()[index].size
        return try ProgramHeader.parse(size: size) { (offset, count) throws(KernelError) in
            try Machine.moduleBytes(index, offset: offset, count: count)
        }
    }

    // excerpt: program-start
    /// Starts the program `name` in a new task of class `taskClass`, its
    /// thread given `arguments` (as a C function's, on its stack; at
    /// most `argumentCount`, padded with zeros: `invalidArgument` for
    /// more).
    ///
    /// Steps: 1. find the file and read its header; 2. a task (stopped);
    /// 3. each segment of the file into memory of the task's space;
    /// 4. a thread at the entry, with its arguments; 5. start both.
    /// On any error after 2, the task is released.
    public static func start(
        _ name: String, taskClass: TaskClass = .program, arguments: [UInt32] = []
    ) throws(KernelError) -> Started {
        // 1.
        if arguments.count > argumentCount {
            throw KernelError.invalidArgument
        }
        let index = try find(name)
        let program = try header(index)
        // 2.
        let task = try TaskManager.reserve(taskClass, behaviour, priority: priority)
        do throws(KernelError) {
            // 3.
            let space = try TaskManager.get(task).space
            for segment in program.segments {
                try place(segment, of: index, in: space)
            }
            // 4.
            let thread = try ThreadManager.reserve(task, priority: priority, stackSize: stackSize,
                                                   entry: program.entry)
            try ThreadManager.arguments(thread, arguments + [UInt32](repeating: 0, count: argumentCount - arguments.count))
            // 5.
            try TaskManager.start(task)
            try ThreadManager.start(thread)
            return Started(task: task, thread: thread)
        } catch {
            try? TaskManager.release(task)
            throw error
        }
    }
    // end excerpt

    /// Copies one segment of module `index` into new memory of `space`,
    /// mapped at its address.
    ///
    /// Steps: 1. the pages it covers; 2. a segment of that size, written
    /// whole: the file's bytes at the right offset, zeros around them
    /// (a segment's pages keep whatever their last owner left);
    /// 3. a region at the segment's address.
    static func place(_ segment: ProgramSegment, of index: Int, in space: Identifier) throws(KernelError) {
        // 1.
        let first = Pages.alignDown(segment.address)
        if segment.memorySize == 0 || segment.address > UInt64(UInt32.max) - segment.memorySize {
            throw KernelError.invalidArgument
        }
        let size = Pages.alignUp(segment.address + segment.memorySize) - first
        // 2.
        let memory = try SegmentManager.reserve(space, size: size, permissions: segment.permissions)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        if segment.fileSize > 0 {
            let start = Int(segment.address - first)
            let file = try Machine.moduleBytes(index, offset: segment.fileOffset, count: segment.fileSize)
            bytes.replaceSubrange(start..<start + file.count, with: file)
        }
        try SegmentManager.write(memory, offset: 0, bytes: bytes)
        // 3.
        _ = try RegionManager.reserve(space, segment: memory, offset: 0, size: size, options: .forceAddress,
                                      address: first)
    }
}

// Tests/KernelCoreTests/SystemCallTests.swift -- system calls and programs
// on the host machine: status words, the ELF header, a program loaded from
// a module, and calls from a thread whose pointers the kernel checks.

import Testing
@testable import Kernel
@testable import Machine

/// A little-endian 32-bit ELF executable for EM_386 with the given LOAD
/// headers (address, file bytes, memory size, flags), the bytes of each at
/// a page of the file of its own; `patch` may spoil it afterwards.
func elfFile(entry: UInt32, loads: [(UInt32, [UInt8], UInt32, UInt32)],
             patch: (inout [UInt8]) -> Void = { _ in }) -> [UInt8] {
    var file = [UInt8](repeating: 0, count: 4096 * (loads.count + 1))
    func put16(_ value: UInt16, at offset: Int) {
        file[offset] = UInt8(value & 0xFF)
        file[offset + 1] = UInt8(value >> 8)
    }
    func put32(_ value: UInt32, at offset: Int) {
        put16(UInt16(value & 0xFFFF), at: offset)
        put16(UInt16(value >> 16), at: offset + 2)
    }
    file.replaceSubrange(0..<7, with: [0x7F, 0x45, 0x4C, 0x46, 1, 1, 1])
    put16(2, at: 16)                       // executable
    put16(3, at: 18)                       // EM_386
    put32(entry, at: 24)
    put32(52, at: 28)                      // the program headers follow the header
    put16(32, at: 42)
    put16(UInt16(loads.count), at: 44)
    for (index, (address, bytes, memorySize, flags)) in loads.enumerated() {
        let entryOffset = 52 + index * 32
        let fileOffset = 4096 * (index + 1)
        put32(1, at: entryOffset)          // LOAD
        put32(UInt32(fileOffset), at: entryOffset + 4)
        put32(address, at: entryOffset + 8)
        put32(UInt32(bytes.count), at: entryOffset + 16)
        put32(memorySize, at: entryOffset + 20)
        put32(flags, at: entryOffset + 24)
        file.replaceSubrange(fileOffset..<fileOffset + bytes.count, with: bytes)
    }
    patch(&file)
    return file
}

/// Parses `file` as the program manager does.
func parse(_ file: [UInt8]) throws(KernelError) -> ProgramHeader {
    try ProgramHeader.parse(size: UInt64(file.count)) { (offset, count) throws(KernelError) in
        guard offset + count <= UInt64(file.count) else { throw KernelError.outOfRange }
        return Array(file[Int(offset)..<Int(offset + count)])
    }
}

/// The text and data of a small program (two pages, one of .bss).
let tinyText: [UInt8] = [0x90, 0x90, 0xCC]
let tinyData: [UInt8] = Array("data".utf8)
let tinyProgram = elfFile(entry: 0x4000_0001, loads: [(0x4000_0000, tinyText, 3, 5),
                                                      (0x4000_1000, tinyData, 0x1800, 6)])

extension KernelManagers {
    @Suite struct SystemCalls {
        @Test func everyErrorHasItsOwnStatusAndBack() {
            var seen: Set<UInt32> = []
            for error in KernelError.statusOrder {
                #expect(error.status != 0, "0 is success")
                #expect(KernelError(status: error.status) == error)
                seen.insert(error.status)
            }
            #expect(seen.count == KernelError.statusOrder.count)
            // controls: success and a word past the last are no error
            #expect(KernelError(status: 0) == nil)
            #expect(KernelError(status: UInt32(KernelError.statusOrder.count + 1)) == nil)
        }

        @Test func anElfHeaderGivesItsEntryAndSegments() throws {
            let header = try parse(tinyProgram)
            #expect(header.entry == 0x4000_0001)
            #expect(header.segments == [
                ProgramSegment(fileOffset: 4096, fileSize: 3, address: 0x4000_0000, memorySize: 3,
                               permissions: [.read, .execute]),
                ProgramSegment(fileOffset: 8192, fileSize: 4, address: 0x4000_1000, memorySize: 0x1800,
                               permissions: [.read, .write]),
            ])
        }

        @Test func aSpoiledElfHeaderIsRefused() {
            let spoilers: [(String, (inout [UInt8]) -> Void)] = [
                ("magic", { $0[1] = 0x46 }),
                ("64-bit class", { $0[4] = 2 }),
                ("big-endian", { $0[5] = 2 }),
                ("not an executable", { $0[16] = 3 }),
                ("another processor", { $0[18] = 62 }),
                ("program headers past the end", { $0[29] = 0x40 }),
                ("a header size of 40", { $0[42] = 40 }),
                ("no program header", { $0[44] = 0 }),
                ("file bytes past the end", { $0[52 + 4 + 1] = 0x40 }),
                ("more in the file than in memory", { $0[52 + 16] = 9 }),
            ]
            for (what, spoil) in spoilers {
                let file = elfFile(entry: 0x4000_0001, loads: [(0x4000_0000, tinyText, 3, 5)], patch: spoil)
                #expect(failure { () throws(KernelError) in _ = try parse(file) } == .invalidArgument, "\(what)")
            }
            // control: the same file unspoiled parses
            #expect(throws: Never.self) { try parse(elfFile(entry: 0x4000_0001, loads: [(0x4000_0000, tinyText, 3, 5)])) }
            #expect(failure { () throws(KernelError) in _ = try parse(Array(tinyProgram[0..<40])) } == .invalidArgument)
        }

        @Test func aProgramBecomesATaskWithItsSegmentsAtTheirAddresses() throws {
            try restartTasks()
            Machine.unloadModules()
            defer { Machine.unloadModules() }
            Machine.loadModule(named: "tiny", tinyProgram)
            let started = try ProgramManager.start("tiny", arguments: [7])
            let task = try TaskManager.get(started.task)
            #expect(task.taskClass == .program && task.lifecycle.state != .stopped)
            let regions = try RegionManager.regions(in: task.space).filter { $0.address < 0x4000_3000 }
            #expect(regions.map(\.address) == [0x4000_0000, 0x4000_1000])
            #expect(regions.map(\.size) == [0x1000, 0x2000])
            #expect(try AddressSpaceManager.read(task.space, at: 0x4000_0000, count: 4) == tinyText + [0])
            #expect(try AddressSpaceManager.read(task.space, at: 0x4000_1000, count: 4) == tinyData)
            #expect(try AddressSpaceManager.read(task.space, at: 0x4000_17FC, count: 4) == [0, 0, 0, 0])
            #expect(try SegmentManager.get(regions[0].segment).permissions == [.read, .execute])
            let thread = try ThreadManager.get(started.thread)
            #expect(thread.entry == 0x4000_0001)
            let context = try ThreadManager.store(started.thread)
            let arguments = try AddressSpaceManager.read(task.space, at: context.stackPointer + 4, count: 16)
            #expect(arguments == [7, 0, 0, 0] + [UInt8](repeating: 0, count: 12))
            try TaskManager.release(started.task)
        }

        @Test func aProgramThatCannotLoadLeavesNothingBehind() throws {
            try restartTasks()
            Machine.unloadModules()
            defer { Machine.unloadModules() }
            // the two segments overlap: the second region cannot be placed
            Machine.loadModule(named: "overlap", elfFile(entry: 0x4000_0000, loads: [(0x4000_0000, tinyText, 3, 5),
                                                                                     (0x4000_0800, tinyData, 4, 6)]))
            Machine.loadModule(named: "junk", [1, 2, 3])
            let free = try SegmentManager.freeBytes()
            let tasks = try TaskManager.container().size()
            #expect(failure { () throws(KernelError) in _ = try ProgramManager.start("absent") } == .unknownIdentifier)
            #expect(failure { () throws(KernelError) in _ = try ProgramManager.start("junk") } == .invalidArgument)
            #expect(failure { () throws(KernelError) in _ = try ProgramManager.start("overlap") } != nil)
            #expect(failure { () throws(KernelError) in
                _ = try ProgramManager.start("overlap", arguments: [1, 2, 3, 4, 5])
            } == .invalidArgument)
            #expect(try SegmentManager.freeBytes() == free)
            #expect(try TaskManager.container().size() == tasks)
        }

        @Test func aThreadsCallsAreCheckedAgainstItsOwnRegions() throws {
            try restartTasks()
            let task = try runningTask()
            let space = try TaskManager.get(task).space
            let data = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            try SegmentManager.write(data, offset: 0, bytes: bytes("hello"))
            _ = try RegionManager.reserve(space, segment: data, offset: 0, size: pageSize, options: .forceAddress,
                                          address: 0x4000_0000)
            // code, then more data right after it, far from the stack (which
            // the region manager places first-fit, after the first page)
            let code = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .execute])
            _ = try RegionManager.reserve(space, segment: code, offset: 0, size: pageSize, options: .forceAddress,
                                          address: 0x4001_0000)
            let more = try SegmentManager.reserve(space, size: pageSize, permissions: [.read, .write])
            _ = try RegionManager.reserve(space, segment: more, offset: 0, size: pageSize, options: .forceAddress,
                                          address: 0x4001_1000)
            try MessageManager.register(task, type: 1, maximumSize: 64)
            try MessageManager.send(to: task, type: 1, bytes("abc"), from: task)
            let log = HostLog()
            let thread = try hostThreadOf(task) { me in
                func call(_ number: UInt32, _ words: [UInt32]) -> SystemCall {
                    var padded = words + [UInt32](repeating: 0, count: 5 - words.count)
                    var call = SystemCall(number: number, arguments: [padded[0], padded[1], padded[2], padded[3], padded[4]])
                    padded.removeAll()
                    SystemCallManager.handle(&call)
                    return call
                }
                log.add("print \(call(1, [0x4000_0000, 5]).status)")
                log.add("print kernel \(call(1, [0x0010_0000, 5]).status)")
                log.add("print across \(call(1, [0x4001_0FFE, 4]).status)")
                log.add("print past \(call(1, [0x4001_1FFE, 4]).status)")
                log.add("print wrap \(call(1, [0xFFFF_FFF0, 32]).status)")
                log.add("receive into code \(call(8, [1, 0x4001_0000, 64]).status)")
                log.add("receive short \(call(8, [1, 0x4000_0100, 2]).status)")
                let received = call(9, [1, 0x4000_0100, 64])
                log.add("poll \(received.status) size \(received.values[0])")
                log.add("poll again \(call(9, [1, 0x4000_0100, 64]).status)")
                log.add("unknown \(call(99, []).status)")
                let identity = call(4, [])
                log.add("identity \(UInt64(identity.values[0]) | UInt64(identity.values[1]) << 32 == task)")
                try? ThreadManager.exit(me, value: 0)
            }
            try ThreadManager.start(thread)
            _ = try Scheduler.elect()
            let out = KernelError.outOfRange.status
            #expect(log.lines == [
                "print 0", "print kernel \(out)", "print across 0", "print past \(out)", "print wrap \(out)",
                "receive into code \(KernelError.permissionDenied.status)", "receive short \(out)",
                "poll 0 size 3", "poll again \(KernelError.empty.status)",
                "unknown \(KernelError.invalidArgument.status)", "identity true",
            ])
            #expect(try AddressSpaceManager.read(space, at: 0x4000_0100, count: 3) == bytes("abc"))
            #expect(SystemCallManager.lastRefusal?.error == .invalidArgument)
            // control: the boot context makes no system calls
            var boot = SystemCall(number: 0, arguments: [0, 0, 0, 0, 0])
            SystemCallManager.handle(&boot)
            #expect(boot.status == KernelError.invalidArgument.status)
        }
    }
}

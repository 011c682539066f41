// Tests/RunnerTests/BootModuleFileTests.swift -- the programs beside an
// image become qemu's -initrd, each named after its file; what qemu could
// misread (a comma, a space, an odd name) is refused before qemu starts.

import Foundation
import Testing
@testable import GraderRunner

@Suite struct BootModuleFileTests {
    /// A fresh folder with `image` and, beside it, `<image>.programs/`
    /// holding `files`.
    private func imageWithPrograms(_ files: [String], folderName: String = "build") throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("modules-\(UUID().uuidString)")
            .appendingPathComponent(folderName)
        let programs = root.appendingPathComponent("06-ipc.programs")
        try FileManager.default.createDirectory(at: programs, withIntermediateDirectories: true)
        for file in files {
            try Data([0x7F]).write(to: programs.appendingPathComponent(file))
        }
        return root.appendingPathComponent("06-ipc.elf").path
    }

    @Test func theProgramsBesideAnImageAreItsModulesSortedAndNamed() throws {
        let image = try imageWithPrograms(["pong.elf", "ping.elf", "notes.txt"])
        let modules = try BootModuleFile.beside(image: image)
        #expect(modules.map(\.name) == ["ping", "pong"])
        var command = QemuCommand(image: image, kernelCommandLine: "test=t nonce=0", logPath: "/tmp/log")
        command.modules = modules
        let arguments = command.arguments
        let index = try #require(arguments.firstIndex(of: "-initrd"))
        let folder = String(image.dropLast(4)) + ".programs"
        #expect(arguments[index + 1] == "\(folder)/ping.elf ping,\(folder)/pong.elf pong")
    }

    @Test func noProgramsFolderMeansNoInitrd() throws {
        let image = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString).elf").path
        #expect(try BootModuleFile.beside(image: image).isEmpty)
        // control: without modules the command has no -initrd
        let command = QemuCommand(image: image, kernelCommandLine: "test=t nonce=0", logPath: "/tmp/log")
        #expect(!command.arguments.contains("-initrd"))
    }

    @Test func aPathOrNameQemuWouldMisreadIsRefused() throws {
        #expect(BootModuleFile(path: "/a,b/x.elf", name: "x") == nil)
        #expect(BootModuleFile(path: "/a b/x.elf", name: "x") == nil)
        #expect(BootModuleFile(path: "/a/x.elf", name: "x y") == nil)
        #expect(BootModuleFile(path: "/a/x.elf", name: "") == nil)
        #expect(BootModuleFile(path: "/a/x.elf", name: "../x") == nil)
        #expect(BootModuleFile(path: "/a/x.elf", name: "ping-2_b") != nil)  // control
        let image = try imageWithPrograms(["ping.elf"], folderName: "odd,folder")
        #expect(throws: RunnerError.self) { try BootModuleFile.beside(image: image) }
    }
}

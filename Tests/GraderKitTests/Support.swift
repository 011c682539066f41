// Tests/GraderKitTests/Support.swift -- temporary folders and crafted archives.
//
// Hostile archives are built byte by byte here, so each test shows exactly
// what the attack looks like and no tool "fixes" it on the way.

import Foundation
import ZIPFoundation
@testable import GraderKit

/// A temporary folder, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init(_ label: String = "gk") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("graderkit-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `path`, creating folders.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> URL {
        try write(path, data: Data(text.utf8))
    }

    /// Writes `data` at `path`, creating folders.
    @discardableResult
    func write(_ path: String, data: Data) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    /// A fresh, empty sub-folder.
    func folder(_ path: String) throws -> URL {
        let folder = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

/// Builds a ustar archive entry by entry, with any name and type.
struct TarBuilder {
    private(set) var data = Data()

    /// Adds a regular file.
    mutating func file(_ name: String, _ content: String) {
        entry(name, type: "0", content: Data(content.utf8))
    }

    /// Adds a file of `size` zero bytes.
    mutating func file(_ name: String, zeros size: Int) {
        entry(name, type: "0", content: Data(count: size))
    }

    /// Adds a symbolic link.
    mutating func symlink(_ name: String, to target: String) {
        entry(name, type: "2", link: target)
    }

    /// Adds an entry of any type ("3" character device, "5" folder...).
    mutating func entry(_ name: String, type: Character, content: Data = Data(), link: String = "") {
        var header = [UInt8](repeating: 0, count: 512)
        put(name, at: 0, in: &header)
        put("0000644", at: 100, in: &header)
        put(String(format: "%011o", content.count), at: 124, in: &header)
        put("00000000000", at: 136, in: &header)
        header[156] = type.asciiValue!
        put(link, at: 157, in: &header)
        put("ustar", at: 257, in: &header)
        put("00", at: 263, in: &header)
        for index in 148 ..< 156 { header[index] = 32 }
        let sum = header.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o", sum), at: 148, in: &header)
        header[154] = 0
        data.append(contentsOf: header)
        data.append(content)
        data.append(Data(count: (512 - content.count % 512) % 512))
    }

    /// The archive with its two closing zero blocks.
    var archive: Data { data + Data(count: 1024) }

    private func put(_ text: String, at offset: Int, in header: inout [UInt8]) {
        for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
    }
}

/// Builds a zip archive with ZIPFoundation.
func makeZip(at url: URL, _ entries: [(String, Entry.EntryType, Data)]) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, type, content) in entries {
        try archive.addEntry(with: path, type: type, uncompressedSize: Int64(content.count),
                             compressionMethod: type == .file ? .deflate : .none) { position, size in
            content.subdata(in: Int(position) ..< Int(position) + size)
        }
    }
}

/// Gzips `data` with the system's gzip (a test-only shortcut).
func gzip(_ data: Data, in folder: TemporaryFolder) throws -> Data {
    let plain = try folder.write("plain-\(UUID().uuidString)", data: data)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-kn", plain.path]
    try process.run()
    process.waitUntilExit()
    return try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
}

/// Takes `source` in under a fresh scratch folder of `folder`.
func intake(_ source: SubmissionSource, in folder: TemporaryFolder,
            limits: IntakeLimits = .standard) async throws(IntakeError) -> IntakenSubmission {
    let scratch = folder.url.appendingPathComponent("scratch-\(UUID().uuidString)")
    return try await Intake.take(source, into: scratch, limits: limits)
}

/// The intake error `source` raises, or nil when it is accepted.
func intakeError(_ source: SubmissionSource, in folder: TemporaryFolder,
                 limits: IntakeLimits = .standard) async -> IntakeError? {
    do {
        _ = try await intake(source, in: folder, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The `grader` executable, built beside the test bundle (in the bundle's
/// folder on Linux, one level up in an .xctest bundle).
var graderExecutable: URL {
    let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        .map { $0.appendingPathComponent("grader") }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
}

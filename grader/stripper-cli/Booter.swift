// grader/stripper-cli/Booter.swift -- building and booting images for `stripper verify`.

import Foundation
import StripperKit

/// An image did not build (the diagnostics are printed already).
struct BuildFailed: Error {}

/// Builds images with make and boots their tests in qemu.
struct Booter {
    /// The kit's root, where make runs.
    var root: URL
    /// The folder images are built in (one subfolder per core).
    var build: String
    /// Seconds one boot may last.
    var timeout: Int
    /// Turns skeleton locations in compiler output into reference ones.
    var mapper: DiagnosticMapper

    /// The verdict of every test (or of the tests in `only`) of the image
    /// of `assignment` built on `core`; a build failure is an error with
    /// the mapped diagnostics.
    func verdicts(assignment: String, core: String, only: [String]? = nil) throws -> [String: BootVerdict] {
        let image = try buildImage(assignment: assignment, core: core)
        var verdicts: [String: BootVerdict] = [:]
        for test in try only ?? tests(of: image) {
            let nonce = Self.nonce()
            verdicts[test] = BootVerdict(output: try boot(image, "test=\(test) nonce=\(nonce)"), nonce: nonce)
        }
        return verdicts
    }

    /// The names of the tests in `image` (a `list` boot).
    func tests(of image: String) throws -> [String] {
        let nonce = Self.nonce()
        return BootVerdict.testNames(in: try boot(image, "list nonce=\(nonce)"), nonce: nonce)
    }

    /// `make image` for one core; returns the image's path. A failed
    /// build prints the mapped diagnostics and throws `BuildFailed`.
    func buildImage(assignment: String, core: String) throws -> String {
        let folder = "\(build)/\(core.replacingOccurrences(of: "/", with: "-"))"
        let result = try runCommand(
            ["make", "--silent", "--no-print-directory", "image",
             "ASSIGNMENT=\(assignment)", "CORE=\(core)", "BUILD=\(folder)"],
            in: root)
        let warns = result.output.contains("warning:")
        guard result.status == 0, !warns else {
            printError(mapper.map(result.output))
            let mapped = core.hasPrefix("skeleton/") ? " (skeleton lines above are mapped to reference/)" : ""
            printError("\(core): error: the \(assignment) image \(warns ? "has warnings" : "does not build")\(mapped)")
            throw BuildFailed()
        }
        return "\(folder)/\(assignment).elf"
    }

    /// Boots `image` with `commandLine` under `timeout` and returns the serial output.
    func boot(_ image: String, _ commandLine: String) throws -> String {
        try runCommand(
            ["timeout", String(timeout), "qemu-system-i386", "-kernel", image, "-append", commandLine,
             "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"],
            in: root).output
    }

    /// A fresh 16-hex-digit nonce.
    static func nonce() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

// Tests/GraderKitTests/IntegrityScanTests.swift -- the integrity scan: each rule, comments, a clean core.

import Foundation
import Testing
@testable import GraderKit

@Suite struct IntegrityScanTests {
    /// One construct per rule, each on its own line (line number = index + 2).
    static let constructs: [(rule: String, line: String)] = [
        ("raw-pointer", "let p: UnsafeMutablePointer<Int>? = nil"),
        ("raw-pointer", "let q = OpaquePointer(bitPattern: 1)"),
        ("raw-pointer", "var b: UnsafeRawBufferPointer"),
        ("unsafe-access", "withUnsafeMutableBytes(of: &x) { _ in }"),
        ("bit-pattern", "let r = UInt(bitPattern: -1)"),
        ("unsafe-cast", "let s = unsafeBitCast(f, to: Int.self)"),
        ("unsafe-address", "unsafeAddress { fatalError() }"),
        ("symbol-attribute", "@_silgen_name(\"harness_pass\") func pass()"),
        ("symbol-attribute", "@_extern(c, \"exit\") func cexit(_: Int32)"),
        ("symbol-attribute", "@_cdecl(\"kmain\") func k() {}"),
        ("section-attribute", "@_section(\".tests\") let t = 1"),
        ("section-attribute", "@_used let u = 2"),
        ("machine-code", "asm(\"hlt\")"),
        ("machine-code", "    .byte 0xeb, 0xfe"),
        ("verdict-word", "print(\"KTEST PASS name=set_add\")"),
        ("verdict-word", "let nonce = readNonce()"),
        ("machine-exit", "Machine.exit(0x10)"),
        ("machine-exit", "exit(0)"),
        ("serial-layer", "Serial.write(\"x\")"),
        ("serial-layer", "putchar(65)"),
        ("port-io", "outb(port, value)"),
        ("port-io", "let v = inb(0x3f8)"),
        ("exit-port", "let port: UInt16 = 0xF4"),
    ]

    @Test func everyRuleCompilesAndHasAReason() throws {
        for rule in IntegrityRule.all {
            _ = try Regex(rule.pattern)
            #expect(!rule.reason.isEmpty && !rule.name.isEmpty)
        }
        #expect(Set(IntegrityRule.all.map(\.name)) == Set(Self.constructs.map(\.rule)))
    }

    @Test func eachConstructIsFlaggedAtItsLine() {
        let text = "// set/list.swift\n" + Self.constructs.map(\.line).joined(separator: "\n") + "\n"
        let flags = IntegrityScan.scan(text, file: "set/list.swift")
        for (index, construct) in Self.constructs.enumerated() {
            let line = index + 2
            #expect(flags.contains { $0.line == line && $0.rule == construct.rule && $0.file == "set/list.swift" },
                    "line \(line): \(construct.line)")
            #expect(flags.first { $0.line == line }?.excerpt == construct.line.trimmingCharacters(in: .whitespaces))
        }
        #expect(Set(flags.map(\.line)) == Set(2 ... Self.constructs.count + 1))
    }

    @Test func exitVerbsOfTheManagersAreNotAnExit() {
        let verbs = ["public static func exit(_ identifier: Identifier, value: UInt64) throws(KernelError) {",
                     "try change(identifier, .exit(value))", "case exit(UInt64)", "case .exit(let value):",
                     "try ThreadManager.exit(thread, value: 1)"]
        let flags = IntegrityScan.scan(verbs.joined(separator: "\n") + "\n", file: "task/task_state.swift")
        #expect(flags.isEmpty, "\(flags.map(\.excerpt))")
        // the control: the C library's exit, after a statement or a `;`
        let calls = IntegrityScan.scan("let x = 1; exit(3)\nif bad { exit(1) }\n", file: "task/task.swift")
        #expect(calls.filter { $0.rule == "machine-exit" }.map(\.line) == [1, 2])
    }

    @Test func theSameWordsInCommentsAreNotFlagged() {
        let text = Self.constructs.map { "// " + $0.line }.joined(separator: "\n")
            + "\n/* " + Self.constructs.map(\.line).joined(separator: "\n") + " */\n"
            + "/* outer /* nested KTEST */ still a comment: Serial.write */\n"
            + "/// Never calls Machine.exit(0x10) or outb.\n"
            + "let ok = 1 // UnsafePointer in a trailing comment\n"
        #expect(IntegrityScan.scan(text, file: "a.swift").isEmpty)
    }

    @Test func commentMarkersInsideStringsDoNotHideCode() {
        let text = "let url = \"http://x\"; print(\"KTEST\")\n"
            + "let s = \"/* not a comment\"; exit(1)\n"
            + "let m = \"\"\"\n// inside a string: KTEST\n\"\"\"\n"
        let flags = IntegrityScan.scan(text, file: "a.swift")
        #expect(flags.map(\.line) == [1, 2, 4])
    }

    /// Negative control: the reference's own set manager, the kind of file
    /// a student owns, raises no flag.
    @Test func theReferenceCoreIsClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("reference")
        let files = FileTree.files(under: root.appendingPathComponent("set")).map { "set/" + $0 }
        #expect(files.count > 3)
        #expect(IntegrityScan.scan(files: files, in: root).isEmpty)
    }

    @Test func floodsAreCutWithACount() {
        let folder = try? TemporaryFolder("scan")
        _ = try? folder?.write("set/a.swift", String(repeating: "KTEST\n", count: IntegrityScan.limit + 5))
        let flags = IntegrityScan.scan(files: ["set/a.swift"], in: folder!.url)
        #expect(flags.count == IntegrityScan.limit + 1)
        #expect(flags.last?.reason == "5 more flags not listed")
    }
}

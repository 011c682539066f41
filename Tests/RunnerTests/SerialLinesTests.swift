// Tests/RunnerTests/SerialLinesTests.swift -- line splitting, output capture, nonces.

import Testing
@testable import GraderRunner

@Suite struct SerialLinesTests {
    @Test func linesAcrossChunks() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("ab".utf8)).isEmpty)
        let lines = splitter.append(Array("c\r\nde\n\nf".utf8))
        #expect(lines.map(\.text) == ["abc", "de", ""])
        #expect(lines.map(\.number) == [1, 2, 3])
        #expect(splitter.finish()?.text == "f")
        #expect(splitter.finish() == nil)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let line = LineSplitter.lines(of: [0x61, 0xFF, 0x62]).first
        #expect(line?.bytes == [0x61, 0xFF, 0x62])
        #expect(line?.text == "a\u{FFFD}b")
    }

    @Test func captureKeepsTheFirstBytes() {
        var capture = OutputCapture(limit: 5)
        #expect(capture.append([1, 2, 3]) == [1, 2, 3])
        #expect(!capture.overflowed)
        #expect(capture.append([4, 5]) == [4, 5])
        #expect(!capture.overflowed)
        #expect(capture.append([6]).isEmpty)
        #expect(capture.overflowed)
        #expect(capture.bytes == [1, 2, 3, 4, 5])
    }

    @Test func nonceIsSixteenHexDigits() {
        let nonce = Nonce.random()
        #expect(nonce.text.count == 16)
        #expect(Nonce(nonce.text) == nonce)
        #expect(Nonce(value: 0x1F).text == "000000000000001f")
        #expect(Nonce("0123") == nil)
        #expect(Nonce("0123456789ABCDEF") == nil)
        #expect(Nonce("0123456789abcdeg") == nil)
    }

    @Test func noncesDiffer() {
        let nonces = Set((0..<100).map { _ in Nonce.random() })
        #expect(nonces.count == 100)
    }

    @Test func qemuExitDecodesTheDebugExitValue() {
        #expect(QemuExit.exited(DebugExit.pass.qemuStatus) == .exited(33))
        #expect(QemuExit.exited(33).debugExitValue == 0x10)
        #expect(QemuExit.exited(0).debugExitValue == nil)
        #expect(QemuExit.signaled(9).debugExitValue == nil)
    }

    @Test func qemuCommandLine() {
        let command = QemuCommand(image: "k.elf", kernelCommandLine: "test=a nonce=1", logPath: "/tmp/x.log")
        let arguments = command.arguments
        #expect(arguments.starts(with: ["-kernel", "k.elf", "-append", "test=a nonce=1"]))
        #expect(arguments.contains("isa-debug-exit,iobase=0xf4,iosize=0x04"))
        #expect(arguments.suffix(4) == ["-d", "cpu_reset", "-D", "/tmp/x.log"])
        #expect(!arguments.contains("-icount"), "guest time follows the host's clock unless asked")
        var counted = command
        counted.instructionCountShift = QemuCommand.scriptShift
        #expect(counted.arguments.suffix(2) == ["-icount", "shift=0,sleep=off"])
        #expect(counted.arguments.dropLast(2) == arguments)
    }
}

@Suite struct TypingAfterStartTests {
    private let nonce = Nonce(value: 7)

    @Test func typesOnlyOnTheRunsStartLine() {
        let typing = TypingAfterStart(lines: ["hello", "x y"], test: "t", nonce: nonce)
        let start = SerialLine(bytes: Array("KTEST START name=t nonce=\(nonce)".utf8), number: 1)
        #expect(typing.reply(to: start) == Array("hello\nx y\n".utf8))
        for other in ["KTEST START name=t nonce=0", "KTEST START name=u nonce=\(nonce)",
                      "KTEST PASS name=t nonce=\(nonce)", "hello"] {
            #expect(typing.reply(to: SerialLine(bytes: Array(other.utf8), number: 2)).isEmpty, "\(other)")
        }
    }
}

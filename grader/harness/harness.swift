// grader/harness/harness.swift -- runs one kernel test and says how it went.
//
// The grader boots a fresh kernel for every test. The multiboot command
// line tells the harness which test to run and carries a nonce, a random
// number the grader picks for this run only:
//
//     test=set_add_get nonce=5f1c0a93d2e4b871 seed=3141592653
//
// (the seed, another random number, feeds the tests whose expected
// output the grader computes from it: `Harness.seed`). A `check=<name>`
// word runs only that check of the test: the grader boots a test once per
// check when its script says `boot_per_check`, so that a panic in one
// check (which ends the boot) costs only that check's points.
//
// The harness answers on the serial port with lines that start with
// "KTEST", each carrying the nonce, so the grader can tell them apart from
// anything the code under test prints (a verdict without this run's nonce
// does not count):
//
//     KTEST START name=set_add_get nonce=5f1c0a93d2e4b871
//     ...whatever the test prints...
//     KTEST PASS name=set_add_get nonce=5f1c0a93d2e4b871
//  or KTEST FAIL name=set_add_get nonce=5f1c0a93d2e4b871 message=<text>
//  or KTEST NOTEST name=nope nonce=5f1c0a93d2e4b871
//
// A test may split itself into named checks for partial credit; each one
// reports on its own line, and the test fails if any check failed:
//
//     KTEST CHECK name=set_add_get.first_add nonce=5f1c0a93d2e4b871 status=pass
//     KTEST CHECK name=set_add_get.order nonce=5f1c0a93d2e4b871 status=fail message=<text>
//
// Then it stops the machine with a matching exit status. The full
// protocol is described in docs/book/01-spine.md.
//
// The harness is the top module of the image (grader/harness, with the
// assignment's tests and kernel_main): the core below cannot name
// anything here, nor the machine's `package` services it uses (exit, the
// boot command line), so the nonce has no name a student's code can use.

import Kernel
import Machine

/// One kernel test: a name and a function. The build generates the table
/// of every `func test_<name>() throws(TestFailure)` in an assignment's
/// tests folder, in source order.
public struct KernelTest {
    /// The name given on the command line (`test=<name>`).
    public let name: StaticString
    /// The test body; it throws to fail.
    public let run: () throws(TestFailure) -> Void

    /// Declares a test (the generated table calls this).
    public init(name: StaticString, run: @escaping () throws(TestFailure) -> Void) {
        self.name = name
        self.run = run
    }
}

/// What the command line asks of the harness.
public struct HarnessRequest: Equatable {
    /// The test to run, if one was named.
    public var test: String?
    /// The run's nonce ("0" when the command line carried none).
    public var nonce: String
    /// The run's seed (0 when the command line carried none).
    public var seed: UInt64
    /// True when `list` was on the command line: print every test name.
    public var list: Bool
    /// The only check to run (`check=<name>`); nil runs every check.
    public var check: String?

    /// Reads `key=value` words from a multiboot command line. Unknown words
    /// are ignored (qemu or a boot loader may add its own).
    public init(commandLine: String) {
        test = nil
        nonce = "0"
        seed = 0
        list = false
        check = nil
        for word in commandLine.split(separator: " ") {
            if word == "list" {
                list = true
            } else if word.hasPrefix("test=") {
                test = String(word.dropFirst(5))
            } else if word.hasPrefix("nonce=") {
                nonce = String(word.dropFirst(6))
            } else if word.hasPrefix("check=") {
                check = String(word.dropFirst(6))
            } else if word.hasPrefix("seed=") {
                seed = UInt64(String(word.dropFirst(5))) ?? 0
            }
        }
    }
}

/// The in-kernel test harness.
public enum Harness {
    // excerpt: harness-run
    /// Runs the test the command line names and stops the machine.
    ///
    /// Steps:
    /// 1. parse the request; with `list`, print the table and halt;
    /// 2. with no test named, or a name the table lacks, say NOTEST;
    /// 3. print START, run the test, print PASS or FAIL;
    /// 4. stop the machine with the matching status.
    static func run(_ request: HarnessRequest, tests: [KernelTest]) -> Never {
        // 1.
        if request.list {
            for test in tests {
                print("KTEST TEST name=\(test.name) nonce=\(request.nonce)")
            }
            Machine.exit(.halt)
        }
        // 2.
        guard let name = request.test, let test = find(name, in: tests) else {
            let shown = request.test ?? "<none>"
            print("KTEST NOTEST name=\(shown) nonce=\(request.nonce)")
            Machine.exit(.noSuchTest)
        }
        // 3.
        current = request
        runningTest = test.name.utf8Start
        print("KTEST START name=\(name) nonce=\(request.nonce)")
        do throws(TestFailure) {
            try test.run()
        } catch {
            print("KTEST FAIL name=\(name) nonce=\(request.nonce) message=\(oneLine(error.message))")
            Machine.exit(.fail)
        }
        if failedChecks > 0 {
            print("KTEST FAIL name=\(name) nonce=\(request.nonce) message=\(failedChecks) check(s) failed")
            Machine.exit(.fail)
        }
        print("KTEST PASS name=\(name) nonce=\(request.nonce)")
        // 4.
        Machine.exit(.pass)
    }
    // end excerpt

    /// The request of the test being run (for `check`).
    nonisolated(unsafe) static var current = HarnessRequest(commandLine: "")

    /// The run's seed, for tests whose expected output the grader
    /// computes from it (0 under `make qemu` unless SEED= is given).
    static var seed: UInt64 { current.seed }
    /// The running test's name as a C string, for gdb's `kk-test`
    /// (grader/gdb/kernelkit.py); nil before a test starts.
    nonisolated(unsafe) static var runningTest: UnsafePointer<UInt8>? = nil
    /// How many checks of the running test have failed so far.
    nonisolated(unsafe) static var failedChecks = 0

    /// Runs one named check of the current test and reports it on its
    /// own line. A failed check does not stop the test: later checks still
    /// run and earn their points; the test as a whole then fails. When
    /// the command line selects one check, the others are skipped silently.
    public static func check(_ name: StaticString, _ body: () throws(TestFailure) -> Void) {
        if let only = current.check, only != name.description {
            return
        }
        let test = current.test ?? "<none>"
        do throws(TestFailure) {
            try body()
            print("KTEST CHECK name=\(test).\(name) nonce=\(current.nonce) status=pass")
        } catch {
            failedChecks += 1
            print("KTEST CHECK name=\(test).\(name) nonce=\(current.nonce) status=fail message=\(oneLine(error.message))")
        }
    }

    /// The test called `name`, if the table has one.
    static func find(_ name: String, in tests: [KernelTest]) -> KernelTest? {
        for test in tests where name == test.name.description {
            return test
        }
        return nil
    }

    /// A message folded onto one line, so the verdict stays one line.
    static func oneLine(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            bytes.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

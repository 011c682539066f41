// Tests/StripperTests/VerifyFixture.swift -- a kit in miniature for `stripper verify`.
//
// `verify` builds images with the kit's Makefile and boots them in qemu,
// both through GraderRunner, which finds `make` and `qemu-system-i386` in
// PATH. The fixture puts stand-ins for both first in PATH:
// * the stand-in make's `image` writes an "image" holding the assignment
//   and the core's `core.swift`; a core line starting with `BROKEN` fails
//   the build with a compiler-style error at that line;
// * the stand-in qemu reads what each test does from the image's lines
//   `// behaviour <assignment> <test>=<what>` (the last one wins; a
//   commented-out `// // behaviour` line, as in an ELSE part, does not count) and
//   speaks the harness protocol with the run's nonce; every command line
//   it gets is appended to `boots.log`.
// Reference blocks (`// BEGIN ASSIGNMENT ...`) change those lines in the
// skeletons, which is how a test makes a skeleton misbehave.

import Foundation
import StripperKit
import TestSupport

/// A kit with reference/core.swift, spine scripts, a rubric for every
/// assignment of the course (so each has a skeleton), and stand-in make
/// and qemu. `verify` generates the trees itself.
struct VerifyKit {
    let temp: TempTree
    var tree: FileTree { temp.tree }

    /// A kit whose reference is `core`; with `rubrics: false`, only
    /// 00-spine and 01-set have a rubric.
    ///
    /// Steps:
    /// 1. the reference, the spine's rubric and scripts, 01-set's tests;
    /// 2. a rubric and a script for each later assignment (its test does
    ///    not exist on the reference: verify warns and skips it);
    /// 3. the stand-in tools in bin/.
    init(core: String, rubrics: Bool = true) throws {
        // 1.
        temp = try TempTree([
            "reference/core.swift": core,
            "assignments/00-spine/rubric.yaml": """
                assignment: 00-spine
                title: The spine
                total: 100
                weight: 0
                default_timeout: 5
                student_files: []

                """,
            "assignments/00-spine/tests/boot_hello.yaml": """
                test: boot_hello
                title: The kernel boots and prints
                points: 1
                conversation:
                  - expect: "hello from the kernel"

                """,
            "assignments/00-spine/tests/serial_echo.yaml": """
                test: serial_echo
                title: The kernel reads a line
                points: 1
                conversation:
                  - expect: "serial_echo: waiting for one line"
                  - send: "hello spine\\n"
                  - expect: "echo: hello spine"

                """,
            "assignments/00-spine/tests/boot_flaky.yaml": "test: boot_flaky\ntitle: Fails on the reference\npoints: 1\n",
            "assignments/00-spine/tests/boot_slow.yaml": "test: boot_slow\ntitle: Takes two seconds\npoints: 1\ntimeout: 5\n",
            "assignments/01-set/rubric.yaml": """
                assignment: 01-set
                title: Sets
                total: 100
                weight: 1
                default_timeout: 5
                student_files: []

                """,
            "assignments/01-set/tests/set_add.yaml": "test: set_add\ntitle: Adds\npoints: 1\n",
            "bin/make": Self.make,
            "bin/qemu-system-i386": Self.qemu,
        ])
        // 2.
        for name in Curriculum.course.assignments.dropFirst() where rubrics {
            try tree.write("""
                assignment: \(name)
                title: Later
                total: 100
                weight: 1
                default_timeout: 5
                student_files: []

                """, to: "assignments/\(name)/rubric.yaml")
            try tree.write("test: later_work\ntitle: Later\npoints: 1\n", to: "assignments/\(name)/tests/later_work.yaml")
        }
        // 3.
        for tool in ["bin/make", "bin/qemu-system-i386"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                                  ofItemAtPath: tree.root.appendingPathComponent(tool).path)
        }
    }

    /// What `stripper verify` did.
    struct Run {
        var status: Int32
        var output: String
        /// The kernel command lines the stand-in qemu got, in order.
        var boots: [String]
    }

    /// Runs the built `stripper verify` on the kit, with short limits, on
    /// a thread of its own: a test blocking one of the concurrency pool's
    /// threads (two on a two-core machine) for a whole verify would stall
    /// every other test meanwhile.
    func verify(_ extra: [String] = []) async throws -> Run {
        try await offThePool { try verifyBlocking(extra) }
    }

    /// `verify`, on the calling thread.
    private func verifyBlocking(_ extra: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.stripper
        process.arguments = ["verify", "--root", tree.root.path, "--build", "build/verify",
                             "--boot-timeout", "3", "--idle-timeout", "1"] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = tree.root.appendingPathComponent("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let boots = (try? tree.read("boots.log")) ?? ""
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
                   boots: boots.split(separator: "\n").map(String.init))
    }

    /// Deletes the kit.
    func remove() { temp.remove() }

    /// The `stripper` executable SwiftPM built next to the test bundle.
    static var stripper: URL {
        #if os(macOS)
        let folder = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            .deletingLastPathComponent() ?? Bundle.main.bundleURL
        #else
        let folder = Bundle.main.bundleURL
        #endif
        return folder.appendingPathComponent("stripper")
    }

    /// The stand-in make (see the top of this file).
    static let make = #"""
        #!/bin/sh
        root=; core=; assignment=; build=; goal=
        while [ $# -gt 0 ]; do
          case "$1" in
            -C) root=$2; shift;;
            CORE=*) core=${1#CORE=};;
            ASSIGNMENT=*) assignment=${1#ASSIGNMENT=};;
            BUILD=*) build=${1#BUILD=};;
            image|check-tools) goal=$1;;
          esac
          shift
        done
        [ "$goal" = image ] || exit 0
        source="$root/$core/core.swift"
        line=$(grep -n '^ *BROKEN' "$source" | head -1 | cut -d: -f1)
        if [ -n "$line" ]; then
          echo "$source:$line:5: error: cannot find 'BROKEN' in scope"
          exit 2
        fi
        mkdir -p "$build" && { echo "assignment=$assignment"; cat "$source"; } > "$build/$assignment.elf"

        """#

    /// The stand-in qemu (see the top of this file).
    static let qemu = #"""
        #!/bin/sh
        while [ $# -gt 0 ]; do
          case "$1" in
            -kernel) image=$2; shift;;
            -append) cmdline=$2; shift;;
          esac
          shift
        done
        echo "$cmdline" >> "$(dirname "$0")/../boots.log"
        nonce=${cmdline##*nonce=}
        assignment=$(head -1 "$image" | cut -d= -f2)
        case "$cmdline" in
          list*)
            if grep -q "^ *// behaviour $assignment list=panic" "$image"; then
              echo "PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00100000 nonce=$nonce"
              exit 65
            fi
            for t in $(grep "^ *// behaviour $assignment " "$image" | sed 's/.*behaviour [^ ]* //; s/=.*//' | sort -u); do
              echo "KTEST TEST name=$t nonce=$nonce"
            done
            exit 97;;
        esac
        test=${cmdline#test=}; test=${test%% *}
        what=$(grep "^ *// behaviour $assignment $test=" "$image" | tail -1 | sed 's/.*=//')
        [ -n "$what" ] || { echo "KTEST NOTEST name=$test nonce=$nonce"; exit 37; }
        echo "KTEST START name=$test nonce=$nonce"
        case "$what" in
          pass) echo "hello from the kernel"; echo "KTEST PASS name=$test nonce=$nonce"; exit 33;;
          wrong) echo "goodbye"; echo "KTEST PASS name=$test nonce=$nonce"; exit 33;;
          echo) echo "serial_echo: waiting for one line"; read -r line; echo "echo: $line"
                echo "KTEST PASS name=$test nonce=$nonce"; exit 33;;
          notimpl) echo "KTEST FAIL name=$test nonce=$nonce message=not implemented"; exit 35;;
          checks) echo "KTEST CHECK name=$test.first nonce=$nonce status=fail message=add: not implemented"
                  echo "KTEST FAIL name=$test nonce=$nonce message=1 check(s) failed"; exit 35;;
          fail) echo "KTEST FAIL name=$test nonce=$nonce message=expected 1, got 2"; exit 35;;
          panic) echo "PANIC kind=trap vector=6 name=invalid-opcode error=0x00000000 eip=0x00100000 nonce=$nonce"
                 echo "PANIC end"; exit 65;;
          slow) for i in 1 2 3 4; do echo "still here"; sleep 0.5; done
                echo "KTEST PASS name=$test nonce=$nonce"; exit 33;;
          hang) sleep 30;;
        esac

        """#
}

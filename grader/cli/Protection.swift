// grader/cli/Protection.swift -- no qemu, make or scratch folder outlives the grader.
//
// Two layers. SIGINT (Ctrl-C) and SIGTERM (a CI cancel) are caught with
// dispatch signal sources: the handler kills every registered qemu and
// make group, removes the scratch folders (ProcessGuard.cleanUp) and exits
// with 130 or 143. SIGKILL cannot be caught, so the backstop process
// (Backstop) does the same cleanup when the grader's pipe to it ends.

import Dispatch
import Foundation
import GraderKit
import Synchronization

/// Installs the backstop and the signal handlers of this grader.
enum Protection {
    /// The signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    /// Set when a handler starts: the command must not exit under it.
    private static let handling = Atomic<Bool>(false)

    /// Never returns while a signal handler cleans up (it exits with the
    /// signal's status); returns at once otherwise.
    static func waitForHandler() {
        while handling.load(ordering: .acquiring) { sleep(60) }
    }

    /// Steps: 1. ignore SIGPIPE (a pipe whose reader is gone must fail a
    /// write, not end the grader); 2. start the backstop (a warning if it
    /// cannot start: grading goes on, unprotected against SIGKILL);
    /// 3. catch SIGINT and SIGTERM.
    static func install() async {
        // 1.
        signal(SIGPIPE, SIG_IGN)
        // 2.
        do {
            try await Backstop.launch(executable: Bundle.main.executablePath ?? CommandLine.arguments[0])
        } catch {
            GraderFailure.printError("\(error); a killed grader may leave qemu running")
        }
        // 3.
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                handling.store(true, ordering: .releasing)
                ProcessGuard.shared.cleanUp()
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}

// Tests/RunnerTests/InstructionCountTests.swift -- `icount`: a timer test repeats exactly.
//
// The spine's timer test prints how many times it read the PIT's counter
// while the counter reloaded three times: on the host's clock that
// number depends on the host's speed and load. On instruction-counted
// time it depends only on the instructions executed, so two runs print
// the same bytes. The control: a different shift (2^2 ns per
// instruction) changes guest time, and so the number, which shows that
// the setting reaches qemu and that the comparison can fail.

import GraderModel
import Testing
@testable import GraderRunner

extension KernelImageTests {
    @Suite struct InstructionCountTests {
        /// The serial output of `interrupts_timer` at `shift`, with a fixed nonce.
        private func timerRun(shift: Int) async throws -> KernelTestOutcome {
            let outcome = try await KernelTestRunner(limits: testLimits)
                .run(test: "interrupts_timer", image: try SpineImage.image(), nonce: Nonce(value: 1),
                     instructionCountShift: shift)
            #expect(outcome.verdict == .pass, "\(outcome.message)\n\(outcome.log)")
            return outcome
        }

        /// The lines that count the counter's reads.
        private func readCounts(_ outcome: KernelTestOutcome) -> [String] {
            outcome.log.split(separator: "\n").map(String.init).filter { $0.contains(" reads") }
        }

        @Test func aTimerTestRepeatsExactly() async throws {
            let first = try await timerRun(shift: QemuCommand.scriptShift)
            let second = try await timerRun(shift: QemuCommand.scriptShift)
            #expect(readCounts(first).count == 2, "\(first.log)")
            #expect(first.run.serial == second.run.serial, "\(first.log)\n---\n\(second.log)")
            // Control: another rate of guest time, another count.
            let slower = try await timerRun(shift: 2)
            #expect(readCounts(slower).count == 2)
            #expect(readCounts(slower) != readCounts(first), "\(readCounts(slower)) vs \(readCounts(first))")
        }
    }
}

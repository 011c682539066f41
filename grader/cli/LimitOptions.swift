// grader/cli/LimitOptions.swift -- the run limits, as command-line options.

import ArgumentParser
import GraderKit

/// `--timeout`, `--idle-timeout` and `--max-output`, shared by the
/// commands that boot a kernel.
struct LimitOptions: ParsableArguments {
    @Option(help: "Seconds the whole run may last.")
    var timeout: Double = RunLimits.standard.wallClock.seconds

    @Option(help: "Seconds the serial port may stay silent.")
    var idleTimeout: Double = RunLimits.standard.idle.seconds

    @Option(help: "Bytes of serial output kept; more is an output flood.")
    var maxOutput: Int = RunLimits.standard.outputBytes

    /// The limits, or a validation error for a value that makes no sense.
    func runLimits() throws -> RunLimits {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard idleTimeout > 0, idleTimeout.isFinite else {
            throw ValidationError("--idle-timeout must be a positive number of seconds")
        }
        guard maxOutput > 0 else { throw ValidationError("--max-output must be a positive number of bytes") }
        return RunLimits(wallClock: .milliseconds(Int64(timeout * 1000)),
                         idle: .milliseconds(Int64(idleTimeout * 1000)), outputBytes: maxOutput)
    }
}

/// `--timeout-scale`, shared by the commands that grade (grade, mutate,
/// stability): one declaration, one range check.
struct TimeoutScaleOption: ParsableArguments {
    @Option(help: "Multiply every timeout by this (default: the stored calibration, else 1).")
    var timeoutScale: Double?

    /// Refuses a scale outside (0, 100]: a zero or negative one would
    /// time every test out, a huge one would let a hung kernel run for
    /// hours.
    func validate() throws {
        if let timeoutScale, !(timeoutScale > 0 && timeoutScale <= 100) {
            throw ValidationError("--timeout-scale must be greater than 0 and at most 100")
        }
    }

    /// The scale to use with `kit`: the option, else the kit's stored
    /// calibration, else 1.
    func choice(for kit: Kit) -> TimeoutScaleChoice {
        TimeoutScaleChoice.choose(explicit: timeoutScale, kit: kit)
    }
}

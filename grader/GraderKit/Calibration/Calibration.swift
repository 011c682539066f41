// grader/GraderKit/Calibration/Calibration.swift -- the timeout scale measured for this host.
//
// Script timeouts are written for a nominal machine. On a slower host (a
// loaded CI runner, qemu without acceleration on an old laptop) the same
// kernel takes longer, and a fixed timeout would fail correct code.
// `grader calibrate` boots the reference's tests, compares the median
// boot-to-verdict time with the nominal one, and stores the ratio here;
// `grader grade` then multiplies every timeout by it unless
// `--timeout-scale` says otherwise. The scale never goes below 1: a fast
// host does not shorten the limits a script's author chose.

import Foundation

/// A stored calibration.
public struct Calibration: Codable, Sendable, Equatable {
    /// The boot-to-verdict time timeouts are written for, in seconds.
    public static let nominalBootSeconds = 0.15

    /// The factor applied to every timeout.
    public var timeoutScale: Double
    /// Median seconds from qemu's start to the verdict, measured.
    public var medianBootSeconds: Double
    /// Seconds for one pass over every reference test of the assignment.
    public var referenceTestSeconds: Double
    /// How many runs the median is over.
    public var runs: Int
    /// The assignment measured.
    public var assignment: String
    /// ISO 8601 time of the measure.
    public var measuredAt: String

    /// The scale for a measured median: the ratio to the nominal time,
    /// rounded up to a tenth, at least 1.
    public static func scale(forMedian median: Double) -> Double {
        max(1, (median / nominalBootSeconds * 10).rounded(.up) / 10)
    }

    /// Where a kit keeps its calibration (under build/, never committed).
    public static func file(in kit: Kit) -> URL {
        kit.root.appendingPathComponent("build/grader/calibration.json")
    }

    /// The stored calibration of `kit`, if one was made and is readable.
    public static func load(kit: Kit) -> Calibration? {
        guard let data = FileManager.default.contents(atPath: file(in: kit).path) else { return nil }
        return try? JSONDecoder().decode(Calibration.self, from: data)
    }

    /// Stores this calibration for `kit`, atomically.
    public func store(kit: Kit) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = Calibration.file(in: kit)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(try encoder.encode(self), to: url)
    }
}

/// The timeout scale a run uses, and where it came from.
public struct TimeoutScaleChoice: Sendable, Equatable, CustomStringConvertible {
    /// The factor.
    public var scale: Double
    /// "--timeout-scale", "calibration of <date>" or "default".
    public var origin: String

    /// The explicit value if given, else the kit's calibration, else 1.
    public static func choose(explicit: Double?, kit: Kit) -> TimeoutScaleChoice {
        if let explicit { return TimeoutScaleChoice(scale: explicit, origin: "--timeout-scale") }
        if let stored = Calibration.load(kit: kit) {
            return TimeoutScaleChoice(scale: stored.timeoutScale, origin: "calibration of \(stored.measuredAt)")
        }
        return TimeoutScaleChoice(scale: 1, origin: "default; run `grader calibrate` to measure this host")
    }

    /// "timeout scale 1.3 (calibration of ...)".
    public var description: String {
        "timeout scale \(scale) (\(origin))"
    }
}

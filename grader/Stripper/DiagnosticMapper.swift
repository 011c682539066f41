// grader/Stripper/DiagnosticMapper.swift -- compiler errors in skeletons, told in the reference.
//
// When a replacement does not compile, swiftc names a line of
// `skeleton/<a>/...`, a generated file nobody should edit. The mapper
// rewrites each such location to the reference line (and column) it was
// made from, and keeps the skeleton location at the end of the line:
//
//     skeleton/01-set/set/set.swift:12:9: error: cannot find 'x' in scope
//  -> reference/set/set.swift:40:12: error: cannot find 'x' in scope [skeleton/01-set/set/set.swift:12:9]

/// Rewrites compiler output that names skeleton files.
public struct DiagnosticMapper: Sendable {
    /// The skeletons whose line maps are used, by assignment.
    public var skeletons: [String: Skeleton]

    /// A mapper for these skeletons.
    public init(skeletons: [Skeleton]) {
        self.skeletons = Dictionary(uniqueKeysWithValues: skeletons.map { ($0.assignment, $0) })
    }

    /// `output` with every skeleton location rewritten, line by line.
    public func map(_ output: String) -> String {
        output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { mapLine(String($0)) }
            .joined(separator: "\n")
    }

    /// One line with its first skeleton location rewritten.
    ///
    /// Steps:
    /// 1. find `skeleton/<assignment>/<path>:<line>[:<column>]`;
    /// 2. look the line up in that file's line map;
    /// 3. replace the location, and append the original one.
    public func mapLine(_ line: String) -> String {
        // 1.
        let pattern = /skeleton\/([0-9]{2}-[A-Za-z0-9_-]+)\/([^:\s]+):([0-9]+)(:([0-9]+))?/
        guard let match = line.firstMatch(of: pattern),
              let skeleton = skeletons[String(match.1)],
              let file = skeleton.files[String(match.2)], let source = file.source,
              let number = Int(match.3),
              // 2.
              let origin = file.lineMap.origin(ofLine: number) else {
            return line
        }
        // 3.
        var location = "\(source):\(origin.line)"
        if let column = match.5.flatMap({ Int($0) }) {
            location += ":\(column + origin.columnShift)"
        }
        return line.replacingCharacters(in: match.range, with: location) + " [\(match.0)]"
    }
}

// grader/Stripper/DiagnosticMapper.swift -- compiler errors in skeletons, told in the reference.
//
// When a replacement does not compile, swiftc names a line of
// `build/skeletons/<a>/...` (or of its machine, `<a>.machine/...`), a
// generated file nobody should edit. The mapper rewrites each such
// location to the reference (or machine/) line and column it was made
// from, and keeps the skeleton location at the end of the line:
//
//     build/skeletons/01-set/set/set.swift:12:9: error: cannot find 'x' in scope
//  -> reference/set/set.swift:40:12: error: cannot find 'x' in scope [build/skeletons/01-set/set/set.swift:12:9]

/// Rewrites compiler output that names files of generated skeleton trees.
public struct DiagnosticMapper: Sendable {
    /// The skeletons whose line maps are used, by assignment.
    public var skeletons: [String: Skeleton]
    /// The folder the trees are generated in, relative to the kit's root
    /// (`build/skeletons`): what the compiler's paths name.
    public var trees: String

    /// A mapper for these skeletons, generated under `trees`.
    public init(skeletons: [Skeleton], trees: String = SkeletonStore.defaultTrees) {
        self.skeletons = Dictionary(uniqueKeysWithValues: skeletons.map { ($0.assignment, $0) })
        self.trees = trees
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
    /// 1. find `<trees>/<assignment>[.machine]/<path>:<line>[:<column>]`
    ///    (a path before `<trees>`, the kit's root, is kept as it is);
    /// 2. look the line up in that file's line map;
    /// 3. replace the location, and append the original one.
    public func mapLine(_ line: String) -> String {
        // 1.
        let location = /([0-9]{2}-[A-Za-z0-9_-]+)(\.machine)?\/([^:\s]+):([0-9]+)(:([0-9]+))?/
        guard let folder = line.range(of: trees + "/"),
              let match = line[folder.upperBound...].prefixMatch(of: location),
              let skeleton = skeletons[String(match.1)],
              let file = (match.2 == nil ? skeleton.files : skeleton.machine)[String(match.3)], let source = file.source,
              let number = Int(match.4),
              // 2.
              let origin = file.lineMap.origin(ofLine: number) else {
            return line
        }
        // 3.
        var mapped = "\(source):\(origin.line)"
        if let column = match.6.flatMap({ Int($0) }) {
            mapped += ":\(column + origin.columnShift)"
        }
        let range = folder.lowerBound..<match.range.upperBound
        return line.replacingCharacters(in: range, with: mapped) + " [\(line[range])]"
    }
}

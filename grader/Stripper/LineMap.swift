// grader/Stripper/LineMap.swift -- where each skeleton line came from.
//
// Stripping removes and uncomments lines, so line 40 of a skeleton file
// may be line 57 of the reference. The line map remembers, for each
// output line, its reference line (and how far its text moved left), so
// a compiler error in a skeleton can be reported where the teacher must
// fix it: in the reference.

/// The reference position of one skeleton line.
public struct LineOrigin: Equatable, Sendable {
    /// The 1-based line in the reference file.
    public var line: Int
    /// Columns removed from the start of the text (3 for `// `, else 0).
    public var columnShift: Int

    /// An origin at `line`, shifted by `columnShift` columns.
    public init(line: Int, columnShift: Int = 0) {
        self.line = line
        self.columnShift = columnShift
    }
}

/// The origins of every line of one skeleton file.
public struct LineMap: Equatable, Sendable {
    /// `origins[i]` is the origin of output line `i + 1`.
    public var origins: [LineOrigin]

    /// A map with these origins, in output order.
    public init(_ origins: [LineOrigin] = []) {
        self.origins = origins
    }

    /// The map of a file copied unchanged, `count` lines long.
    public static func identity(lines count: Int) -> LineMap {
        LineMap((0..<count).map { LineOrigin(line: $0 + 1) })
    }

    /// The origin of 1-based output `line`, or nil past the end.
    public func origin(ofLine line: Int) -> LineOrigin? {
        origins.indices.contains(line - 1) ? origins[line - 1] : nil
    }
}

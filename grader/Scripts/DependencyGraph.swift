// grader/Scripts/DependencyGraph.swift -- the order to run scripts in.
//
// A script may depend on others of its assignment: a test of `add` means
// little if `reserve` is broken. Scripts therefore run in a topological
// order, and the order is stable: among the scripts whose dependencies are
// all placed, the first by name goes next, so adding a dependency never
// reshuffles unrelated tests. Scripts that can never be placed are in, or
// behind, a dependency cycle; the loader reports the cycles.

/// Scripts as nodes, `depends` as edges.
struct DependencyGraph {
    /// Names in the base order (sorted).
    private let names: [String]
    /// For each name, the names it depends on (unknown names dropped).
    private let edges: [String: [String]]

    /// Builds the graph; dependencies on names not in `names` are ignored
    /// (the validator reports them).
    init(dependencies: [String: [String]]) {
        names = dependencies.keys.sorted()
        var edges: [String: [String]] = [:]
        for (name, targets) in dependencies {
            edges[name] = targets.filter { dependencies[$0] != nil }
        }
        self.edges = edges
    }

    /// The names, every one after its dependencies; names in a cycle or
    /// depending on one are left out (see `cycles`).
    ///
    /// 1. Count each name's unplaced dependencies.
    /// 2. Repeatedly place the first name (by name) with none left, and
    ///    discount it from the names that depend on it.
    func order() -> [String] {
        // 1.
        var waiting = edges.mapValues { Set($0).count }
        var placed: [String] = []
        // 2.
        while let next = names.first(where: { waiting[$0] == 0 }) {
            placed.append(next)
            waiting[next] = nil
            for name in names where waiting[name] != nil && edges[name, default: []].contains(next) {
                waiting[name]! -= 1
            }
        }
        return placed
    }

    /// Every dependency cycle, each starting at its first name by sort
    /// order, e.g. `["a", "b"]` for a -> b -> a.
    ///
    /// 1. The names `order()` cannot place each have an unplaceable
    ///    dependency, so following those from any of them must loop.
    /// 2. Walk from each unplaced name until a name repeats; the loop is
    ///    a cycle. Keep each cycle once.
    func cycles() -> [[String]] {
        // 1.
        let stuck = Set(names).subtracting(order())
        var found: [[String]] = []
        // 2.
        for start in names where stuck.contains(start) {
            var path = [start]
            while let next = edges[path.last!]!.first(where: stuck.contains) {
                if let loopStart = path.firstIndex(of: next) {
                    let cycle = Self.rotated(Array(path[loopStart...]))
                    if !found.contains(cycle) { found.append(cycle) }
                    break
                }
                path.append(next)
            }
        }
        return found
    }

    /// The cycle rotated to start at its smallest name.
    private static func rotated(_ cycle: [String]) -> [String] {
        let first = cycle.indices.min { cycle[$0] < cycle[$1] }!
        return Array(cycle[first...] + cycle[..<first])
    }
}

// Tests/ScriptsTests/DependencyGraphTests.swift -- run order and cycles.

import Testing
@testable import GraderScripts

@Suite struct DependencyGraphTests {
    @Test func orderIsByNameWhenNothingDepends() {
        let graph = DependencyGraph(dependencies: ["c": [], "a": [], "b": []])
        #expect(graph.order() == ["a", "b", "c"])
    }

    @Test func dependenciesComeFirstAndTheRestStaysInNameOrder() {
        let graph = DependencyGraph(dependencies: ["a": ["d"], "b": [], "c": ["a", "b"], "d": []])
        #expect(graph.order() == ["b", "d", "a", "c"])
        #expect(graph.cycles().isEmpty)
    }

    @Test func unknownDependenciesAreIgnored() {
        #expect(DependencyGraph(dependencies: ["a": ["zz"]]).order() == ["a"])
    }

    @Test func scriptsInOrBehindACycleAreNotOrdered() {
        let graph = DependencyGraph(dependencies: ["a": ["b"], "b": ["a"], "c": ["a"], "d": []])
        #expect(graph.order() == ["d"])
        #expect(graph.cycles() == [["a", "b"]])
    }

    @Test func cyclesStartAtTheirSmallestName() {
        let graph = DependencyGraph(dependencies: ["z": ["m"], "m": ["q"], "q": ["z"]])
        #expect(graph.cycles() == [["m", "q", "z"]])
    }

    /// Property: for random acyclic graphs (edges only towards smaller
    /// indices), the order holds every name once and puts each after all
    /// its dependencies; shuffling the input does not change it.
    @Test(arguments: 0 ..< 50)
    func randomAcyclicGraphsAreOrderedTopologically(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let count = Int.random(in: 1 ... 12, using: &random)
        let names = (0 ..< count).map { "s\(Character(UnicodeScalar(UInt8(97 + $0))))" }.shuffled(using: &random)
        var dependencies: [String: [String]] = [:]
        for (index, name) in names.enumerated() {
            dependencies[name] = names[..<index].filter { _ in Bool.random(using: &random) }
        }
        let order = DependencyGraph(dependencies: dependencies).order()
        #expect(order.sorted() == names.sorted())
        for (position, name) in order.enumerated() {
            for dependency in dependencies[name]! {
                #expect(order.firstIndex(of: dependency)! < position)
            }
        }
        #expect(DependencyGraph(dependencies: dependencies).cycles().isEmpty)
    }

    /// Property: adding a back edge to a random chain makes exactly that
    /// loop a cycle, and nothing of the loop gets ordered.
    @Test(arguments: 0 ..< 30)
    func aBackEdgeMakesACycle(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let count = Int.random(in: 2 ... 9, using: &random)
        let names = (0 ..< count).map { "n\($0)" }
        var dependencies = Dictionary(uniqueKeysWithValues: names.enumerated().map { index, name in
            (name, index == 0 ? [String]() : [names[index - 1]])
        })
        let from = Int.random(in: 0 ..< count, using: &random)
        let to = Int.random(in: from ..< count, using: &random)
        dependencies[names[from]]!.append(names[to])
        let graph = DependencyGraph(dependencies: dependencies)
        // Edges point at dependencies: from -> to -> to-1 -> ... -> from.
        #expect(graph.cycles() == [[names[from]] + names[from + 1 ..< to + 1].reversed()])
        #expect(graph.order() == Array(names[..<from]))
    }
}

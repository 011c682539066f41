// Tests/StripperTests/SkeletonStoreTests.swift -- generate writes, check catches hand edits.

import Testing
@testable import StripperKit

@Suite struct SkeletonStoreTests {
    /// A tree with a reference and its skeletons generated.
    func generated() throws -> (TempTree, SkeletonStore, [Skeleton]) {
        let temp = try TempTree(["reference/set/set.swift": layered, "skeleton/.keep": ""])
        let skeletons = try SkeletonBuilder(tree: temp.tree, curriculum: course).skeletons()
        let store = SkeletonStore(tree: temp.tree, curriculum: course)
        try store.write(skeletons)
        return (temp, store, skeletons)
    }

    @Test func generateThenCheckIsClean() throws {
        let (temp, store, skeletons) = try generated()
        defer { temp.remove() }
        #expect(store.differences(from: skeletons).isEmpty)
        #expect(!temp.tree.exists("skeleton/.keep"))
        #expect(temp.tree.exists("skeleton/03-region/set/set.swift"))
        // Nothing changed: nothing is rewritten.
        #expect(try store.write(skeletons).isEmpty)
    }

    @Test func checkNamesEditedMissingAndExtraFiles() throws {
        let (temp, store, skeletons) = try generated()
        defer { temp.remove() }
        try temp.tree.write("// solved by hand\n", to: "skeleton/02-segment/set/set.swift")
        try temp.tree.remove("skeleton/01-set/README.md")
        try temp.tree.write("x\n", to: "skeleton/03-region/set/extra.swift")
        try temp.tree.write("x\n", to: "skeleton/04-task/kernel.swift")
        #expect(store.differences(from: skeletons) == [
            .missing("skeleton/01-set/README.md"),
            .stale("skeleton/02-segment/set/set.swift"),
            .extra("skeleton/03-region/set/extra.swift"),
            .extra("skeleton/04-task/kernel.swift"),
        ])
    }

    @Test func generateRepairsAndRemovesExtras() throws {
        let (temp, store, skeletons) = try generated()
        defer { temp.remove() }
        try temp.tree.write("x\n", to: "skeleton/02-segment/gone/old.swift")
        try temp.tree.write("edited\n", to: "skeleton/01-set/set/set.swift")
        #expect(try store.write(skeletons) == ["skeleton/01-set/set/set.swift"])
        #expect(!temp.tree.exists("skeleton/02-segment/gone"))
        #expect(store.differences(from: skeletons).isEmpty)
    }

    @Test func differenceMessagesNameTheFile() {
        #expect(SkeletonDifference.stale("skeleton/01-set/a.swift").description
            .hasPrefix("skeleton/01-set/a.swift: error: stale"))
    }
}

// Tests/StripperTests/SkeletonStoreTests.swift -- committed manifests, generated trees.

import Testing
@testable import StripperKit

@Suite struct SkeletonStoreTests {
    /// A tree with a reference, its manifests written and its trees generated.
    func generated() throws -> (TempTree, SkeletonStore, [Skeleton]) {
        let temp = try TempTree(["reference/set/set.swift": layered, "skeleton/.keep": ""])
        let skeletons = try SkeletonBuilder(tree: temp.tree, curriculum: course).skeletons()
        let store = SkeletonStore(tree: temp.tree)
        try store.writeManifests(skeletons)
        try store.writeTrees(skeletons, into: "build/skeletons")
        return (temp, store, skeletons)
    }

    @Test func generateThenCheckIsClean() throws {
        let (temp, store, skeletons) = try generated()
        defer { temp.remove() }
        #expect(store.differences(from: skeletons).isEmpty)
        #expect(!temp.tree.exists("skeleton/.keep"))
        // skeleton/ holds one manifest per skeleton and nothing else.
        #expect(temp.tree.files(under: "skeleton") == ["01-set.md", "02-segment.md", "03-region.md"])
        #expect(try temp.tree.read("skeleton/02-segment.md") == skeletons[1].manifest)
        // The trees are in the build folder, each with its manifest as README.
        #expect(try temp.tree.read("build/skeletons/03-region/set/set.swift") == skeletons[2].files["set/set.swift"]!.text)
        #expect(try temp.tree.read("build/skeletons/01-set/README.md") == skeletons[0].manifest)
        // Nothing changed: nothing is rewritten.
        #expect(try store.writeManifests(skeletons).isEmpty)
        #expect(try store.writeTrees(skeletons, into: "build/skeletons").isEmpty)
    }

    @Test func checkNamesStaleMissingAndExtraFiles() throws {
        let (temp, store, skeletons) = try generated()
        defer { temp.remove() }
        try temp.tree.write("# edited by hand\n", to: "skeleton/02-segment.md")
        try temp.tree.remove("skeleton/01-set.md")
        try temp.tree.write("x\n", to: "skeleton/03-region/set/set.swift")   // a committed tree of old
        try temp.tree.write("x\n", to: "skeleton/04-task.md")
        #expect(store.differences(from: skeletons) == [
            .missing("skeleton/01-set.md"),
            .stale("skeleton/02-segment.md"),
            .extra("skeleton/03-region/set/set.swift"),
            .extra("skeleton/04-task.md"),
        ])
    }

    @Test func aChangedCutMakesTheManifestStale() throws {
        let (temp, store, _) = try generated()
        defer { temp.remove() }
        // A replacement rewritten in the reference: check must see it.
        try temp.tree.write(layered.replacingOccurrences(of: "// throw KernelError.notImplemented",
                                                         with: "// return"), to: "reference/set/set.swift")
        let now = try SkeletonBuilder(tree: temp.tree, curriculum: course).skeletons()
        #expect(store.differences(from: now) == [
            .stale("skeleton/01-set.md"), .stale("skeleton/02-segment.md"),
        ])
        // The manifest of 03-region cuts no ELSE part: it does not change.
        #expect(try temp.tree.read("skeleton/03-region.md") == now[2].manifest)
    }

    @Test func generateRepairsAndRemovesExtras() throws {
        let (temp, store, skeletons) = try generated()
        defer { temp.remove() }
        try temp.tree.write("x\n", to: "skeleton/02-segment/gone/old.swift")
        try temp.tree.write("edited\n", to: "skeleton/01-set.md")
        try temp.tree.write("x\n", to: "build/skeletons/02-segment/gone/old.swift")
        try temp.tree.write("x\n", to: "build/skeletons/05-scheduler/set/set.swift")
        try temp.tree.write("edited\n", to: "build/skeletons/01-set/set/set.swift")
        #expect(try store.writeManifests(skeletons) == ["skeleton/01-set.md"])
        #expect(try store.writeTrees(skeletons, into: "build/skeletons") == ["build/skeletons/01-set/set/set.swift"])
        #expect(!temp.tree.exists("skeleton/02-segment"))
        #expect(!temp.tree.exists("build/skeletons/02-segment/gone"))
        #expect(!temp.tree.exists("build/skeletons/05-scheduler"))
        #expect(store.differences(from: skeletons).isEmpty)
    }

    @Test func onlyAssignmentsWithARubricAreGraded() throws {
        let temp = try TempTree(["assignments/02-segment/rubric.yaml": "total: 1\n",
                                 "assignments/03-region/tests/x.yaml": "test: x\n"])
        defer { temp.remove() }
        #expect(course.graded(in: temp.tree) == ["02-segment"])
    }

    @Test func differenceMessagesNameTheFile() {
        #expect(SkeletonDifference.stale("skeleton/01-set.md").description
            .hasPrefix("skeleton/01-set.md: error: stale"))
    }
}

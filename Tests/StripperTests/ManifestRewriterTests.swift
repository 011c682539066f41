// Tests/StripperTests/ManifestRewriterTests.swift -- the student kit's Package.swift.

import Foundation
import Testing
@testable import StripperKit

@Suite struct ManifestRewriterTests {
    let sample = """
        let package = Package(
            dependencies: [
                .package(url: "https://github.com/x/x", from: "1.0.0"),
                .package(url: "https://github.com/y/only-tests.git", from: "1.0.0"),
            ],
            products: [
                .executable(name: "grader", targets: ["grader"]),
                .executable(name: "stripper", targets: ["stripper"]),
            ],
            targets: [
                .target(name: "KernelCore", path: ".", exclude: ["skeleton", "Tests", "boot"], sources: ["reference", "machine/host"]),
                // Cutting skeletons (a comment with a comma, and a "quote").
                .target(name: "StripperKit", path: "grader/Stripper"),
                .executableTarget(name: "stripper", dependencies: ["StripperKit"], path: "grader/stripper-cli"),
                .executableTarget(name: "grader", dependencies: [.product(name: "X", package: "x")], path: "grader/cli"),
                .testTarget(name: "StripperTests", dependencies: [.product(name: "Y", package: "only-tests")], path: "Tests/StripperTests")
            ]
        )
        """

    @Test func dropsTeacherTargetsAndPointsAtKernel() throws {
        let kit = try ManifestRewriter().rewrite(sample)
        #expect(kit.contains("sources: [\"kernel\", \"machine/host\"]"))
        #expect(kit.contains("exclude: [\"boot\"]"))
        #expect(kit.contains(".executableTarget(name: \"grader\""))
        #expect(kit.contains(".executable(name: \"grader\""))
        #expect(kit.contains("github.com/x/x"))
        #expect(!kit.contains("only-tests"))
        #expect(kit.contains(".target(name: \"StripperKit\""), "the stripper's library ships (GraderKit links it)")
        for gone in ["stripper-cli", "name: \"stripper\"", "Tests/", "\"reference\""] {
            #expect(!kit.contains(gone), "still mentions \(gone)")
        }
    }

    /// The names a manifest declares as targets, and the plain (local)
    /// names its targets depend on. Products of packages are skipped.
    static func targetsAndLocalDependencies(_ manifest: String) -> (declared: Set<String>, needed: Set<String>) {
        let declared = Set(manifest.matches(of: /\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/)
            .map { String($0.output.1) })
        let withoutProducts = manifest.replacing(/\.product\([^)]*\)/, with: "")
        var needed = Set<String>()
        for list in withoutProducts.matches(of: /\n\s{8,}(?:dependencies:\s*)?\[([^\]]*)\]/) where list.output.0.contains("dependencies") {
            needed.formUnion(list.output.1.matches(of: /"([^"]+)"/).map { String($0.output.1) })
        }
        return (declared, needed)
    }

    /// A kit whose manifest names a target it dropped does not build (the
    /// fallback `make assignment-N` compiles the grader from source).
    @Test func everyKitTargetDependsOnlyOnKitTargets() throws {
        let manifest = try FileTree(root: kitRoot).read("Package.swift")
        let teacher = Self.targetsAndLocalDependencies(manifest)
        #expect(teacher.needed.contains("StripperKit") && teacher.needed.contains("Machine"))
        #expect(teacher.needed.isSubset(of: teacher.declared), "the teacher's manifest: \(teacher.needed.subtracting(teacher.declared))")
        let kit = Self.targetsAndLocalDependencies(try ManifestRewriter().rewrite(manifest))
        #expect(kit.needed.isSubset(of: kit.declared), "the kit needs targets it lacks: \(kit.needed.subtracting(kit.declared))")
        // Negative control: dropping the stripper's folder breaks the kit.
        let broken = Self.targetsAndLocalDependencies(
            try ManifestRewriter(removedFolders: ["Tests", "grader/Stripper", "grader/stripper-cli"]).rewrite(manifest))
        #expect(!broken.needed.isSubset(of: broken.declared))
    }

    @Test func rewritesTheRealManifest() throws {
        let manifest = try FileTree(root: kitRoot).read("Package.swift")
        let kit = try ManifestRewriter().rewrite(manifest)
        #expect(kit.contains("\"kernel\""))
        #expect(!kit.contains("path: \"Tests/"))
        #expect(kit.contains("path: \"grader/Stripper\""), "GraderKit links against StripperKit: the kit needs it")
        #expect(!kit.contains("grader/stripper-cli"))
        #expect(kit.contains("path: \"grader/cli\""))
        #expect(!kit.contains("swift-property-based"))
    }

    @Test func aManifestWithoutTargetsIsAnError() {
        #expect(throws: StripperError(file: "Package.swift", "no 'targets: [' array to rewrite for the student kit")) {
            try ManifestRewriter().rewrite("let package = Package(name: \"x\")")
        }
    }
}

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
        for gone in ["Stripper", "stripper", "Tests/", "Cutting skeletons", "\"reference\""] {
            #expect(!kit.contains(gone), "still mentions \(gone)")
        }
    }

    @Test func rewritesTheRealManifest() throws {
        let manifest = try FileTree(root: kitRoot).read("Package.swift")
        let kit = try ManifestRewriter().rewrite(manifest)
        #expect(kit.contains("\"kernel\""))
        #expect(!kit.contains("path: \"Tests/"))
        #expect(!kit.contains("grader/Stripper"))
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

// Tests/RunnerTests/SpineImage.swift -- the 00-spine image the in-qemu tests boot.
//
// `KernelImageTests` carries the `.spineImage` trait: before its tests
// (and those of the suites nested in it) run, the trait builds the image
// once with KernelBuild into a fresh temporary folder, hands its path to
// the tests through a task-local value, and deletes the folder after the
// last test. Parallel tests share the one image.

import Foundation
import GraderRunner
import Testing

/// The in-qemu tests: every suite that boots the kernel is nested here.
@Suite(.spineImage) struct KernelImageTests {}

/// Where the image of the running suite is.
enum SpineImage {
    /// Set by the trait for the duration of the suite.
    @TaskLocal static var path: String?

    /// The kit's root folder: three levels above this file.
    static var kitRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The image path, or a recorded issue when the build failed.
    static func image() throws -> String {
        try #require(path, "the 00-spine image was not built (see the first failure)")
    }
}

/// Builds the 00-spine image around a suite.
struct SpineImageTrait: SuiteTrait, TestScoping {
    /// Steps:
    /// 1. build into a new temporary folder;
    /// 2. run the suite with the image's path set;
    /// 3. delete the folder.
    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        // 1.
        let folder = FileManager.default.temporaryDirectory.path + "/runner-tests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }   // 3.
        let build = KernelBuild(kitRoot: SpineImage.kitRoot, assignment: "00-spine", buildDirectory: folder)
        let outcome = try await build.run()
        guard case .built(let image) = outcome else {
            if case .failed(let failure) = outcome {
                Issue.record("the 00-spine image did not build: \(failure.summary)\n\(failure.diagnostics)")
            }
            return
        }
        // 2.
        try await SpineImage.$path.withValue(image) {
            try await function()
        }
    }
}

extension Trait where Self == SpineImageTrait {
    /// Builds the 00-spine image for the suite (see `SpineImageTrait`).
    static var spineImage: Self { SpineImageTrait() }
}

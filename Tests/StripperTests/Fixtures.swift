// Tests/StripperTests/Fixtures.swift -- small trees for the stripper's tests.

import Foundation
import StripperKit

/// A three-assignment course, short enough to reason about in a test.
let course = Curriculum(["01-set", "02-segment", "03-region"])

/// A temporary folder with files in it, removed by `remove()`.
struct TempTree {
    let tree: FileTree

    /// A fresh folder holding `files` (path -> text).
    init(_ files: [String: String] = [:]) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stripper-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        tree = FileTree(root: url)
        for (path, text) in files { try tree.write(text, to: path) }
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: tree.root)
    }
}

/// The kit's own root folder (three levels above this file).
let kitRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A reference file with one block per assignment of `course`.
let layered = """
    struct Set {
        // BEGIN ASSIGNMENT 01-set
        var storage: [Int] = []
        // END ASSIGNMENT 01-set
        func add() throws(KernelError) {
            // BEGIN ASSIGNMENT 01-set
            storage.append(1)
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 01-set
        }
        func reserve() throws(KernelError) {
            // BEGIN ASSIGNMENT 02-segment
            segmentReserveForReal()
            // ELSE
            // throw KernelError.notImplemented
            // END ASSIGNMENT 02-segment
        }
        // BEGIN ASSIGNMENT 03-region
        func locate() { regionLocateForReal() }
        // END ASSIGNMENT 03-region
    }

    """

/// The parse of `text` as `file.swift` with `course`, or the error.
func parse(_ text: String) throws(StripperError) -> MarkedFile {
    try MarkerParser(curriculum: course).parse(text, path: "file.swift")
}

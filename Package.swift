// swift-tools-version: 6.2
//
// The host side of the kit: the grader and its tools, the report writers,
// and a host build of the kernel core (reference/ + machine/host) so the
// managers get fast unit and property tests and editors get completion.
// The ia32 kernel itself is built by the Makefile (SwiftPM cannot mix the
// i686-unknown-none-elf triple with host targets).

import PackageDescription

let package = Package(
    name: "KernelKit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "grader", targets: ["grader"]),
        .library(name: "GraderKit", targets: ["GraderKit"]),
        .library(name: "Kernel", targets: ["Machine", "Kernel", "Harness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The kernel, compiled for the host: the same three modules as the
        // ia32 image (docs/book/01-spine.md), with the simulated machine.
        // Machine: machine/host plus the contract both machines compile.
        .target(name: "Machine", path: "machine", exclude: ["ia32"], sources: ["host", "shared"]),
        // Kernel: the core, the same sources as the ia32 image.
        .target(
            name: "Kernel",
            dependencies: ["Machine"],
            path: "reference",
            swiftSettings: [
                .unsafeFlags(["-parse-as-library"]),
                // Lets clients (set-bench, tests) specialise the generic set code.
                .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
            ]
        ),
        // Harness: the in-kernel half of the grader (its entry points are
        // left out: the ia32 kernel_main, and host/, the main of a host
        // run, which mk/host.mk builds with an assignment's tests).
        .target(name: "Harness", dependencies: ["Kernel", "Machine"], path: "grader/harness", exclude: ["entry.swift", "host"]),
        // libxml2, for the JUnit writer (see grader/CLibXML2/shim.h).
        .systemLibrary(
            name: "CLibXML2",
            path: "grader/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The results every part of the grader exchanges.
        .target(name: "GraderModel", path: "grader/Model"),
        // Booting one kernel test in qemu and classifying the run.
        .target(
            name: "GraderRunner",
            dependencies: ["GraderModel", .product(name: "Subprocess", package: "swift-subprocess")],
            path: "grader/Runner"
        ),
        // Test scripts, rubrics, the serial conversation and scoring.
        .target(
            name: "GraderScripts",
            dependencies: ["GraderModel", .product(name: "Yams", package: "Yams")],
            path: "grader/Scripts"
        ),
        // Report writers: JUnit (libxml2), JSON, Gradescope, Markdown, HTML, terminal.
        .target(
            name: "GraderReports",
            dependencies: ["GraderModel", "CLibXML2", .product(name: "Rainbow", package: "Rainbow")],
            path: "grader/Reports"
        ),
        // Grading submissions: intake, trusted builds, batches, cache, shards.
        .target(
            name: "GraderKit",
            dependencies: [
                "GraderModel", "GraderRunner", "GraderScripts", "GraderReports",
                // The docs check reads the stripper's markers (grader/GraderKit/Docs).
                "StripperKit",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "grader/GraderKit"
        ),
        // The `grader` command line.
        .executableTarget(
            name: "grader",
            dependencies: [
                "GraderKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ],
            path: "grader/cli"
        ),
        // Cutting student skeletons out of the reference.
        .target(name: "StripperKit", path: "grader/Stripper"),
        .executableTarget(
            name: "stripper",
            dependencies: [
                "StripperKit", "GraderModel", "GraderRunner", "GraderScripts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "grader/stripper-cli"
        ),
        // Set manager benchmark on the host (`make bench`).
        .executableTarget(name: "set-bench", dependencies: ["Kernel", "Machine"], path: "Tests/SetBench"),
        // Segment manager benchmark on the host (`make bench`).
        .executableTarget(name: "segment-bench", dependencies: ["Kernel", "Machine"], path: "Tests/SegmentBench"),
        .testTarget(
            name: "KernelCoreTests",
            dependencies: ["Kernel", "Machine", "Harness", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/KernelCoreTests"
        ),
        // What several test targets share: long blocking work off the pool.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "RunnerTests", dependencies: ["GraderRunner", "TestSupport"], path: "Tests/RunnerTests"),
        .testTarget(name: "ScriptsTests", dependencies: ["GraderScripts"], path: "Tests/ScriptsTests"),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["GraderReports", "GraderModel", "CLibXML2"],
            path: "Tests/ReportsTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "GraderKitTests", dependencies: ["GraderKit", "TestSupport"], path: "Tests/GraderKitTests"),
        // The kit tests check shipped docs with GraderKit's link checker (MarkdownLinks).
        .testTarget(name: "StripperTests", dependencies: ["StripperKit", "GraderKit", "TestSupport"], path: "Tests/StripperTests"),
    ]
)

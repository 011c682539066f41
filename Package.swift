// swift-tools-version: 6.1
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
        .library(name: "KernelCore", targets: ["KernelCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The kernel core, compiled for the host with the simulated machine.
        // Same sources as the ia32 image; only the machine folder differs.
        .target(
            name: "KernelCore",
            path: ".",
            sources: ["reference", "machine/host"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // libxml2, for the JUnit writer (see grader/CLibXML2/shim.h).
        .systemLibrary(
            name: "CLibXML2",
            path: "grader/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Everything the grader does, as a library the CLI and tests share.
        .target(
            name: "GraderKit",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Rainbow", package: "Rainbow"),
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
        .testTarget(
            name: "KernelCoreTests",
            dependencies: [
                "KernelCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/KernelCoreTests"
        ),
        .testTarget(
            name: "GraderKitTests",
            dependencies: ["GraderKit"],
            path: "Tests/GraderKitTests"
        ),
    ]
)

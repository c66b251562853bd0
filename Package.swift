// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cipin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cipin", targets: ["cipin"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Segmentation", targets: ["Segmentation"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "Ingest",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Segmentation"),
        .target(name: "Analysis", dependencies: ["Ingest", "Segmentation"]),
        .target(name: "Reporting", dependencies: ["CLibXML2"]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Ingest", "Segmentation", "Analysis", "Reporting",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "cipin",
            dependencies: [
                "Pipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The tests' scratch folders, removed when the test process exits.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"]),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Reporting", "TestSupport"]),
        // Golden/ holds a pipeline, its inputs and its expected outputs: data read by GoldenOutputTests.
        .testTarget(name: "EndToEndTests", dependencies: ["cipin", "TestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

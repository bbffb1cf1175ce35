// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "reportgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reportgen", targets: ["reportgen"]),
        .library(name: "Canvas", targets: ["Canvas"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The C wall: Cairo, Pango, fontconfig, HarfBuzz (subsetter) and zlib. Only `Canvas` imports it.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libharfbuzz-dev", "libfontconfig-dev", "zlib1g-dev"])]
        ),
        .target(name: "Canvas", dependencies: ["CCairo"]),
        // Dated events with honest precision, periods, lanes; labels that never overlap.
        .target(name: "Timeline", dependencies: ["Canvas", "Charts"]),
        // Facts from Chinese text: decoding, normalisation, money/dates/counts with provenance. Foundation only.
        .target(name: "Extraction"),
        // Chart specs in, frames out: scales, number formats, axes, legends, bar/line/donut.
        .target(name: "Charts", dependencies: ["Canvas"]),
        // The compiled briefing: a document model laid out on A4 pages; HTML, Markdown, PPTX.
        .target(
            name: "Document",
            dependencies: ["Canvas", "Charts", "Timeline", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Builds reports: inputs -> frames -> files in out/, atomically, with a manifest.
        .target(
            name: "Pipeline",
            dependencies: [
                "Canvas", "Charts", "Document", "Extraction", "Timeline",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .executableTarget(
            name: "reportgen",
            dependencies: [
                "Canvas", "Charts", "Extraction", "Pipeline", "Timeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `make bench`: our charts and the matplotlib peer timed in one run.
        .executableTarget(name: "reportgen-bench", dependencies: ["Canvas", "Charts", "Extraction", "Pipeline", "Timeline"]),
        // libFuzzer targets (`make fuzz`); in a normal build, replayers of saved inputs.
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-extract", dependencies: ["Extraction", "FuzzSupport"], path: "Fuzz/FuzzExtract"),
        .executableTarget(name: "fuzz-csv", dependencies: ["Pipeline", "FuzzSupport"], path: "Fuzz/FuzzCSV"),
        .executableTarget(name: "fuzz-spec", dependencies: ["Pipeline", "FuzzSupport"], path: "Fuzz/FuzzSpec"),
        .executableTarget(name: "fuzz-draft", dependencies: ["Extraction", "Pipeline", "FuzzSupport"], path: "Fuzz/FuzzDraft"),
        // Shared test helpers (golden-image comparison, fixtures); not shipped.
        .target(name: "TestSupport", dependencies: ["Canvas"], path: "Tests/TestSupport"),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "DocumentTests", dependencies: ["Document", "Charts", "Timeline", "TestSupport"]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Charts", "Extraction", "Timeline", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportgenTests", dependencies: ["Canvas", "TestSupport", .product(name: "Yams", package: "Yams")]),
    ]
)

// swift-tools-version: 6.2
// The libFuzzer targets that need TOMLKit (toml++ is C++, so they are built by SwiftPM, which
// instruments the C++ too): the keymap and theme loaders of ChatConfig. Sources/TerminalCanvas
// and Sources/ChatConfig are links to the app's own sources; TOMLKit is the app's dependency at
// the same URL and version (the local mirror serves it). Built by Fuzz/run.sh with
// `swift build --package-path Fuzz/Config --scratch-path .build-fuzz --sanitize=fuzzer`.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "chatterm-fuzz-config",
    dependencies: [
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0")
    ],
    targets: [
        .target(name: "TerminalCanvas", swiftSettings: strict),
        .target(
            name: "ChatConfig",
            dependencies: ["TerminalCanvas", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ChatConfigFuzz", dependencies: ["ChatConfig", "TerminalCanvas"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "chatterm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chatterm", targets: ["chatterm"]),
        .executable(name: "chatterm-bench", targets: ["chatterm-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // Images in the terminal: chafa turns pixels into symbols or sixel/kitty sequences (its
        // headers need glib's, which pkg-config chafa adds); stb_image and libwebp decode files.
        .systemLibrary(
            name: "CChafa",
            pkgConfig: "chafa",
            providers: [.apt(["libchafa-dev", "libglib2.0-dev"])]
        ),
        .systemLibrary(
            name: "CImageDecode",
            pkgConfig: "libwebp",
            providers: [.apt(["libstb-dev", "libwebp-dev"])]
        ),
        .target(
            name: "CSourceHighlight",
            linkerSettings: [.linkedLibrary("source-highlight"), .linkedLibrary("boost_regex")]
        ),
        .target(name: "TerminalCanvas", swiftSettings: strict),
        .target(name: "ChatImages", dependencies: ["TerminalCanvas", "CChafa", "CImageDecode"], swiftSettings: strict),
        .target(name: "ChatModel", swiftSettings: strict),
        .target(name: "ChatProtocol", dependencies: ["ChatModel"], swiftSettings: strict),
        .target(
            name: "ChatConfig",
            dependencies: ["TerminalCanvas", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict
        ),
        .target(
            name: "ChatRender",
            dependencies: ["CCMarkGFM", "CSourceHighlight", "TerminalCanvas", "ChatModel", "ChatImages"],
            swiftSettings: strict
        ),
        .target(
            name: "ChatClient",
            dependencies: [
                "ChatModel", "ChatProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatArchive",
            dependencies: [
                "ChatModel", "ChatProtocol", "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatStore",
            dependencies: [
                "ChatModel", "ChatProtocol", "ChatClient", "ChatArchive", "TerminalCanvas", "ChatRender", "ChatConfig",
                "ChatImages",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatUI",
            dependencies: [
                "ChatModel", "ChatProtocol", "ChatStore", "ChatArchive", "TerminalCanvas", "ChatConfig", "ChatClient",
                "ChatRender", "ChatImages",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatServer",
            dependencies: [
                "ChatModel", "ChatProtocol", "ChatArchive", "ChatClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "CursesTerminal", dependencies: ["CNCursesW", "TerminalCanvas"], swiftSettings: strict),
        .executableTarget(
            name: "chatterm",
            dependencies: [
                "ChatModel", "ChatProtocol", "ChatStore", "ChatArchive", "ChatConfig", "ChatUI", "CursesTerminal",
                "TerminalCanvas", "ChatServer", "ChatClient", "ChatRender", "ChatImages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "chatterm-bench",
            dependencies: [
                "ChatModel", "ChatProtocol", "ChatClient", "ChatStore", "ChatArchive", "ChatUI", "ChatConfig",
                "TerminalCanvas", "CursesTerminal",
                "ChatServer", "ChatRender", "ChatImages", "CImageDecode",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Benchmarks/chatterm-bench",
            swiftSettings: strict
        ),
        .target(
            name: "ChatTestSupport", dependencies: ["TerminalCanvas", "ChatConfig", "ChatModel", "ChatProtocol"],
            swiftSettings: strict),
        .testTarget(
            name: "ChatArchiveTests",
            dependencies: [
                "ChatArchive", "ChatModel", "ChatProtocol", "ChatTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Doubles that need the server or the clients (fake engines and backends, test servers,
        // peers on real sockets); only test targets depend on it.
        .target(
            name: "ChatTestPeers",
            dependencies: [
                "ChatServer", "ChatClient", "ChatArchive", "ChatModel", "ChatProtocol", "ChatTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ChatModelTests", dependencies: ["ChatModel", "ChatProtocol", "ChatTestSupport"]),
        .testTarget(name: "ChatProtocolTests", dependencies: ["ChatProtocol", "ChatModel", "ChatTestSupport"]),
        .testTarget(
            name: "ChatRenderTests", dependencies: ["ChatRender", "ChatConfig", "TerminalCanvas", "ChatTestSupport"]),
        .testTarget(name: "ChatImagesTests", dependencies: ["ChatImages", "CImageDecode", "TerminalCanvas"]),
        .testTarget(name: "TerminalCanvasTests", dependencies: ["TerminalCanvas", "ChatTestSupport"]),
        .testTarget(name: "ChatConfigTests", dependencies: ["ChatConfig", "TerminalCanvas", "ChatTestSupport"]),
        .testTarget(
            name: "ChatStoreTests",
            dependencies: [
                "ChatStore", "ChatArchive", "ChatModel", "ChatProtocol", "ChatClient", "ChatConfig", "ChatRender",
                "TerminalCanvas", "ChatTestSupport", "ChatTestPeers",
            ]
        ),
        .testTarget(
            name: "ChatUITests",
            dependencies: [
                "ChatUI", "ChatStore", "ChatArchive", "ChatModel", "ChatConfig", "TerminalCanvas", "ChatTestSupport",
                "ChatImages",
            ]
        ),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "TerminalCanvas"]),
        // ChatClient's own rules with no socket: request bodies, error bodies, paging and retries
        // over a transport of the test's.
        .testTarget(
            name: "ChatClientTests",
            dependencies: [
                "ChatClient", "ChatModel", "ChatProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ChatServerTests",
            dependencies: [
                "ChatServer", "ChatModel", "ChatProtocol", "ChatArchive", "ChatTestSupport", "ChatTestPeers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "ChatClient", "ChatServer", "ChatModel", "ChatProtocol", "ChatRender", "ChatStore", "ChatArchive",
                "ChatConfig", "ChatTestSupport", "ChatTestPeers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests", dependencies: ["ChatTestSupport", "ChatConfig", "TerminalCanvas", "CursesTerminal"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "warden",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "warden", targets: ["warden"]),
        .library(name: "IAMPolicy", targets: ["IAMPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // The pure policy engine: no I/O, no clock, no randomness.
        .target(name: "IAMPolicy", swiftSettings: strict),
        // Bundled data: the AWS managed policy catalog (a JSON resource), loaded lazily.
        .target(
            name: "IAMPolicyCatalog",
            dependencies: ["IAMPolicy"],
            resources: [.copy("Resources/aws-managed-policies.json"), .copy("Resources/aws-actions.json")],
            swiftSettings: strict
        ),
        // Findings beyond the grammar (Access Analyzer style) and the console's policy summary, over the catalogs.
        .target(name: "IAMPolicyAnalysis", dependencies: ["IAMPolicy", "IAMPolicyCatalog"], swiftSettings: strict),
        // The command-line tools behind `warden policy ...` and `warden bench ...`.
        .target(name: "IAMPolicyTool", dependencies: ["IAMPolicy", "IAMPolicyCatalog", "IAMPolicyAnalysis"], swiftSettings: strict),
        // SigV4 verification, pure: canonical request, signing key, signatures, given plain values.
        .target(name: "AWSSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // The AWS Query wire: form decoding, XML responses, error envelopes. Knows no service.
        .target(name: "AWSQuery", swiftSettings: strict),
        // RFC 6238 TOTP over Base32 seeds (virtual MFA), pure: time is a parameter.
        .target(name: "IAMOTP", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // libqrencode (Debian's libqrencode-dev) for the virtual MFA QR code.
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // QR codes as PNG images.
        .target(name: "IAMQRCode", dependencies: ["CQREncode"], swiftSettings: strict),
        // Parsing and checking uploaded credentials: X.509 signing certificates, SSH public keys.
        .target(
            name: "IAMKeyFormats",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict),
        // Federation (issue 8, providers): XML parsing and exclusive canonicalization, XML signatures, SAML
        // metadata and responses, OIDC ID tokens and key sets. Pure except `HTTPJWKSFetcher`: time, keys and
        // documents are parameters.
        .target(
            name: "IAMFederation",
            dependencies: [
                "IAMPolicy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict),
        // Entities and their rules: names, paths, ids, ARNs, quotas.
        .target(name: "IAMModel", dependencies: ["IAMPolicy"], swiftSettings: strict),
        // Repository protocols and the one SQL store, over SQLite (GRDB) or PostgreSQL (postgres-nio), with its migrations.
        .target(
            name: "IAMStorage",
            dependencies: [
                "IAMModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // IAM and STS operations, the operation table and the one authorization gate.
        .target(
            name: "IAMServices",
            dependencies: [
                "IAMPolicy", "IAMPolicyCatalog", "IAMPolicyAnalysis", "IAMModel", "IAMStorage", "AWSQuery", "IAMOTP", "IAMQRCode",
                "IAMKeyFormats", "IAMFederation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict),
        // The web console: server-rendered pages that call the API as the signed-in session.
        .target(
            name: "IAMConsole",
            dependencies: [
                "IAMServices", "IAMModel", "AWSQuery", "IAMPolicy", "IAMPolicyCatalog", "IAMPolicyAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: strict),
        // buildApplication: the HTTP endpoint and its middleware chain.
        .target(
            name: "IAMServer",
            dependencies: [
                "IAMServices", "IAMConsole", "AWSSigV4", "AWSQuery", "IAMStorage", "IAMModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "warden",
            dependencies: [
                "IAMPolicyTool",
                "IAMServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"], resources: [.copy("Vectors")], swiftSettings: strict),
        .testTarget(name: "AWSQueryTests", dependencies: ["AWSQuery"], swiftSettings: strict),
        .testTarget(name: "IAMOTPTests", dependencies: ["IAMOTP", "IAMQRCode"], swiftSettings: strict),
        .testTarget(
            name: "IAMPolicyAnalysisTests",
            dependencies: ["IAMPolicyAnalysis", "IAMPolicy", "IAMPolicyCatalog", "IAMPolicyTool"],
            resources: [.copy("Golden")],
            swiftSettings: strict),
        .testTarget(name: "IAMConsoleTests", dependencies: ["IAMConsole"], swiftSettings: strict),
        .testTarget(name: "IAMKeyFormatsTests", dependencies: ["IAMKeyFormats"], swiftSettings: strict),
        .testTarget(
            name: "IAMProvidersTests",
            dependencies: [
                "IAMServices", "IAMFederation", "IAMStorage", "IAMModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "IAMFederationTests",
            dependencies: [
                "IAMFederation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "IAMServerTests",
            dependencies: [
                "IAMServer", "IAMServices", "IAMStorage", "IAMModel", "IAMPolicyCatalog", "AWSQuery", "IAMPolicy",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict),
        // The storage contract: the same tests on in-memory SQLite, a WAL file, and PostgreSQL when
        // WARDEN_TEST_POSTGRES_URL names an admin URL (each test gets its own fresh schema).
        .testTarget(name: "IAMStorageTests", dependencies: ["IAMStorage", "IAMModel"], swiftSettings: strict),
        .testTarget(
            name: "IAMPolicyTests",
            dependencies: ["IAMPolicy", "IAMPolicyCatalog", "IAMPolicyTool"],
            resources: [.copy("Corpus")],
            swiftSettings: strict
        ),
    ]
)

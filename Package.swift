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
    ],
    targets: [
        // The pure policy engine: no I/O, no clock, no randomness.
        .target(name: "IAMPolicy", swiftSettings: strict),
        // Bundled data: the AWS managed policy catalog (a JSON resource), loaded lazily.
        .target(
            name: "IAMPolicyCatalog",
            dependencies: ["IAMPolicy"],
            resources: [.copy("Resources/aws-managed-policies.json")],
            swiftSettings: strict
        ),
        // The command-line tools behind `warden policy ...` and `warden bench ...`.
        .target(name: "IAMPolicyTool", dependencies: ["IAMPolicy", "IAMPolicyCatalog"], swiftSettings: strict),
        .executableTarget(
            name: "warden",
            dependencies: [
                "IAMPolicyTool",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IAMPolicyTests",
            dependencies: ["IAMPolicy", "IAMPolicyCatalog", "IAMPolicyTool"],
            resources: [.copy("Corpus")],
            swiftSettings: strict
        ),
    ]
)

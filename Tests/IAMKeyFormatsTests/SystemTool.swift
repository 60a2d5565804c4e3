import Foundation

/// A command-line tool the fixtures are generated with, and the Debian package that provides it.
enum SystemTool: String, Sendable {
    case openssl
    case sshKeygen = "ssh-keygen"

    var debianPackage: String {
        switch self {
        case .openssl: "openssl"
        case .sshKeygen: "openssh-client"
        }
    }

    /// The executable found on `PATH` (or in the usual system directories), or nil.
    var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
        return directories.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent(rawValue) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// Why fixtures could not be made; thrown from tests so the failure names the missing package.
struct FixtureError: Error, CustomStringConvertible {
    var description: String

    static func missing(_ tool: SystemTool) -> Self {
        Self(description: "`\(tool.rawValue)` is not installed; install the Debian package `\(tool.debianPackage)`")
    }
}

/// A scratch directory where tools run and write their files.
struct Workspace {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("iam-key-formats-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func read(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    func write(_ name: String, _ text: String) throws { try text.write(to: url(name), atomically: true, encoding: .utf8) }

    /// Runs `tool` with `arguments` in the workspace and returns its standard output; throws if it is missing or
    /// exits non-zero.
    @discardableResult
    func run(_ tool: SystemTool, _ arguments: [String]) throws -> String {
        let result = try runAllowingFailure(tool, arguments)
        guard result.status == 0 else {
            throw FixtureError(
                description: "`\(tool.rawValue) \(arguments.joined(separator: " "))` exited \(result.status): \(result.error)")
        }
        return result.output
    }

    func runAllowingFailure(_ tool: SystemTool, _ arguments: [String]) throws -> (
        status: Int32, output: String, error: String
    ) {
        guard let executable = tool.executable else { throw FixtureError.missing(tool) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                String(decoding: errorData, as: UTF8.self))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A small deterministic generator (SplitMix64) so the hostile-input tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

import Foundation

/// Runs the command-line tools the interoperability tests compare against (Debian packages
/// `xmlsec1`, `openssl`, `python3`), in a scratch directory.
struct ToolWorkspace {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iam-federation-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

    static func executable(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]).lazy
            .map { URL(fileURLWithPath: $0).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `tool`; returns its exit status, standard output and standard error.
    @discardableResult
    func run(_ tool: String, _ arguments: [String], check: Bool = true) throws -> (status: Int32, output: String, error: String) {
        guard let executable = Self.executable(tool) else {
            throw FixtureFailure("`\(tool)` is not installed (Debian package `\(tool == "xmlsec1" ? "xmlsec1" : tool)`)")
        }
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
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        if check && result.0 != 0 {
            throw FixtureFailure("`\(tool) \(arguments.joined(separator: " "))` exited \(result.0): \(result.2)")
        }
        return result
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

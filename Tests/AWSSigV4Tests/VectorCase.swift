import Foundation
import Testing

@testable import AWSSigV4

/// One case of the aws-c-auth SigV4 test suite (`Vectors/v4/<name>/`).
struct VectorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let directory: URL

    var testDescription: String { name }

    /// Every case folder, sorted by name; empty if the resource bundle cannot be found.
    static let all: [VectorCase] = {
        guard let root = Bundle.module.url(forResource: "Vectors", withExtension: nil) else { return [] }
        let suite = root.appendingPathComponent("v4")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        return names.sorted().map { VectorCase(name: $0, directory: suite.appendingPathComponent($0)) }
    }()

    func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    func context() throws -> VectorContext {
        try JSONDecoder().decode(VectorContext.self, from: Data(contentsOf: directory.appendingPathComponent("context.json")))
    }

    func request(_ file: String) throws -> HTTPRequestFile {
        try HTTPRequestFile(parsing: text(file))
    }
}

/// `context.json`: credentials, scope, time and signing options of a vector.
struct VectorContext: Decodable {
    struct Credentials: Decodable {
        var accessKeyID: String
        var secretAccessKey: String
        var token: String?

        enum CodingKeys: String, CodingKey {
            case accessKeyID = "access_key_id"
            case secretAccessKey = "secret_access_key"
            case token
        }
    }

    var credentials: Credentials
    var expirationInSeconds: Int
    var normalize: Bool
    var region: String
    var service: String
    var signBody: Bool
    var timestamp: String
    var omitSessionToken: Bool?

    enum CodingKeys: String, CodingKey {
        case credentials, normalize, region, service, timestamp
        case expirationInSeconds = "expiration_in_seconds"
        case signBody = "sign_body"
        case omitSessionToken = "omit_session_token"
    }

    /// The timestamp in epoch seconds (parsed with Foundation, independently of the target).
    var epochSeconds: Int64 {
        get throws {
            let formatter = ISO8601DateFormatter()
            guard let date = formatter.date(from: timestamp) else { throw VectorError.badTimestamp(timestamp) }
            return Int64(date.timeIntervalSince1970)
        }
    }
}

enum VectorError: Error {
    case badTimestamp(String)
    case badRequestLine(String)
}

/// A request written as in the suite's `*.txt` files: request line, headers (continuation lines
/// start with whitespace and are kept with a line break), a blank line, then the body.
struct HTTPRequestFile {
    var request: SigV4Request
    var body: [UInt8]

    init(parsing text: String) throws {
        let head: Substring
        if let blank = text.range(of: "\n\n") {
            head = text[..<blank.lowerBound]
            body = Array(text[blank.upperBound...].utf8)
        } else {
            head = text.hasSuffix("\n") ? text.dropLast() : Substring(text)
            body = []
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw VectorError.badRequestLine(text) }
        let requestLine = lines.removeFirst()
        guard let space = requestLine.firstIndex(of: " "),
            let version = requestLine.range(of: " HTTP/", options: .backwards)
        else { throw VectorError.badRequestLine(String(requestLine)) }
        let method = String(requestLine[..<space])
        let target = requestLine[requestLine.index(after: space)..<version.lowerBound]
        let path: Substring
        let query: Substring
        if let question = target.firstIndex(of: "?") {
            path = target[..<question]
            query = target[target.index(after: question)...]
        } else {
            path = target
            query = ""
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        request = SigV4Request(method: method, path: String(path), query: String(query), headers: headers)
    }
}

extension SigV4Request {
    /// A copy with every header called `name` (case-insensitive) replaced by one with `value`,
    /// or with the header added if absent.
    func settingHeader(_ name: String, _ value: String) -> SigV4Request {
        var copy = self
        copy.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        copy.headers.append((name, value))
        return copy
    }

    /// A copy without the query parameter `name`.
    func removingQueryParameter(_ name: String) -> SigV4Request {
        var copy = self
        copy.query = query.split(separator: "&").filter { !$0.hasPrefix(name + "=") }.joined(separator: "&")
        return copy
    }
}

/// The error of a verification result, or `nil` on success.
func failure(_ result: Result<Void, SigV4Error>) -> SigV4Error? {
    if case .failure(let error) = result { return error }
    return nil
}

/// The signature with its first hex digit changed.
func flippingFirstHexDigit(_ signature: String) -> String {
    guard let first = signature.first else { return "0" }
    return (first == "0" ? "1" : "0") + signature.dropFirst()
}

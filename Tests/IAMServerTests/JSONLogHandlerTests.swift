import Foundation
import IAMServer
import Logging
import Synchronization
import Testing

/// Collects the lines a handler writes.
final class LineSink: Sendable {
    private let store = Mutex<[String]>([])
    func append(_ line: String) { store.withLock { $0.append(line) } }
    var lines: [String] { store.withLock { $0 } }
    var first: String? { lines.first }
}

@Suite("JSON log handler")
struct JSONLogHandlerTests {
    /// A logger whose lines land in `lines`, at a fixed time.
    static func logger(_ lines: LineSink, provider: Logger.MetadataProvider? = nil) -> Logger {
        let fixed = Date(timeIntervalSince1970: 1_767_225_600.25)  // 2026-01-01T00:00:00.250Z
        var logger = Logger(label: "warden.test") { label in
            JSONLogHandler(label: label, metadataProvider: provider, now: { fixed }) { line in lines.append(line) }
        }
        logger.logLevel = Logger.Level.trace
        return logger
    }

    static func object(_ line: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test("a line is one JSON object with time, level, message and logger, ending in one newline")
    func fixedFields() throws {
        let lines = LineSink()
        Self.logger(lines).info("server started")
        let line = try #require(lines.first)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try Self.object(line)
        #expect(object["time"] as? String == "2026-01-01T00:00:00.250Z")
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "server started")
        #expect(object["logger"] as? String == "warden.test")
    }

    @Test("quotes, backslashes, newlines and control characters are escaped and survive a round trip")
    func escaping() throws {
        let lines = LineSink()
        let nasty = "say \"hi\"\\ now\nnext line\r\ttab \u{01}\u{1F}\u{7F} bell\u{07} end \u{2028} é 🙂"
        Self.logger(lines).warning("\(nasty)", metadata: ["caller": "\(nasty)"])
        let line = try #require(lines.first)
        // Exactly one physical line: every control character was escaped.
        #expect(line.split(separator: "\n", omittingEmptySubsequences: false).count == 2)
        #expect(!line.unicodeScalars.dropLast().contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(line.contains(#"say \"hi\"\\ now\nnext line\r\ttab \u0001\u001f\u007f bell\u0007"#))
        let object = try Self.object(line)
        #expect(object["message"] as? String == nasty)
        #expect(object["caller"] as? String == nasty)
    }

    @Test("metadata is flattened into the object: nested dictionaries as dotted keys, arrays as arrays")
    func flattening() throws {
        let lines = LineSink()
        var logger = Self.logger(lines)
        logger[metadataKey: "node"] = "a"
        let metadata: Logger.Metadata = [
            "request-id": "0f1e", "action": "CreateUser", "status": .stringConvertible(200),
            "http": .dictionary(["method": "POST", "peer": .dictionary(["ip": "127.0.0.1"])]),
            "codes": .array(["AccessDenied", "NoSuchEntity"]),
        ]
        logger.debug("request", metadata: metadata)
        let object = try Self.object(try #require(lines.first))
        #expect(object["request-id"] as? String == "0f1e")
        #expect(object["action"] as? String == "CreateUser")
        #expect(object["status"] as? String == "200")
        #expect(object["node"] as? String == "a")
        #expect(object["http.method"] as? String == "POST")
        #expect(object["http.peer.ip"] as? String == "127.0.0.1")
        #expect(object["codes"] as? [String] == ["AccessDenied", "NoSuchEntity"])
        #expect(object["metadata"] == nil)
    }

    @Test("metadata cannot overwrite the fixed fields: such keys get a metadata. prefix")
    func reservedKeys() throws {
        let lines = LineSink()
        Self.logger(lines).error("real message", metadata: ["message": "forged", "level": "trace", "time": "then"])
        let object = try Self.object(try #require(lines.first))
        #expect(object["message"] as? String == "real message")
        #expect(object["level"] as? String == "error")
        #expect(object["time"] as? String == "2026-01-01T00:00:00.250Z")
        #expect(object["metadata.message"] as? String == "forged")
        #expect(object["metadata.level"] as? String == "trace")
    }

    @Test("the request id bound for a request is on every line logged inside it, and on none outside")
    func requestIDProvider() async throws {
        let lines = LineSink()
        let logger = Self.logger(lines, provider: WardenRequestID.metadataProvider)
        await WardenRequestID.$current.withValue("3c0ffee0-0000-4000-8000-000000000001") {
            logger.info("first")
            await Task.yield()
            logger.notice("second", metadata: ["action": "GetUser"])
        }
        logger.info("outside")
        let objects = try lines.lines.map(Self.object)
        #expect(objects.count == 3)
        #expect(objects[0]["request-id"] as? String == "3c0ffee0-0000-4000-8000-000000000001")
        #expect(objects[1]["request-id"] as? String == "3c0ffee0-0000-4000-8000-000000000001")
        #expect(objects[1]["action"] as? String == "GetUser")
        #expect(objects[2]["request-id"] == nil)
    }

    @Test("timestamps are UTC with milliseconds, also before 1970 and on leap days",
          arguments: [(0.0, "1970-01-01T00:00:00.000Z"), (951_782_400.999, "2000-02-29T00:00:00.999Z"),
                      (-1.5, "1969-12-31T23:59:58.500Z"), (4_102_444_799.0, "2099-12-31T23:59:59.000Z")])
    func timestamps(epoch: Double, expected: String) throws {
        let lines = LineSink()
        let logger = Logger(label: "t") { label in
            JSONLogHandler(label: label, now: { Date(timeIntervalSince1970: epoch) }) { line in lines.append(line) }
        }
        logger.info("tick")
        let object = try Self.object(try #require(lines.first))
        #expect(object["time"] as? String == expected)
    }
}

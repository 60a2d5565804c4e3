import AWSQuery
public import Foundation
public import Logging

/// A swift-log handler that writes one JSON object per line: `time` (ISO-8601 UTC with
/// milliseconds), `level`, `message`, `logger`, then the metadata flattened into the same object
/// (`request-id`, `action`, `caller`, ...; nested dictionaries as dotted keys). Keys that would
/// shadow the four fixed ones get a `metadata.` prefix.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    /// A handler writing to `write` (one call per line, newline included).
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil,
                now: @escaping @Sendable () -> Date = { Date() }, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.now = now
        self.write = write
    }

    /// A handler writing to standard error.
    public static func standardError(label: String, metadataProvider: Logger.MetadataProvider?) -> JSONLogHandler {
        JSONLogHandler(label: label, metadataProvider: metadataProvider, write: StandardErrorLines.emit)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error, merged["error"] == nil { merged["error"] = .string("\(error)") }
        write(Self.line(time: now(), level: event.level, message: event.message.description, logger: label,
                        metadata: merged))
    }

    /// One log line (with its newline).
    static func line(time: Date, level: Logger.Level, message: String, logger: String, metadata: Logger.Metadata) -> String {
        var out = "{"
        Self.field(&out, "time", .string(Self.timestamp(time)), first: true)
        Self.field(&out, "level", .string(level.rawValue))
        Self.field(&out, "message", .string(message))
        Self.field(&out, "logger", .string(logger))
        var flat: [(String, FlatValue)] = []
        for (key, value) in metadata { flatten(key, value, into: &flat) }
        for (key, value) in flat.sorted(by: { $0.0 < $1.0 }) {
            let name = reservedKeys.contains(key) ? "metadata." + key : key
            field(&out, name, value)
        }
        out += "}\n"
        return out
    }

    static let reservedKeys: Set<String> = ["time", "level", "message", "logger"]

    enum FlatValue {
        case string(String)
        case array([String])
    }

    /// Dictionaries become dotted keys; arrays become arrays of their elements' text.
    static func flatten(_ key: String, _ value: Logger.Metadata.Value, into flat: inout [(String, FlatValue)]) {
        switch value {
        case .string(let text): flat.append((key, .string(text)))
        case .stringConvertible(let convertible): flat.append((key, .string(convertible.description)))
        case .dictionary(let dictionary):
            for (inner, innerValue) in dictionary { flatten(key + "." + inner, innerValue, into: &flat) }
        case .array(let values): flat.append((key, .array(values.map(\.description))))
        }
    }

    static func field(_ out: inout String, _ key: String, _ value: FlatValue, first: Bool = false) {
        if !first { out += "," }
        escape(key, into: &out)
        out += ":"
        switch value {
        case .string(let text): escape(text, into: &out)
        case .array(let values):
            out += "["
            for (index, text) in values.enumerated() {
                if index > 0 { out += "," }
                escape(text, into: &out)
            }
            out += "]"
        }
    }

    /// A JSON string literal (the one escaper the audit trail and the JSON error bodies use too).
    static func escape(_ text: String, into out: inout String) {
        JSONString.append(text, to: &out)
    }

    /// `2026-01-02T03:04:05.678Z`.
    static func timestamp(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let seconds = (totalMillis - Int64(millis)) / 1000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):"
            + "\(pad(secondOfDay % 3_600 / 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }
}

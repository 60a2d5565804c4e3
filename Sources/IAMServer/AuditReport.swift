import AWSQuery
import Foundation
import IAMModel
import IAMStorage

/// `warden audit`: reads the audit trail of a data directory's store (the server may be running:
/// SQLite in WAL mode lets both read), with filters, oldest first, as a table or JSON lines.
public enum AuditReport {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Filter: Sendable {
        public var user: String?
        /// `EventName`, or `service:EventName` (`ec2:DescribeInstances`).
        public var action: String?
        /// Epoch seconds, inclusive.
        public var since: Int64?
        public var until: Int64?
        /// `allow` or `deny`.
        public var decision: String?
        public var maximum: Int
        public init(user: String? = nil, action: String? = nil, since: Int64? = nil, until: Int64? = nil,
                    decision: String? = nil, maximum: Int = 1_000) {
            self.user = user
            self.action = action
            self.since = since
            self.until = until
            self.decision = decision
            self.maximum = maximum
        }
    }

    /// The most recent `maximum` matching events, oldest first: one JSON object text each.
    public static func events(dataDirectory: String, databaseURL: String? = nil, filter: Filter) async throws -> [String] {
        let store: SQLStorage
        if let databaseURL, !databaseURL.isEmpty {
            do {
                store = try await SQLStorage.connect(postgresURL: databaseURL, poolSize: 1)
            } catch {
                throw Failure(description: "cannot open the PostgreSQL store: \(error)")
            }
        } else {
            // Read-only use: never create the directory (DataDirectory.prepare would).
            let directory = DataDirectory(path: URL(fileURLWithPath: dataDirectory).standardizedFileURL.path)
            guard FileManager.default.fileExists(atPath: directory.databasePath) else {
                throw Failure(description: "no Warden database in \(directory.path): run `warden serve --data-dir` there first")
            }
            store = try SQLStorage(path: directory.databasePath)
        }
        var query = IAMAuditQuery(userName: filter.user, maxResults: filter.maximum)
        if let action = filter.action {
            let parts = action.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                query.eventSource = parts[0].lowercased() + ".amazonaws.com"
                query.eventName = parts[1]
            } else {
                query.eventName = action
            }
        }
        query.startMillis = filter.since.map { $0 * 1_000 }
        query.endMillis = filter.until.map { $0 * 1_000 + 999 }
        switch filter.decision?.lowercased() {
        case nil: break
        case "allow": query.decision = "Allow"
        case "deny": query.decision = "Deny"
        case let other?: throw Failure(description: "--decision must be allow or deny, not `\(other)`")
        }
        do {
            let events = try await store.auditEvents(query).events.reversed().map(\.data)
            await store.close()
            return events
        } catch {
            await store.close()
            throw error
        }
    }

    /// `2026-11-29T10:00:00Z` (or with fractional seconds), or a time before `now`: `90s`, `15m`, `1h`, `2d`.
    public static func time(_ text: String, now: Int64) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        if let unit = text.last, let scale = units[unit], let count = Int64(text.dropLast()), count >= 0 {
            return now - count * scale
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) }
        return nil
    }

    /// The readable table: time, user, source:event, decision, MFA, error code, deciding statement.
    public static func table(_ events: [String]) -> String {
        var rows = [["TIME", "USER", "EVENT", "DECISION", "MFA", "ERROR", "DECIDED BY"]]
        for text in events {
            guard let event = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { continue }
            let identity = event["userIdentity"] as? [String: Any] ?? [:]
            let session = identity["sessionContext"] as? [String: Any]
            let attributes = session?["attributes"] as? [String: Any]
            let user = identity["userName"] as? String ?? (identity["type"] as? String == "Root" ? "root" : nil)
                ?? (identity["arn"] as? String).map { String($0.split(separator: "/").last ?? "") } ?? "-"
            let source = (event["eventSource"] as? String ?? "").replacingOccurrences(of: ".amazonaws.com", with: "")
            let gate = event["wardenAuthorization"] as? [String: Any]
            let response = event["responseElements"] as? [String: Any]
            var decision = gate?["decision"] as? String ?? "-"
            if let login = response?["ConsoleLogin"] as? String { decision = login }
            rows.append([
                event["eventTime"] as? String ?? "", user, "\(source):\(event["eventName"] as? String ?? "")", decision,
                attributes?["mfaAuthenticated"] as? String ?? "false", event["errorCode"] as? String ?? "-",
                gate?["decidedBy"] as? String ?? "-",
            ])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() where i < row.count - 1 { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

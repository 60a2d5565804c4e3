public import IAMModel

extension SQLStorage {
    public func appendAuditEvents(_ events: [IAMAuditRecord]) async throws {
        guard !events.isEmpty else { return }
        // Plain inserts of new rows: nothing read, so no serializable snapshot is needed (PostgreSQL).
        try await write(isolation: .readCommitted) { db in
            // Multi-row inserts: one statement (one round trip on PostgreSQL) per 50 events.
            var start = 0
            while start < events.count {
                let chunk = events[start..<min(events.count, start + 50)]
                start += chunk.count
                let row = "(" + Array(repeating: "?", count: 15).joined(separator: ", ") + ")"
                var values: [SQLValue] = []
                values.reserveCapacity(chunk.count * 15)
                for event in chunk {
                    let fields: [(any SQLBindable)?] = [
                        event.eventID, event.accountID, event.eventTimeMillis, event.sequence, event.eventSource, event.eventName,
                        event.userName, event.principalARN, event.accessKeyID, event.decision, event.errorCode,
                        event.readOnly ? 1 : 0, event.resourceType, event.resourceName, event.data,
                    ]
                    values += fields.map { $0?.sqlValue ?? .null }
                }
                try db.execute(sql: """
                    INSERT INTO audit_event (event_id, account_id, event_time, seq, event_source, event_name, user_name,
                    principal_arn, access_key_id, decision, error_code, read_only, resource_type, resource_name, data)
                    VALUES \(Array(repeating: row, count: chunk.count).joined(separator: ", "))
                    ON CONFLICT (event_id) DO NOTHING
                    """, arguments: SQLArguments(values: values))
            }
        }
    }

    public func auditEvents(_ query: IAMAuditQuery) async throws -> (events: [IAMAuditRecord], next: IAMAuditQuery.Cursor?) {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        func equal(_ column: String, _ value: (any SQLBindable)?) {
            guard let value else { return }
            conditions.append("\(column) = ?")
            arguments.append(value.sqlValue)
        }
        equal("account_id", query.accountID)
        equal("user_name", query.userName)
        equal("event_name", query.eventName)
        equal("event_source", query.eventSource)
        equal("event_id", query.eventID)
        equal("access_key_id", query.accessKeyID)
        equal("read_only", query.readOnly.map { $0 ? 1 : 0 })
        equal("resource_type", query.resourceType)
        equal("resource_name", query.resourceName)
        equal("decision", query.decision)
        if let start = query.startMillis {
            conditions.append("event_time >= ?")
            arguments.append(start.sqlValue)
        }
        if let end = query.endMillis {
            conditions.append("event_time <= ?")
            arguments.append(end.sqlValue)
        }
        if let after = query.after {
            conditions.append("(event_time < ? OR (event_time = ? AND seq < ?) OR (event_time = ? AND seq = ? AND event_id < ?))")
            arguments += [after.eventTimeMillis.sqlValue, after.eventTimeMillis.sqlValue, after.sequence.sqlValue,
                          after.eventTimeMillis.sqlValue, after.sequence.sqlValue, after.eventID.sqlValue]
        }
        let limit = max(1, query.maxResults)
        arguments.append((limit + 1).sqlValue)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM audit_event \(whereClause) ORDER BY event_time DESC, seq DESC, event_id DESC LIMIT ?"
        let bound = SQLArguments(values: arguments)
        let (events, more) = try await read { db -> ([IAMAuditRecord], Bool) in
            let rows = try SQLRow.fetchAll(db, sql: sql, arguments: bound)
            let events = rows.prefix(limit).map { row in
                IAMAuditRecord(eventID: row["event_id"], accountID: row["account_id"], eventTimeMillis: row["event_time"],
                               sequence: row["seq"], eventSource: row["event_source"], eventName: row["event_name"],
                               userName: row["user_name"], principalARN: row["principal_arn"],
                               accessKeyID: row["access_key_id"], decision: row["decision"], errorCode: row["error_code"],
                               readOnly: (row["read_only"] as Int) != 0, resourceType: row["resource_type"],
                               resourceName: row["resource_name"], data: row["data"])
            }
            return (events, rows.count > limit)
        }
        guard more, let last = events.last else { return (events, nil) }
        return (events, IAMAuditQuery.Cursor(eventTimeMillis: last.eventTimeMillis, sequence: last.sequence,
                                             eventID: last.eventID))
    }

    @discardableResult
    public func pruneAuditEvents(before millis: Int64) async throws -> Int {
        try await write(isolation: .readCommitted) { db in
            try db.execute(sql: "DELETE FROM audit_event WHERE event_time < ?", arguments: [millis])
            return db.changesCount
        }
    }
}

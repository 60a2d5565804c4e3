public import IAMModel

extension SQLStorage {
    public func recordActivity(_ activity: IAMActivity) async throws {
        try await write(isolation: .readCommitted) { db in
            try db.execute(sql: """
                INSERT INTO activity (account_id, principal_id, principal_arn, service, action, region, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (principal_id, service, action) DO UPDATE SET principal_arn = excluded.principal_arn,
                region = excluded.region, at = excluded.at
                """, arguments: [activity.accountID, activity.principalID, activity.principalARN, activity.service,
                                 activity.action, activity.region, activity.at])
        }
    }

    public func activity(principalIDs: [String]) async throws -> [IAMActivity] {
        guard !principalIDs.isEmpty else { return [] }
        return try await read { db in
            var out: [IAMActivity] = []
            // A few hundred ids per statement keeps well under SQLite's variable limit.
            var start = 0
            while start < principalIDs.count {
                let chunk = Array(principalIDs[start..<min(principalIDs.count, start + 500)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM activity WHERE principal_id IN (\(marks))",
                                            arguments: SQLArguments(chunk))
                out += rows.map { row in
                    IAMActivity(accountID: row["account_id"], principalID: row["principal_id"], principalARN: row["principal_arn"],
                                service: row["service"], action: row["action"], region: row["region"], at: row["at"])
                }
            }
            return out
        }
    }

    public func credentialReport(accountID: String) async throws -> IAMCredentialReport? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM credential_report WHERE account_id = ?", arguments: [accountID]).map { row in
                IAMCredentialReport(accountID: row["account_id"], generatedAt: row["generated_at"], content: row["content"])
            }
        }
    }

    public func saveCredentialReport(_ report: IAMCredentialReport) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO credential_report (account_id, generated_at, content) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET generated_at = excluded.generated_at, content = excluded.content
                """, arguments: [report.accountID, report.generatedAt, report.content])
        }
    }

    public func createAccessReportJob(_ job: IAMAccessReportJob) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO access_report_job (id, account_id, requester_arn, entity_arn, granularity, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [job.id, job.accountID, job.requesterARN, job.entityARN, job.granularity, job.createdAt])
        }
    }

    public func accessReportJob(id: String) async throws -> IAMAccessReportJob? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM access_report_job WHERE id = ?", arguments: [id]).map { row in
                IAMAccessReportJob(id: row["id"], accountID: row["account_id"], requesterARN: row["requester_arn"],
                                   entityARN: row["entity_arn"], granularity: row["granularity"], createdAt: row["created_at"])
            }
        }
    }

    public func deleteAccessReportJobs(createdBefore time: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM access_report_job WHERE created_at < ?", arguments: [time])
        }
    }

    public func rootPasswordLastUsed(accountID: String) async throws -> Int64? {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT last_used_at FROM root_login_profile WHERE account_id = ?", arguments: [accountID])
        }
    }
}

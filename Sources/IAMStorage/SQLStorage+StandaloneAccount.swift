public import IAMModel

extension SQLStorage {
    public func accountSettings(accountID: String) async throws -> IAMAccountSettings {
        try await read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM account_setting WHERE account_id = ?",
                                             arguments: [accountID]) else { return IAMAccountSettings() }
            return IAMAccountSettings(outboundIssuer: row["outbound_issuer"],
                                      outboundFederationEnabled: row["outbound_enabled"],
                                      globalEndpointTokenVersion: row["global_endpoint_token_version"])
        }
    }

    public func setAccountSettings(accountID: String, _ settings: IAMAccountSettings) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO account_setting (account_id, outbound_issuer, outbound_enabled, global_endpoint_token_version)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (account_id) DO UPDATE SET outbound_issuer = excluded.outbound_issuer,
                        outbound_enabled = excluded.outbound_enabled,
                        global_endpoint_token_version = excluded.global_endpoint_token_version
                    """,
                arguments: [accountID, settings.outboundIssuer, settings.outboundFederationEnabled,
                            settings.globalEndpointTokenVersion])
        }
    }

    public func createOrganizationsAccessReport(_ report: IAMOrganizationsAccessReport) async throws {
        try await write(conflictKey: "organizations-access-report") { db in
            try db.execute(
                sql: """
                    INSERT INTO organizations_access_report (job_id, account_id, entity_path, policy_id, status, created_at,
                                                             completed_at, error_code, error_message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [report.jobID, report.accountID, report.entityPath, report.policyID, report.status,
                            report.createdAt, report.completedAt, report.errorCode, report.errorMessage])
        }
    }

    public func organizationsAccessReport(accountID: String, jobID: String) async throws -> IAMOrganizationsAccessReport? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM organizations_access_report WHERE account_id = ? AND job_id = ?",
                             arguments: [accountID, jobID]).map { row in
                IAMOrganizationsAccessReport(
                    jobID: row["job_id"], accountID: row["account_id"], entityPath: row["entity_path"],
                    policyID: row["policy_id"], status: row["status"], createdAt: row["created_at"],
                    completedAt: row["completed_at"], errorCode: row["error_code"], errorMessage: row["error_message"])
            }
        }
    }
}

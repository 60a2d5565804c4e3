import AWSQuery
import IAMModel

/// The credential report's CSV, as AWS writes it: AWS's column order, the `<root_account>` row
/// first, dates as `2014-09-01T22:28:48+00:00`, booleans as `true`/`false`, and `N/A`,
/// `not_supported` and `no_information` where AWS writes them (IAM User Guide, "Getting
/// credential reports"). Pure: the handler gathers the facts.
struct CredentialReport {
    /// AWS keeps a report for four hours: after that GetCredentialReport answers ReportExpired and
    /// GenerateCredentialReport starts a new one.
    static let lifetime: Int64 = 4 * 3600

    static let columns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region",
        "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
        "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]

    /// What a row says about the console password.
    enum Password {
        /// The root user: `password_enabled`, `_last_changed` and `_next_rotation` are `not_supported`.
        case root(hasPassword: Bool, lastUsed: Int64?)
        /// An IAM user without a login profile.
        case none
        /// An IAM user with a login profile; `nextRotation` when the password policy expires passwords.
        case set(lastUsed: Int64?, changedAt: Int64, nextRotation: Int64?)
    }

    /// One row's facts.
    struct Entry {
        var user: String
        var arn: String
        var createdAt: Int64
        var password: Password
        var mfaActive: Bool
        var accessKeys: [IAMAccessKey]
        var certificates: [IAMSigningCertificate]
    }

    var entries: [Entry]

    /// The report text: the header line, then one line per entry, lines joined by `\n`.
    var csv: String {
        ([Self.columns] + entries.map(Self.fields)).map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\n")
    }

    static func fields(_ entry: Entry) -> [String] {
        var out = [entry.user, entry.arn, time(entry.createdAt)]
        switch entry.password {
        case .root(let hasPassword, let lastUsed):
            out += ["not_supported", hasPassword ? (lastUsed.map(time) ?? "no_information") : "N/A", "not_supported", "not_supported"]
        case .none:
            out += ["false", "N/A", "N/A", "N/A"]
        case .set(let lastUsed, let changedAt, let nextRotation):
            out += ["true", lastUsed.map(time) ?? "no_information", time(changedAt), nextRotation.map(time) ?? "N/A"]
        }
        out.append(flag(entry.mfaActive))
        let keys = entry.accessKeys.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        for i in 0..<2 {
            guard i < keys.count else {
                out += ["false", "N/A", "N/A", "N/A", "N/A"]
                continue
            }
            let key = keys[i]
            out += [flag(key.status == .active), time(key.createdAt), key.lastUsedAt.map(time) ?? "N/A",
                    key.lastUsedAt == nil ? "N/A" : (key.lastUsedRegion ?? "N/A"),
                    key.lastUsedAt == nil ? "N/A" : (key.lastUsedService ?? "N/A")]
        }
        let certificates = entry.certificates.sorted { ($0.uploadedAt, $0.id) < ($1.uploadedAt, $1.id) }
        for i in 0..<2 {
            guard i < certificates.count else {
                out += ["false", "N/A"]
                continue
            }
            out += [flag(certificates[i].status == .active), time(certificates[i].uploadedAt)]
        }
        return out
    }

    /// `2014-09-01T22:28:48+00:00`, the report's date format.
    static func time(_ seconds: Int64) -> String {
        String(AWSTimestamp.iso8601(epochSeconds: seconds).dropLast()) + "+00:00"
    }

    static func flag(_ value: Bool) -> String { value ? "true" : "false" }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled (IAM names may
    /// contain commas; paths may contain quotes).
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}

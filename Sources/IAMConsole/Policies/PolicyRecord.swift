import Foundation

/// A managed policy as the view and edit pages read it: GetPolicy, then GetPolicyVersion of the
/// default (or a chosen) version, with the document decoded and pretty-printed.
struct PolicyRecord: Sendable {
    static let awsManagedPrefix = "arn:aws:iam::aws:policy/"

    var name: String
    var arn: String
    var id: String
    var path: String
    var description: String?
    var defaultVersion: String
    var attachments: String
    var created: String
    var updated: String
    var isAWSManaged: Bool
    var typeLabel: String
    /// The shown version and its document.
    var versionID: String
    var document: String

    static func load(_ page: ConsolePage, arn: String, version: String? = nil) async throws(ConsoleClient.Failure) -> PolicyRecord {
        let policy = try await page.client.call(.iam, "GetPolicy", [("PolicyArn", arn)])
        let defaultVersion = policy.text("DefaultVersionId")
        let versionID = version ?? defaultVersion
        let shown = try await page.client.call(.iam, "GetPolicyVersion", [("PolicyArn", arn), ("VersionId", versionID)])
        let description = policy.text("Description")
        let managed = isAWSManaged(arn)
        return PolicyRecord(
            name: policy.text("PolicyName"), arn: policy.text("Arn"), id: policy.text("PolicyId"), path: policy.text("Path"),
            description: description.isEmpty ? nil : description, defaultVersion: defaultVersion,
            attachments: policy.text("AttachmentCount"), created: policy.text("CreateDate"), updated: policy.text("UpdateDate"),
            isAWSManaged: managed, typeLabel: typeLabel(arn), versionID: versionID,
            document: PolicyJSON.pretty(PolicyJSON.decoded(shown.text("Document"))))
    }

    static func isAWSManaged(_ arn: String) -> Bool { arn.hasPrefix(awsManagedPrefix) }

    static func typeLabel(_ arn: String) -> String { isAWSManaged(arn) ? "AWS managed" : "Customer managed" }

    /// The policy name an ARN ends with (`arn:aws:iam::123456789012:policy/path/Name` → `Name`).
    static func name(fromARN arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }

    static func viewPath(_ arn: String, tab: String? = nil) -> String {
        "/console/iam/policies/view?arn=" + ConsoleURL.encode(arn) + (tab.map { "&tab=" + $0 } ?? "")
    }

    static func editPath(_ arn: String) -> String {
        "/console/iam/policies/edit?arn=" + ConsoleURL.encode(arn)
    }
}

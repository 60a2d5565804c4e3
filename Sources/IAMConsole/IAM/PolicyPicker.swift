/// The "attach policies" table shared by the user and group pages: every attachable managed
/// policy (AWS managed and the account's own, from `ListPolicies`), one checkbox each
/// (`name="policy"`, value the ARN, id `policy-<PolicyName>`), filtered by a search box.
struct PolicyPicker: Sendable {
    struct Row: Sendable {
        var name: String
        var arn: String
        var elementID: String
        var type: String
        var description: String?
        var attachments: String
        var href: String
        var checked: Bool
    }

    var rows: [Row]

    /// All policies except `excluding` (already attached), with `checked` pre-selected.
    static func load(_ client: ConsoleClient, excluding: Set<String> = [], checked: Set<String> = []) async throws(ConsoleClient.Failure)
        -> PolicyPicker {
        let policies = try await client.all("ListPolicies", [("Scope", "All"), ("OnlyAttached", "false")], list: "Policies")
        var rows: [Row] = []
        for policy in policies {
            let arn = policy.text("Arn")
            guard !arn.isEmpty, !excluding.contains(arn) else { continue }
            let name = policy.text("PolicyName")
            rows.append(Row(name: name, arn: arn, elementID: "policy-" + name,
                            type: arn.hasPrefix("arn:aws:iam::aws:") ? "AWS managed" : "Customer managed",
                            description: policy.first("Description")?.text, attachments: policy.text("AttachmentCount"),
                            href: IAMPageSupport.policyPath(arn), checked: checked.contains(arn)))
        }
        // The account's own policies first, as the AWS console lists them.
        rows.sort { (rank($0), $0.name.lowercased()) < (rank($1), $1.name.lowercased()) }
        return PolicyPicker(rows: rows)
    }

    private static func rank(_ row: Row) -> Int { row.type == "Customer managed" ? 0 : 1 }

    /// An empty picker, for pages whose policy list could not be read.
    static let empty = PolicyPicker(rows: [])
}

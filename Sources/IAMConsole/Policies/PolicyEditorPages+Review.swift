import Foundation

extension PolicyEditorPages {
    /// Next: the review step with the summary, unless the linter found errors (then the same tab
    /// again, with them: IAM would refuse the document, or Access Analyzer calls it an error).
    func review(_ document: String, from visual: VisualPolicy?) -> ConsoleResult {
        let findings = PolicyFinding.findings(document)
        guard !findings.contains(where: \.isError) else {
            var model = editorModel(document, findings: findings, visual: visual)
            model.jsonTab = visual == nil
            model.layout.error = PolicyEditorModel.blocked
            return .page("policy-editor", model, status: 400)
        }
        return .page("policy-review", reviewModel(document, findings: findings, source: visual == nil ? "json" : "visual"))
    }

    /// The review form's last button: CreatePolicy, or CreatePolicyVersion when editing.
    func save(_ document: String) async -> ConsoleResult {
        let form = page.request.form
        var model = reviewModel(document, findings: PolicyFinding.findings(document).filter { !$0.isError },
                                source: form["source-tab"] == "visual" ? "visual" : "json")
        do {
            switch target {
            case .create:
                let name = model.name.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    model.layout.error = "Enter a name for the policy."
                    return .page("policy-review", model, status: 400)
                }
                var parameters = [("PolicyName", name), ("PolicyDocument", document)]
                if !model.description.isEmpty { parameters.append(("Description", model.description)) }
                let created = try await page.client.call(.iam, "CreatePolicy", parameters)
                return page.redirect(PolicyRecord.viewPath(created.text("Arn")), notice: "Policy \(name) created.")
            case .edit(let arn):
                try await page.client.call(.iam, "CreatePolicyVersion", [
                    ("PolicyArn", arn), ("PolicyDocument", document), ("SetAsDefault", model.setDefault ? "true" : "false"),
                ])
                return page.redirect(PolicyRecord.viewPath(arn), notice: "Policy \(PolicyRecord.name(fromARN: arn)) updated.")
            }
        } catch {
            model.layout.show(error)
            return .page("policy-review", model, status: PolicyPages.status(error))
        }
    }

    func reviewModel(_ document: String, findings: [PolicyFinding], source: String) -> PolicyReviewModel {
        let form = page.request.form
        var creating = true
        var policyName = ""
        if case .edit(let arn) = target {
            creating = false
            policyName = PolicyRecord.name(fromARN: arn)
        }
        let name = String((form["name"] ?? "").prefix(128))
        return PolicyReviewModel(
            layout: page.layout(heading, section: "iam"), heading: heading, action: formAction, creating: creating,
            document: document, findings: findings, findingSummary: PolicyEditorModel.summary(findings),
            summary: PolicySummaryTable(document, name: creating ? (name.isEmpty ? "New policy" : name) : policyName),
            name: name, description: String((form["description"] ?? "").prefix(1000)), policyName: policyName,
            setDefault: form["step"] != "create" || form["set-default"] != nil, sourceTab: source)
    }
}

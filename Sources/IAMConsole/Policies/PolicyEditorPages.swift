import Foundation
import IAMPolicyCatalog

/// The policy editor, `/console/iam/policies/new` (create) and `/console/iam/policies/edit?arn=`
/// (new default version): the JSON tab with the linter's findings, the Visual tab, and the review
/// step with the policy summary. Every step but the last is local; the last is CreatePolicy or
/// CreatePolicyVersion through the API.
///
/// POSTs carry `source` (`json` or `visual`: which form the document comes from), and the pressed
/// button's `tab` (switch tab), `step` (`review`, `create`, `add-statement`) or `remove` (a block).
struct PolicyEditorPages: Sendable {
    enum Target: Sendable {
        case create
        case edit(arn: String)
    }

    let page: ConsolePage
    let target: Target

    var formAction: String {
        switch target {
        case .create: "/console/iam/policies/new"
        case .edit(let arn): PolicyRecord.editPath(arn)
        }
    }

    var heading: String {
        switch target {
        case .create: "Create policy"
        case .edit(let arn): "Edit \(PolicyRecord.name(fromARN: arn))"
        }
    }

    func respond() async -> ConsoleResult {
        if case .edit(let arn) = target {
            guard !arn.isEmpty else { return failure("Choose a policy to edit.", status: 400) }
            guard !PolicyRecord.isAWSManaged(arn) else {
                return failure("AWS managed policies can't be edited. Copy the JSON into a new customer managed policy instead.", status: 400)
            }
        }
        return page.isPost ? await submitted() : await opened()
    }

    // MARK: - GET

    private func opened() async -> ConsoleResult {
        let visual = page.request.param("tab") == "visual"
        guard case .edit(let arn) = target else {
            guard visual else { return jsonEditor(PolicyJSON.starter, findings: false) }
            var block = VisualPolicy.Block()
            block.service = PolicyCatalog.actions?.service(page.request.param("service") ?? "")?.prefix ?? ""
            return visualEditor(VisualPolicy(blocks: [block]))
        }
        let record: PolicyRecord
        do {
            record = try await PolicyRecord.load(page, arn: arn)
        } catch {
            var layout = page.layout(heading, section: "iam")
            layout.show(error)
            return .page("error", ErrorPage(layout: layout, heading: heading, message: "The policy could not be read."),
                         status: PolicyPages.status(error))
        }
        return visual ? toVisual(record.document) : jsonEditor(record.document, findings: true)
    }

    // MARK: - POST

    private func submitted() async -> ConsoleResult {
        let form = page.request.form
        let visual = form["source"] == "visual" ? VisualPolicy(form: form, catalog: PolicyCatalog.actions) : nil
        let document = visual?.json ?? PolicyJSON.normalized(form["document"] ?? "")
        switch form["step"] {
        case "review": return review(document, from: visual)
        case "create": return await save(document)
        default: break
        }
        switch form["tab"] {
        case "json": return jsonEditor(document, findings: true)
        case "visual": return visual.map(edited) ?? toVisual(document)
        default: return visual.map(edited) ?? jsonEditor(document, findings: true)
        }
    }

    /// The visual editor again after adding or removing a block (or choosing a service).
    private func edited(_ policy: VisualPolicy) -> ConsoleResult {
        var blocks = policy.blocks
        let form = page.request.form
        if form["step"] == "add-statement", blocks.count < VisualPolicy.maximumBlocks { blocks.append(VisualPolicy.Block()) }
        if let remove = Int(form["remove"] ?? ""), blocks.indices.contains(remove - 1), blocks.count > 1 {
            blocks.remove(at: remove - 1)
        }
        return visualEditor(VisualPolicy(blocks: blocks))
    }

    private func toVisual(_ document: String) -> ConsoleResult {
        switch VisualPolicy.convert(document, catalog: PolicyCatalog.actions) {
        case .visual(let policy): return visualEditor(policy)
        case .invalid: return jsonEditor(document, findings: true, status: 400)
        case .unsupported(let reasons):
            var model = editorModel(document)
            model.visualTab = true
            model.isUnsupported = true
            model.unsupported = reasons
            return .page("policy-editor", model)
        }
    }

    // MARK: - Models

    /// The JSON tab; with `findings`, the linter's findings under the text.
    func jsonEditor(_ document: String, findings: Bool, status: Int = 200) -> ConsoleResult {
        var model = editorModel(document, findings: findings ? PolicyFinding.findings(document) : nil)
        model.jsonTab = true
        if status >= 400 { model.layout.error = PolicyEditorModel.blocked }
        return .page("policy-editor", model, status: status)
    }

    private func visualEditor(_ policy: VisualPolicy) -> ConsoleResult {
        .page("policy-editor", editorModel(policy.json, visual: policy))
    }

    /// The editor page; `findings` nil when the document was not checked.
    func editorModel(_ document: String, findings: [PolicyFinding]? = nil, visual: VisualPolicy? = nil) -> PolicyEditorModel {
        let catalog = PolicyCatalog.actions
        let blocks = visual.map { policy in
            policy.blocks.enumerated().map { VisualBlockView($0.element, index: $0.offset, count: policy.blocks.count, catalog: catalog) }
        }
        return PolicyEditorModel(layout: page.layout(heading, section: "iam"), heading: heading, action: formAction,
                                 jsonTab: false, visualTab: visual != nil, document: document, findings: findings ?? [],
                                 findingSummary: PolicyEditorModel.summary(findings), blocks: blocks ?? [],
                                 statementCount: blocks?.count ?? 0, isUnsupported: false, unsupported: [])
    }

    private func failure(_ message: String, status: Int) -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout(heading, section: "iam"), heading: heading, message: message), status: status)
    }
}

import AWSQuery
import IAMModel

extension AnalysisHandlers {
    /// For each namespace, in the order given, the permissions policies of the user, group or role
    /// whose Allow statements reach that service: managed policies with their ARN, inline policies
    /// with the entity they belong to (a user's list includes its groups' policies).
    func listPoliciesGrantingServiceAccess(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let arn = try arnParameter(p, "Arn")
        guard let namespaces = try p.list("ServiceNamespaces") else { throw AWSServiceError.missingParameter("ServiceNamespaces") }
        if namespaces.isEmpty || namespaces.count > 200 {
            let constraint = namespaces.isEmpty ? "Member must have length greater than or equal to 1"
                : "Member must have length less than or equal to 200"
            throw AWSServiceError.validationError(IAMNames.violation("[...]", at: "serviceNamespaces", constraint))
        }
        for namespace in namespaces { try Self.checkNamespace(namespace, field: "serviceNamespaces.member") }
        let entity = try await entity(arn, allowing: [.user, .group, .role], caller)
        let catalog = try actionCatalog()
        let policies = try await permissionsPolicies(entity, caller).map { ($0, ServiceGrants(catalog: catalog, documents: [$0.document])) }
        // No MaxItems: at most 200 namespaces, answered in one page.
        let page = try Paginator.page(namespaces, marker: p["Marker"], maxItems: 1000)
        return write { xml in
            xml.list("PoliciesGrantingServiceAccess", page.items) { xml, namespace in
                xml.element("ServiceNamespace", namespace)
                xml.list("Policies", policies.filter { $0.1.grants(service: namespace) }.map(\.0)) { xml, policy in
                    xml.element("PolicyName", policy.name)
                    switch policy.origin {
                    case .managed(let arn, _):
                        xml.element("PolicyType", "MANAGED")
                        xml.element("PolicyArn", arn)
                    case .inline(let type, let name):
                        xml.element("PolicyType", "INLINE")
                        xml.element("EntityType", type)
                        xml.element("EntityName", name)
                    case .input, .resource:
                        break
                    }
                }
            }
            xml.pagination(page)
        }
    }
}

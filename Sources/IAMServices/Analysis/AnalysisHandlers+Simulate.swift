import AWSQuery
import IAMModel
import IAMPolicy

extension AnalysisHandlers {
    /// Evaluations per page at most: a page holds fewer actions when each has many resources
    /// (IAM may return fewer than MaxItems with IsTruncated).
    static let evaluationsPerPage = 10_000

    /// The documents in `PolicyInputList` (and optionally a boundary and a resource policy), on the
    /// actions and resources given. A resource policy needs `CallerArn` for its Principal.
    func simulateCustomPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard p["PolicyInputList"] != nil || p.names.contains(where: { $0.hasPrefix("PolicyInputList.") }) else {
            throw AWSServiceError.missingParameter("PolicyInputList")
        }
        let inputs = try Self.policyInputs(p, "PolicyInputList", identity: true)
        let options = try SimulationOptions(p)
        if options.resourcePolicy != nil && options.callerARN == nil {
            throw AWSServiceError.invalidInput("CallerArn must be specified when a ResourcePolicy is specified.")
        }
        let principal = Self.simulatedPrincipal(options.callerARN ?? caller.arn, userID: nil, fallbackAccount: caller.accountID)
        let simulator = PolicySimulator(identity: inputs, boundary: options.boundary, resourcePolicy: options.resourcePolicy,
                                        principal: principal, context: options.context)
        return try simulationResult(simulator, options)
    }

    /// The real policies of a user (with its groups'), group or role, plus `PolicyInputList`; the
    /// user's permissions boundary unless `PermissionsBoundaryPolicyInputList` replaces it.
    func simulatePrincipalPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let arn = try arnParameter(p, "PolicySourceArn")
        let inputs = try Self.policyInputs(p, "PolicyInputList", identity: true)
        let options = try SimulationOptions(p)
        let entity = try await entity(arn, allowing: [.user, .group, .role], caller)
        var callerARN = options.callerARN
        var userID: String?
        if callerARN == nil, case .identity(let identity) = entity, identity.kind == .user {
            callerARN = identity.arn
            userID = identity.id
        }
        if options.resourcePolicy != nil && callerARN == nil {
            throw AWSServiceError.invalidInput("CallerArn must be specified when a ResourcePolicy is specified and PolicySourceArn is not a user.")
        }
        let policies = try await permissionsPolicies(entity, caller) + inputs
        var boundary = options.boundary
        if boundary == nil { boundary = try await permissionsBoundary(entity, caller) }
        let principal = Self.simulatedPrincipal(callerARN ?? arn, userID: userID, fallbackAccount: caller.accountID)
        let simulator = PolicySimulator(identity: policies, boundary: boundary, resourcePolicy: options.resourcePolicy,
                                        principal: principal, context: options.context)
        return try simulationResult(simulator, options)
    }

    /// The simulated caller: always an IAM user (never the root, whose requests would be allowed by default).
    static func simulatedPrincipal(_ arn: String, userID: String?, fallbackAccount: String) -> Principal {
        let account = AnalysisEntity.Reference(arn)?.account ?? fallbackAccount
        return Principal(kind: .user, arn: arn, accountID: account, userID: userID)
    }

    private func simulationResult(_ simulator: PolicySimulator, _ options: SimulationOptions) throws -> String {
        var page = try Paginator.page(options.actions, marker: options.marker, maxItems: options.maxItems)
        let perAction = max(1, options.resources?.count ?? 1)
        if page.items.count * perAction > Self.evaluationsPerPage {
            page = try Paginator.page(options.actions, marker: options.marker, maxItems: max(1, Self.evaluationsPerPage / perAction))
        }
        let results = page.items.map { simulator.simulate(action: $0, resources: options.resources) }
        return write { xml in
            xml.list("EvaluationResults", results) { xml, result in
                xml.element("EvalActionName", result.action)
                xml.element("EvalResourceName", result.resourceName)
                xml.element("EvalDecision", result.decision)
                xml.matchedStatements(result.matched)
                xml.stringList("MissingContextValues", result.missingContextValues)
                xml.boundaryDetail(result.allowedByBoundary)
                if let resources = result.resources {
                    // Same-account simulations on named resources: present and empty (AWS).
                    xml.open("EvalDecisionDetails")
                    xml.close("EvalDecisionDetails")
                    xml.list("ResourceSpecificResults", resources) { xml, outcome in
                        xml.element("EvalResourceName", outcome.resource)
                        xml.element("EvalResourceDecision", outcome.decision)
                        xml.matchedStatements(outcome.matched)
                        xml.stringList("MissingContextValues", outcome.missingContextValues)
                        xml.boundaryDetail(outcome.allowedByBoundary)
                    }
                }
            }
            xml.pagination(page)
        }
    }
}

extension XMLWriter {
    fileprivate mutating func matchedStatements(_ statements: [PolicySimulator.MatchedStatement]) {
        list("MatchedStatements", statements) { xml, statement in
            xml.element("SourcePolicyId", statement.sourcePolicyID)
            xml.element("SourcePolicyType", statement.sourcePolicyType)
            if let span = statement.span {
                xml.open("StartPosition")
                xml.element("Line", span.start.line)
                xml.element("Column", span.start.column)
                xml.close("StartPosition")
                xml.open("EndPosition")
                xml.element("Line", span.end.line)
                xml.element("Column", span.end.column)
                xml.close("EndPosition")
            }
        }
    }

    fileprivate mutating func boundaryDetail(_ allowed: Bool?) {
        guard let allowed else { return }
        open("PermissionsBoundaryDecisionDetail")
        element("AllowedByPermissionsBoundary", allowed)
        close("PermissionsBoundaryDecisionDetail")
    }
}

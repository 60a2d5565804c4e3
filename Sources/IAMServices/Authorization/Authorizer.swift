import AWSQuery
import IAMModel
import IAMPolicy
import IAMStorage

/// The one gate: every operation is authorized here, from `OperationTable`, before its handler
/// runs. Handlers never check permissions. A denial names the action, the resource and why.
struct Authorizer: Sendable {
    let store: any IAMStore
    let users: UserLookup
    let policies: PolicySetBuilder
    let messages: AuthorizationMessageCodec
    /// Counts every decision (`warden_authorization_decisions_total`).
    let metrics: WardenMetrics

    /// What the gate decided, for logs: the decision and the request it evaluated.
    struct Outcome: Sendable {
        var action: String?
        var resource: String
        var decision: Decision?
    }

    func authorize(_ operation: APIOperation, _ parameters: QueryParameters, caller: Caller, facts: RequestFacts) async throws -> Outcome {
        let spec = OperationTable.spec(for: operation)
        guard let action = spec.action else { return Outcome(action: nil, resource: "*", decision: nil) }
        // Credentials from GetSessionToken without MFA may not call IAM at all (iam-facts §5); AWS
        // answers as if the token were unknown to IAM.
        if let session = caller.session, session.origin == .sessionToken, session.mfaAuthenticatedAt == nil,
           operation.service == .iam, caller.assumed == nil {
            throw AWSServiceError.invalidClientTokenID()
        }
        // Federated users (GetFederationToken) may not call IAM at all (iam-facts §5).
        if let assumed = caller.assumed, assumed.kind == .federatedUser, operation.service == .iam {
            throw AWSServiceError.invalidClientTokenID()
        }
        let resource = try await resourceARN(spec.resource, parameters, caller)
        if let parameter = spec.trustPolicyOf {
            return try await authorizeAssumption(action, role: resource, parameter, parameters, spec, caller: caller, facts: facts)
        }
        // The root user may do anything in its account (no SCPs, no resource policies on IAM).
        guard let set = try await policySet(for: caller) else {
            observe(.allow(nil), action: action)
            return Outcome(action: action, resource: resource, decision: .allow(nil))
        }
        let context = try requestContext(spec, parameters, caller: caller, facts: facts)
        let request = AuthorizationRequest(principal: caller.principal, action: action, resource: resource, context: context)
        var decision = PolicyEvaluator.evaluate(request, set)
        if spec.grantedByPasswordPolicy, decision.outcome == .implicitDeny, caller.assumed == nil,
           try await store.passwordPolicy(accountID: caller.accountID)?.allowUsersToChangePassword == true {
            decision = .allow(nil)
        }
        observe(decision, action: action)
        guard decision.isAllowed else {
            let why = decision.denialPhrase(action: action) ?? ""
            var denial = AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: \(action) on resource: \(resource) \(why)")
            denial.explanation = decision.explanation
            throw denial
        }
        return Outcome(action: action, resource: resource, decision: decision)
    }

    func resourceARN(_ spec: ResourceSpec, _ p: QueryParameters, _ caller: Caller) async throws -> String {
        let account = caller.accountID
        switch spec {
        case .any:
            return "*"
        case .listing(let kind):
            return "arn:aws:iam::\(account):\(kind)"
        case .user(let parameter, let defaultsToCaller):
            guard let name = p[parameter] else {
                if defaultsToCaller { return caller.arn }
                throw AWSServiceError.missingParameter(parameter)
            }
            let existing = try await users.user(accountID: account, name: name)
            return existing?.arn ?? IAMARN.user(account, path: "/", name: name)
        case .newUser:
            return IAMARN.user(account, path: p["Path"] ?? "/", name: try p.required("UserName"))
        case .group(let parameter):
            let name = try p.required(parameter)
            let existing = try await store.group(accountID: account, name: name)
            return existing?.arn ?? IAMARN.group(account, path: "/", name: name)
        case .newGroup:
            return IAMARN.group(account, path: p["Path"] ?? "/", name: try p.required("GroupName"))
        case .policy(let parameter):
            return try p.required(parameter)
        case .newPolicy:
            return IAMARN.policy(account, path: p["Path"] ?? "/", name: try p.required("PolicyName"))
        case .caller:
            return caller.arn
        case .newMFADevice:
            return IAMARN.mfa(account, path: p["Path"] ?? "/", name: try p.required("VirtualMFADeviceName"))
        case .mfaDevice(let parameter):
            return try p.required(parameter)
        // Roles area (issue 8): existing roles and instance profiles with their real paths.
        case .role(let parameter):
            let name = try p.required(parameter)
            let existing = try await store.role(accountID: account, name: name)
            return existing?.arn ?? IAMARN.role(account, path: "/", name: name)
        case .newRole:
            return IAMARN.role(account, path: p["Path"] ?? "/", name: try p.required("RoleName"))
        case .newServiceLinkedRole:
            // The role the service would get (`.../AWSServiceRoleForECS`), so `AWSServiceRoleFor*` patterns match.
            let service = try p.required("AWSServiceName")
            let name = ServiceLinkedRoles.roleName(service: service, suffix: p["CustomSuffix"]) ?? "*"
            return IAMARN.role(account, path: ServiceLinkedRoles.path(service: service), name: name)
        case .instanceProfile(let parameter):
            let name = try p.required(parameter)
            let existing = try await store.instanceProfile(accountID: account, name: name)
            return existing?.arn ?? IAMARN.instanceProfile(account, path: "/", name: name)
        case .newInstanceProfile:
            return IAMARN.instanceProfile(account, path: p["Path"] ?? "/", name: try p.required("InstanceProfileName"))
        case .newOIDCProvider:
            return IAMARN.oidcProvider(account, url: try p.required("Url"))
        case .newSAMLProvider:
            return IAMARN.samlProvider(account, name: try p.required("Name"))
        case .serverCertificate(let parameter):
            // Server certificates (iam-certs-standalone): the real path when the certificate exists.
            let name = try p.required(parameter)
            let existing = try await store.serverCertificate(accountID: account, name: name)
            return existing?.arn ?? IAMARN.serverCertificate(account, path: "/", name: name)
        case .newServerCertificate:
            return IAMARN.serverCertificate(account, path: p["Path"] ?? "/", name: try p.required("ServerCertificateName"))
        // Identity providers (issue 8): a SAML provider's real ARN, whatever the case of the name asked for.
        case .samlProvider(let parameter):
            let arn = try p.required(parameter)
            let prefix = "arn:aws:iam::\(account):saml-provider/"
            guard arn.hasPrefix(prefix),
                  let existing = try await store.samlProvider(accountID: account, name: String(arn.dropFirst(prefix.count))) else {
                return arn
            }
            return existing.arn
        case .arnParameter(let parameter):
            return try p.required(parameter)
        case .federatedUser:
            return IAMARN.federatedUser(account, name: try p.required("Name"))
        }
    }

    /// Everything that applies to the caller: a user's policies and boundary; an assumed role's
    /// (with the session's policies); a federated user's user policies intersected with the
    /// session's policies (none given: nothing is allowed). Nil for the root user.
    func policySet(for caller: Caller) async throws -> PolicySet? {
        guard let assumed = caller.assumed else {
            guard let user = caller.user else { return nil }
            return try await policies.policySet(for: user)
        }
        let base: PolicySet
        switch assumed.kind {
        case .federatedUser:
            guard let user = caller.user else { throw AWSServiceError.invalidClientTokenID() }
            base = try await policies.policySet(for: user)
        case .assumedRole(let roleID, _, _):
            base = try await policies.policySet(forRoleID: roleID)
        }
        let session = try await policies.sessionPolicies(assumed)
        return base.with(session: assumed.hasSessionPolicies || assumed.kind == .federatedUser ? session : nil)
    }

    /// The global condition keys (iam-facts §3) plus the operation's service keys.
    func requestContext(_ spec: AuthorizationSpec, _ p: QueryParameters, caller: Caller,
                        facts: RequestFacts) throws -> RequestContext {
        var context = RequestContext()
        if let user = caller.user, caller.assumed == nil {
            context.set("aws:username", .string(user.name))
        }
        context.set("aws:userid", .string(caller.userID))
        context.set("aws:PrincipalArn", .string(caller.principalARN))
        context.set("aws:PrincipalAccount", .string(caller.accountID))
        context.set("aws:PrincipalType", .string(caller.principal.kind.rawValue))
        var principalTags: [String: String] = [:]
        if caller.assumed == nil, let user = caller.user {
            for tag in user.tags { principalTags[tag.key] = tag.value }
        }
        if let assumed = caller.assumed {
            for tag in assumed.principalTags { principalTags[tag.key] = tag.value }
            if let source = assumed.sourceIdentity { context.set("aws:SourceIdentity", .string(source)) }
        }
        for (key, value) in principalTags { context.set("aws:PrincipalTag/\(key)", .string(value)) }
        context.set("aws:CurrentTime", .string(AWSTimestamp.iso8601(epochSeconds: facts.time)))
        context.set("aws:EpochTime", .number(String(facts.time)))
        context.set("aws:SecureTransport", .bool(facts.secureTransport))
        context.set("aws:SourceIp", .string(facts.sourceIP))
        context.set("aws:RequestedRegion", .string(facts.region))
        context.set("aws:ViaAWSService", .bool(false))
        if let session = caller.session {
            context.set("aws:TokenIssueTime", .string(AWSTimestamp.iso8601(epochSeconds: session.issuedAt)))
            let mfaAt = facts.mfaVerifiedAt ?? session.mfaAuthenticatedAt
            context.set("aws:MultiFactorAuthPresent", .bool(mfaAt != nil))
            AuditNote.current?.multiFactorAuthPresent(mfaAt != nil)
            if let mfaAt {
                context.set("aws:MultiFactorAuthAge", .number(String(max(0, facts.time - mfaAt))))
            }
        } else if let mfaAt = facts.mfaVerifiedAt {
            context.set("aws:MultiFactorAuthPresent", .bool(true))
            AuditNote.current?.multiFactorAuthPresent(true)
            context.set("aws:MultiFactorAuthAge", .number(String(max(0, facts.time - mfaAt))))
        }
        for (key, parameter) in spec.parameterKeys {
            if let value = p[parameter] { context.set(key, .string(value)) }
        }
        if spec.carriesTags {
            let tags = try p.tags()
            if !tags.isEmpty {
                for tag in tags { context.set("aws:RequestTag/\(tag.key)", .string(tag.value)) }
                context.set("aws:TagKeys", values: tags.map { .string($0.key) })
            }
        }
        if spec.removesTagKeys {
            context.set("aws:TagKeys", values: try p.tagKeys().map { .string($0) })
        }
        return context
    }

    /// EC2: every target of the operation must be allowed; a denial is `UnauthorizedOperation`
    /// with the decision sealed in the encoded message.
    func authorizeEC2(_ operation: EC2Operation, _ parameters: QueryParameters, caller: Caller, facts: RequestFacts,
                      ec2: EC2Handlers) async throws {
        guard let set = try await policySet(for: caller) else {
            observe(.allow(nil), action: operation.action)
            return
        }
        let scope = EC2Handlers.Scope(accountID: caller.accountID, region: facts.region)
        let targets = try await EC2Authorization.targets(operation, parameters, scope, ec2)
        var base = try requestContext(AuthorizationSpec(action: operation.action, resource: .any), parameters, caller: caller,
                                      facts: facts)
        base.set("ec2:Region", .string(facts.region))
        for target in targets {
            var context = base
            for (key, values, multi) in target.keys {
                if multi { context.set(key, values: values.map(ContextValue.string)) } else if let first = values.first {
                    context.set(key, .string(first))
                }
            }
            let request = AuthorizationRequest(principal: caller.principal, action: operation.action, resource: target.resource,
                                               context: context)
            let decision = PolicyEvaluator.evaluate(request, set)
            AuditNote.decided(decision)  // every target's; the metric counts the request once (below, or on denial)
            if !decision.isAllowed {
                metrics.recordDecision(decision.outcome, action: operation.action)
                var denial = AWSServiceError.unauthorizedOperation(
                    messages.encode(caller: caller, action: operation.action, resource: target.resource, decision: decision,
                                    context: context))
                denial.explanation = decision.explanation
                denial.plainDenial = "User: \(caller.arn) is not authorized to perform: \(operation.action) on resource: "
                    + "\(target.resource) \(decision.denialPhrase(action: operation.action) ?? "")"
                throw denial
            }
        }
        metrics.recordDecision(.allow, action: operation.action)
    }

    /// Every decision the gate makes goes to the metrics and to the request's audit note.
    func observe(_ decision: Decision, action: String) {
        metrics.recordDecision(decision.outcome, action: action)
        AuditNote.decided(decision)
    }

    /// A single action on `*` (sts:DecodeAuthorizationMessage), with the usual AccessDenied.
    func authorizeAction(_ action: String, caller: Caller, facts: RequestFacts) async throws -> Outcome {
        guard let set = try await policySet(for: caller) else {
            observe(.allow(nil), action: action)
            return Outcome(action: action, resource: "*", decision: .allow(nil))
        }
        let context = try requestContext(AuthorizationSpec(action: action, resource: .any), QueryParameters([]), caller: caller,
                                         facts: facts)
        let request = AuthorizationRequest(principal: caller.principal, action: action, resource: "*", context: context)
        let decision = PolicyEvaluator.evaluate(request, set)
        observe(decision, action: action)
        guard decision.isAllowed else {
            var denial = AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: \(action) on resource: * \(decision.denialPhrase(action: action) ?? "")")
            denial.explanation = decision.explanation
            throw denial
        }
        return Outcome(action: action, resource: "*", decision: decision)
    }

    /// Services Warden does not implement: evaluated so that a denial looks like AWS's.
    func authorizeOther(service: String, action: String, caller: Caller, facts: RequestFacts) async throws -> Decision {
        let fullAction = "\(service):\(action)"
        guard let set = try await policySet(for: caller) else {
            observe(.allow(nil), action: fullAction)
            return .allow(nil)
        }
        let context = try requestContext(AuthorizationSpec(action: fullAction, resource: .any), QueryParameters([]), caller: caller,
                                         facts: facts)
        let request = AuthorizationRequest(principal: caller.principal, action: fullAction, resource: "*", context: context)
        let decision = PolicyEvaluator.evaluate(request, set)
        observe(decision, action: fullAction)
        return decision
    }
}

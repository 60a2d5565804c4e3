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
           operation.service == .iam {
            throw AWSServiceError.invalidClientTokenID()
        }
        let resource = try await resourceARN(spec.resource, parameters, caller)
        // The root user may do anything in its account (no SCPs, no resource policies on IAM).
        guard let user = caller.user else { return Outcome(action: action, resource: resource, decision: .allow(nil)) }
        let context = try requestContext(spec, parameters, caller: caller, user: user, facts: facts)
        let set = try await policies.policySet(for: user)
        let request = AuthorizationRequest(principal: caller.principal, action: action, resource: resource, context: context)
        var decision = PolicyEvaluator.evaluate(request, set)
        if spec.grantedByPasswordPolicy, decision.outcome == .implicitDeny,
           try await store.passwordPolicy(accountID: caller.accountID)?.allowUsersToChangePassword == true {
            decision = .allow(nil)
        }
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
        case .role(let parameter):
            return IAMARN.role(account, path: "/", name: try p.required(parameter))
        case .newRole:
            return IAMARN.role(account, path: p["Path"] ?? "/", name: try p.required("RoleName"))
        case .newServiceLinkedRole:
            let service = try p.required("AWSServiceName")
            return IAMARN.role(account, path: "/aws-service-role/\(service)/", name: "*")
        case .instanceProfile(let parameter):
            return IAMARN.instanceProfile(account, path: "/", name: try p.required(parameter))
        case .newInstanceProfile:
            return IAMARN.instanceProfile(account, path: p["Path"] ?? "/", name: try p.required("InstanceProfileName"))
        case .newOIDCProvider:
            return IAMARN.oidcProvider(account, url: try p.required("Url"))
        case .newSAMLProvider:
            return IAMARN.samlProvider(account, name: try p.required("Name"))
        case .serverCertificate(let parameter):
            return IAMARN.serverCertificate(account, path: "/", name: try p.required(parameter))
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

    /// The global condition keys (iam-facts §3) plus the operation's service keys.
    func requestContext(_ spec: AuthorizationSpec, _ p: QueryParameters, caller: Caller, user: IAMUser,
                        facts: RequestFacts) throws -> RequestContext {
        var context = RequestContext()
        context.set("aws:username", .string(user.name))
        context.set("aws:userid", .string(user.id))
        context.set("aws:PrincipalArn", .string(user.arn))
        context.set("aws:PrincipalAccount", .string(caller.accountID))
        context.set("aws:PrincipalType", .string("User"))
        for tag in user.tags { context.set("aws:PrincipalTag/\(tag.key)", .string(tag.value)) }
        context.set("aws:CurrentTime", .string(AWSTimestamp.iso8601(epochSeconds: facts.time)))
        context.set("aws:EpochTime", .number(String(facts.time)))
        context.set("aws:SecureTransport", .bool(facts.secureTransport))
        context.set("aws:SourceIp", .string(facts.sourceIP))
        context.set("aws:RequestedRegion", .string(facts.region))
        context.set("aws:ViaAWSService", .bool(false))
        if let session = caller.session {
            context.set("aws:TokenIssueTime", .string(AWSTimestamp.iso8601(epochSeconds: session.issuedAt)))
            context.set("aws:MultiFactorAuthPresent", .bool(session.mfaAuthenticatedAt != nil))
            if let at = session.mfaAuthenticatedAt {
                context.set("aws:MultiFactorAuthAge", .number(String(max(0, facts.time - at))))
            }
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
        guard let user = caller.user else { return }
        let scope = EC2Handlers.Scope(accountID: caller.accountID, region: facts.region)
        let targets = try await EC2Authorization.targets(operation, parameters, scope, ec2)
        let set = try await policies.policySet(for: user)
        var base = try requestContext(AuthorizationSpec(action: operation.action, resource: .any), parameters, caller: caller,
                                      user: user, facts: facts)
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
            if !decision.isAllowed {
                var denial = AWSServiceError.unauthorizedOperation(
                    messages.encode(caller: caller, action: operation.action, resource: target.resource, decision: decision,
                                    context: context))
                denial.explanation = decision.explanation
                denial.plainDenial = "User: \(caller.arn) is not authorized to perform: \(operation.action) on resource: "
                    + "\(target.resource) \(decision.denialPhrase(action: operation.action) ?? "")"
                throw denial
            }
        }
    }

    /// A single action on `*` (sts:DecodeAuthorizationMessage), with the usual AccessDenied.
    func authorizeAction(_ action: String, caller: Caller, facts: RequestFacts) async throws -> Outcome {
        guard let user = caller.user else { return Outcome(action: action, resource: "*", decision: .allow(nil)) }
        let context = try requestContext(AuthorizationSpec(action: action, resource: .any), QueryParameters([]), caller: caller,
                                         user: user, facts: facts)
        let request = AuthorizationRequest(principal: caller.principal, action: action, resource: "*", context: context)
        let decision = PolicyEvaluator.evaluate(request, try await policies.policySet(for: user))
        guard decision.isAllowed else {
            var denial = AWSServiceError.accessDenied("User: \(caller.arn) is not authorized to perform: \(action) on resource: * \(decision.denialPhrase(action: action) ?? "")")
            denial.explanation = decision.explanation
            throw denial
        }
        return Outcome(action: action, resource: "*", decision: decision)
    }

    /// Services Warden does not implement: evaluated so that a denial looks like AWS's.
    func authorizeOther(service: String, action: String, caller: Caller, facts: RequestFacts) async throws -> Decision {
        guard let user = caller.user else { return .allow(nil) }
        let fullAction = "\(service):\(action)"
        let context = try requestContext(AuthorizationSpec(action: fullAction, resource: .any), QueryParameters([]), caller: caller,
                                         user: user, facts: facts)
        let request = AuthorizationRequest(principal: caller.principal, action: fullAction, resource: "*", context: context)
        return PolicyEvaluator.evaluate(request, try await policies.policySet(for: user))
    }
}

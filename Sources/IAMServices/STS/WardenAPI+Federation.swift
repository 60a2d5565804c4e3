public import AWSQuery
import IAMFederation
import IAMModel
import IAMPolicy
import Logging

extension WardenAPI {
    /// The two STS operations that are called unsigned: the identity comes from a web identity token
    /// or a SAML response, checked by `FederatedIdentityVerifier`; the role's trust policy decides in
    /// the gate (`Authorizer.authorizeFederated`); then a role session is issued.
    public static let unsignedActions: Set<String> = ["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]

    public func handleUnsigned(parameters: QueryParameters, facts: RequestFacts, requestID: String) async -> Response {
        await audited(.unsigned, action: parameters.action ?? "", parameters: parameters, facts: facts, requestID: requestID) {
            await serveUnsigned(parameters: parameters, facts: facts, requestID: requestID)
        }
    }

    func serveUnsigned(parameters: QueryParameters, facts: RequestFacts, requestID: String) async -> Response {
        let action = parameters.action ?? ""
        do {
            let roleARN = try parameters.required("RoleArn")
            guard (20...2_048).contains(roleARN.count), let roleParts = RoleARN(roleARN) else {
                throw AWSServiceError.validationError(IAMNames.violation(roleARN, at: "roleArn",
                                                                         "Member must have length between 20 and 2048"))
            }
            let result: String
            if action == "AssumeRoleWithWebIdentity" {
                let token = try parameters.required("WebIdentityToken")
                guard (4...20_000).contains(token.count) else {
                    throw AWSServiceError.validationError(IAMNames.violation("***", at: "webIdentityToken",
                                                                             "Member must have length between 4 and 20000"))
                }
                let sessionName = try sts.roleSessionName(parameters)
                let (provider, claims) = try await federation.verifyWebIdentity(token: token, accountID: roleParts.account,
                                                                                  now: facts.time)
                let providerARN = IAMARN.oidcProvider(roleParts.account, url: provider.url)
                var actions = ["sts:AssumeRoleWithWebIdentity"]
                if !claims.principalTags.isEmpty { actions.append("sts:TagSession") }
                if claims.sourceIdentity != nil { actions.append("sts:SetSourceIdentity") }
                try await authorizer.authorizeFederated(actions, roleARN: roleARN, account: roleParts.account,
                                                        providerARN: providerARN,
                                                        keys: claims.conditionKeys(providerURL: provider.url), facts: facts)
                result = try await sts.assumeRoleWithWebIdentity(parameters, roleARN: roleARN, sessionName: sessionName,
                                                                  claims: claims)
            } else if action == "AssumeRoleWithSAML" {
                let principalARN = try parameters.required("PrincipalArn")
                let assertion = try parameters.required("SAMLAssertion")
                guard (4...100_000).contains(assertion.count) else {
                    throw AWSServiceError.validationError(IAMNames.violation("***", at: "sAMLAssertion",
                                                                             "Member must have length between 4 and 100000"))
                }
                let (provider, claims) = try await federation.verifySAML(assertion: assertion, principalARN: principalARN,
                                                                         roleARN: roleARN, accountID: roleParts.account,
                                                                         now: facts.time)
                var actions = ["sts:AssumeRoleWithSAML"]
                if !claims.principalTags.isEmpty { actions.append("sts:TagSession") }
                if claims.sourceIdentity != nil { actions.append("sts:SetSourceIdentity") }
                try await authorizer.authorizeFederated(
                    actions, roleARN: roleARN, account: roleParts.account, providerARN: principalARN,
                    keys: claims.conditionKeys(accountID: roleParts.account, providerName: provider.name, providerARN: principalARN),
                    facts: facts)
                result = try await sts.assumeRoleWithSAML(parameters, roleARN: roleARN, provider: provider, claims: claims)
            } else {
                throw AWSServiceError.invalidAction(action)
            }
            await invalidateCaches()
            let body = QueryResponse.success(action: action, namespace: APIOperation.Service.sts.namespace, requestID: requestID,
                                             result: { $0.raw(result) })
            return Response(status: 200, body: body)
        } catch let failure as AWSServiceError {
            logger.debug("unsigned request refused", metadata: ["request-id": "\(requestID)", "action": "\(action)",
                                                                 "code": "\(failure.code)"])
            return error(failure, service: .sts, requestID: requestID)
        } catch let failure as QueryDecodingError {
            return error(AWSServiceError(failure.code, failure.message, status: failure.httpStatus), service: .sts, requestID: requestID)
        } catch {
            logger.error("unsigned request failed", metadata: ["request-id": "\(requestID)", "action": "\(action)", "error": "\(error)"])
            return self.error(.serviceFailure("An internal error occurred. Request ID: \(requestID)"), service: .sts,
                              requestID: requestID)
        }
    }
}

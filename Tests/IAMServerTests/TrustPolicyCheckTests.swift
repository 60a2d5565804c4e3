@testable import IAMServices
import IAMModel
import IAMPolicy
import IAMStorage
import Testing

/// The trust policy rules IAM applies beyond the grammar: STS actions only, well-formed principals,
/// and users and roles that exist in accounts Warden serves.
@Suite("Trust policy checks")
struct TrustPolicyCheckTests {
    @Test("role-assumption actions, with wildcards, in any letter case", arguments: [
        "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession",
        "sts:SetSourceIdentity", "sts:SetContext", "sts:*", "sts:Assume*", "STS:ASSUMEROLE", "sts:Tag?ession", "*",
    ])
    func allowedActions(_ action: String) {
        #expect(TrustPolicyCheck.isAllowedAction(action))
    }

    @Test("anything else is refused", arguments: [
        "s3:GetObject", "iam:PassRole", "sts:GetCallerIdentity", "sts:AssumeRoot", "sts:Get*", "*:AssumeRole", "sts",
        "sts:AssumeRoleX",
    ])
    func refusedActions(_ action: String) {
        #expect(!TrustPolicyCheck.isAllowedAction(action))
    }

    @Test("service and federated principals")
    func serviceAndFederated() {
        #expect(TrustPolicyCheck.isServicePrincipal("ec2.amazonaws.com"))
        #expect(TrustPolicyCheck.isServicePrincipal("logs.us-east-1.amazonaws.com"))
        #expect(!TrustPolicyCheck.isServicePrincipal("ec2"))
        #expect(!TrustPolicyCheck.isServicePrincipal("EC2.amazonaws.com"))
        #expect(!TrustPolicyCheck.isServicePrincipal("ec2..amazonaws.com"))
        #expect(TrustPolicyCheck.isFederatedPrincipal("arn:aws:iam::123456789012:saml-provider/Corp"))
        #expect(TrustPolicyCheck.isFederatedPrincipal("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"))
        #expect(TrustPolicyCheck.isFederatedPrincipal("cognito-identity.amazonaws.com"))
        #expect(!TrustPolicyCheck.isFederatedPrincipal("arn:aws:iam::123456789012:saml-provider/"))
        #expect(!TrustPolicyCheck.isFederatedPrincipal("arn:aws:iam::123456789012:user/bob"))
        #expect(!TrustPolicyCheck.isFederatedPrincipal("example.com"))
    }

    @Test("AWS principals: users and roles must exist in accounts Warden serves")
    func awsPrincipals() async throws {
        let store = try SQLStorage()
        try await store.createAccount(IAMAccount(id: "111122223333", createdAt: 0))
        try await store.createUser(IAMUser(id: "AIDAEXAMPLEEXAMPLE001", accountID: "111122223333", name: "Bob", path: "/eng/",
                                           createdAt: 0))
        try await store.createRole(IAMRole(id: "AROAEXAMPLEEXAMPLE001", accountID: "111122223333", name: "App", path: "/",
                                           trustPolicy: "{}", createdAt: 0))
        let check = TrustPolicyCheck(store: store)
        for valid in ["*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/eng/Bob",
                      "arn:aws:iam::111122223333:user/eng/bob", "arn:aws:iam::111122223333:role/App",
                      "arn:aws:iam::444455556666:user/anyone", "arn:aws:sts::111122223333:assumed-role/App/session",
                      "arn:aws:sts::111122223333:federated-user/carol", "AIDAEXAMPLEEXAMPLE001", "AROAEXAMPLEEXAMPLE001"] {
            #expect(try await check.isValidAWSPrincipal(valid), "\(valid)")
        }
        for invalid in ["arn:aws:iam::111122223333:user/Bob", "arn:aws:iam::111122223333:user/nobody",
                        "arn:aws:iam::111122223333:role/eng/App", "arn:aws:iam::111122223333:user/*",
                        "arn:aws:iam::111122223333:group/Admins", "arn:aws:iam::1111:root", "arn:aws:s3:::bucket",
                        "AIDANOSUCHUSERXXXXXXX", "11112222333", "arn:aws:sts::111122223333:assumed-role/App",
                        "arn:aws:iam:us-east-1:111122223333:root", "bob"] {
            #expect(try await !check.isValidAWSPrincipal(invalid), "\(invalid)")
        }
    }

    @Test("the first problem decides the message")
    func messages() async throws {
        let check = TrustPolicyCheck(store: try SQLStorage())
        let badAction = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"nobody"},"Action":"s3:*"}]}"#
        await #expect(throws: AWSServiceError.malformedPolicyDocument("AssumeRole policy may only specify STS AssumeRole actions.")) {
            try await check.check(badAction)
        }
        let badService = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","nope"]},"Action":"sts:AssumeRole"}]}"#
        await #expect(throws: AWSServiceError.malformedPolicyDocument(#"Invalid principal in policy: "SERVICE":"nope""#)) {
            try await check.check(badService)
        }
        let canonical = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"abc"},"Action":"sts:AssumeRole"}]}"#
        await #expect(throws: AWSServiceError.malformedPolicyDocument(#"Invalid principal in policy: "CANONICALUSER":"abc""#)) {
            try await check.check(canonical)
        }
    }
}

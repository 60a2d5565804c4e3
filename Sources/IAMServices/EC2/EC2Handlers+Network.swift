import AWSQuery

// Placeholder: key pairs and security groups land in this file.
extension EC2Handlers {
    func createKeyPair(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func importKeyPair(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func describeKeyPairs(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func deleteKeyPair(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func createSecurityGroup(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func describeSecurityGroups(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func updateRules(_ p: QueryParameters, _ scope: Scope, egress: Bool, add: Bool) async throws -> String { throw notYet() }
    func deleteSecurityGroup(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
}

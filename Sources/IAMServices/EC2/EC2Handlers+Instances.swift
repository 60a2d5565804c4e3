import AWSQuery

// Placeholder: the instance operations land in this file.
extension EC2Handlers {
    enum StateChange { case start, stop, terminate }

    func runInstances(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func describeInstances(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func describeInstanceStatus(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func changeState(_ p: QueryParameters, _ scope: Scope, to change: StateChange) async throws -> String { throw notYet() }
    func rebootInstances(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func createTags(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func deleteTags(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }
    func describeTags(_ p: QueryParameters, _ scope: Scope) async throws -> String { throw notYet() }

    func notYet() -> AWSServiceError { .ec2("NotImplemented", "Not implemented yet.") }
}

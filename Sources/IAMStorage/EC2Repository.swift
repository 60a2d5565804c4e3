/// EC2 resources (instances, key pairs, security groups, ...), stored as JSON documents per
/// account and region; the EC2 service owns their shape.
public protocol EC2Repository: Sendable {
    /// Inserts or replaces a resource. `nameKey`, when given, must be unique per account, region
    /// and kind (`conflict("ec2-name")`), e.g. a key pair's or security group's name.
    func putEC2Resource(kind: String, id: String, accountID: String, region: String, nameKey: String?, data: String,
                        createdAt: Int64) async throws
    func ec2Resource(kind: String, id: String, accountID: String, region: String) async throws -> String?
    func ec2Resource(kind: String, nameKey: String, accountID: String, region: String) async throws -> String?
    /// All resources of a kind, oldest first.
    func ec2Resources(kind: String, accountID: String, region: String) async throws -> [String]
    func deleteEC2Resource(kind: String, id: String, accountID: String, region: String) async throws
}

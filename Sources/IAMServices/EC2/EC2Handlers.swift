import AWSQuery
import Foundation
import IAMStorage

/// The EC2 operations. Each handler validates input, reads and writes state through the store
/// and returns the XML fields of its `...Response` (EC2 has no Result wrapper). Authorization
/// already happened in `Authorizer` (see `EC2Authorization`).
struct EC2Handlers: Sendable {
    let store: any IAMStore
    let now: @Sendable () -> Int64

    /// Who and where: EC2 state is per account and region.
    struct Scope: Sendable {
        var accountID: String
        var region: String
    }

    func perform(_ operation: EC2Operation, _ p: QueryParameters, _ scope: Scope) async throws -> String {
        switch operation {
        case .describeRegions: return try describeRegions(p, scope)
        case .describeAvailabilityZones: return try describeAvailabilityZones(p, scope)
        case .describeImages: return try describeImages(p, scope)
        case .describeVpcs: return try describeVpcs(p, scope)
        case .describeSubnets: return try describeSubnets(p, scope)
        case .runInstances: return try await runInstances(p, scope)
        case .describeInstances: return try await describeInstances(p, scope)
        case .describeInstanceStatus: return try await describeInstanceStatus(p, scope)
        case .startInstances: return try await changeState(p, scope, to: .start)
        case .stopInstances: return try await changeState(p, scope, to: .stop)
        case .rebootInstances: return try await rebootInstances(p, scope)
        case .terminateInstances: return try await changeState(p, scope, to: .terminate)
        case .createTags: return try await createTags(p, scope)
        case .deleteTags: return try await deleteTags(p, scope)
        case .describeTags: return try await describeTags(p, scope)
        case .createKeyPair: return try await createKeyPair(p, scope)
        case .importKeyPair: return try await importKeyPair(p, scope)
        case .describeKeyPairs: return try await describeKeyPairs(p, scope)
        case .deleteKeyPair: return try await deleteKeyPair(p, scope)
        case .createSecurityGroup: return try await createSecurityGroup(p, scope)
        case .describeSecurityGroups: return try await describeSecurityGroups(p, scope)
        case .authorizeSecurityGroupIngress: return try await updateRules(p, scope, egress: false, add: true)
        case .authorizeSecurityGroupEgress: return try await updateRules(p, scope, egress: true, add: true)
        case .revokeSecurityGroupIngress: return try await updateRules(p, scope, egress: false, add: false)
        case .revokeSecurityGroupEgress: return try await updateRules(p, scope, egress: true, add: false)
        case .deleteSecurityGroup: return try await deleteSecurityGroup(p, scope)
        }
    }

    // MARK: Storage of JSON documents

    func load<T: Decodable>(_ type: T.Type, kind: String, id: String, _ scope: Scope) async throws -> T? {
        guard let text = try await store.ec2Resource(kind: kind, id: id, accountID: scope.accountID, region: scope.region) else {
            return nil
        }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    func loadAll<T: Decodable>(_ type: T.Type, kind: String, _ scope: Scope) async throws -> [T] {
        try await store.ec2Resources(kind: kind, accountID: scope.accountID, region: scope.region).map {
            try JSONDecoder().decode(T.self, from: Data($0.utf8))
        }
    }

    func save<T: Encodable>(_ value: T, kind: String, id: String, nameKey: String? = nil, _ scope: Scope) async throws {
        let data = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await store.putEC2Resource(kind: kind, id: id, accountID: scope.accountID, region: scope.region, nameKey: nameKey,
                                       data: data, createdAt: now())
    }

    // MARK: Parameters

    /// `Name.1`, `Name.2`, ... (EC2's flattened lists).
    func list(_ p: QueryParameters, _ name: String) throws -> [String] {
        try p.flatList(name, limit: 1_000) ?? []
    }

    /// `Filter.N.Name` / `Filter.N.Value.M` as (name, values).
    func filters(_ p: QueryParameters) throws -> [(name: String, values: [String])] {
        try (p.flatStructureList("Filter", limit: 200) ?? []).map { filter in
            guard let name = filter["Name"] else { throw AWSServiceError.ec2MissingParameter("Filter.N.Name") }
            return (name, try filter.flatList("Value", limit: 200) ?? [])
        }
    }

    /// `TagSpecification.N.ResourceType` + `.Tag.M.Key/Value` for one resource type.
    func tagSpecifications(_ p: QueryParameters, resourceType: String) throws -> [EC2Tag] {
        var tags: [EC2Tag] = []
        for spec in try p.flatStructureList("TagSpecification", limit: 50) ?? [] where spec["ResourceType"] == resourceType {
            for tag in try spec.flatStructureList("Tag", limit: 50) ?? [] {
                guard let key = tag["Key"] else { throw AWSServiceError.ec2MissingParameter("Tag.Key") }
                tags.append(EC2Tag(key: key, value: tag["Value"] ?? ""))
            }
        }
        return tags
    }

    /// A new resource id: prefix + 17 lowercase hex digits (`i-0abc...`).
    static func newID(_ prefix: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        return prefix + "-0" + String((0..<16).map { _ in hex[Int.random(in: 0..<16, using: &rng)] })
    }
}

import AWSQuery
import IAMPolicy

/// The gate's table for EC2: for each operation, the resources it acts on (as ARNs) and their
/// condition keys (`ec2:Region`, `ec2:InstanceType`, `ec2:ResourceTag/*`, `aws:RequestTag/*`,
/// `aws:TagKeys`), following the Service Authorization Reference. Every target must be allowed.
enum EC2Authorization {
    struct Target: Sendable {
        var resource: String
        var keys: [(key: String, values: [String], multiValued: Bool)] = []
    }

    static func targets(_ operation: EC2Operation, _ p: QueryParameters, _ scope: EC2Handlers.Scope,
                        _ ec2: EC2Handlers) async throws -> [Target] {
        let region = scope.region
        let account = scope.accountID
        func arn(_ type: String, _ id: String) -> String { "arn:aws:ec2:\(region):\(account):\(type)/\(id)" }
        switch operation {
        case .describeRegions, .describeAvailabilityZones, .describeImages, .describeVpcs, .describeSubnets,
             .describeInstances, .describeInstanceStatus, .describeTags, .describeKeyPairs, .describeSecurityGroups:
            return [Target(resource: "*")]
        case .runInstances:
            var instance = Target(resource: arn("instance", "*"))
            if let type = p["InstanceType"] { instance.keys.append(("ec2:InstanceType", [type], false)) }
            instance.keys += requestTags(try ec2.tagSpecifications(p, resourceType: "instance"))
            let image = Target(resource: "arn:aws:ec2:\(region)::image/\(p["ImageId"] ?? "*")")
            return [instance, image]
        case .startInstances, .stopInstances, .rebootInstances, .terminateInstances:
            var targets: [Target] = []
            for id in try ec2.list(p, "InstanceId") {
                var target = Target(resource: arn("instance", id))
                if let instance = try await ec2.load(EC2Instance.self, kind: EC2Kind.instance, id: id, scope) {
                    target.keys.append(("ec2:InstanceType", [instance.instanceType], false))
                    target.keys += resourceTags(instance.tags)
                }
                targets.append(target)
            }
            return targets
        case .createTags, .deleteTags:
            let tags = try (p.flatStructureList("Tag", limit: 50) ?? []).map { EC2Tag(key: $0["Key"] ?? "", value: $0["Value"] ?? "") }
            return try ec2.list(p, "ResourceId").map { id in
                var target = Target(resource: arn(resourceType(id), id))
                target.keys += operation == .createTags ? requestTags(tags) : [("aws:TagKeys", tags.map(\.key), true)]
                return target
            }
        case .createKeyPair, .importKeyPair:
            var target = Target(resource: arn("key-pair", p["KeyName"] ?? "*"))
            target.keys += requestTags(try ec2.tagSpecifications(p, resourceType: "key-pair"))
            return [target]
        case .deleteKeyPair:
            return [Target(resource: arn("key-pair", p["KeyName"] ?? p["KeyPairId"] ?? "*"))]
        case .createSecurityGroup:
            var target = Target(resource: arn("security-group", "*"))
            target.keys += requestTags(try ec2.tagSpecifications(p, resourceType: "security-group"))
            return [target, Target(resource: arn("vpc", p["VpcId"] ?? EC2Catalog.defaultVPCID(region: region, account: account)))]
        case .authorizeSecurityGroupIngress, .authorizeSecurityGroupEgress, .revokeSecurityGroupIngress,
             .revokeSecurityGroupEgress, .deleteSecurityGroup:
            // A group named by GroupName is authorized as the group it names (its id and tags).
            var group: EC2SecurityGroup?
            if let id = p["GroupId"] {
                group = try await ec2.load(EC2SecurityGroup.self, kind: EC2Kind.securityGroup, id: id, scope)
            } else if let name = p["GroupName"] {
                group = try await ec2.securityGroup(named: name, scope)
            }
            var target = Target(resource: arn("security-group", group?.groupId ?? p["GroupId"] ?? p["GroupName"] ?? "*"))
            if let group { target.keys += resourceTags(group.tags) }
            return [target]
        }
    }

    static func resourceType(_ id: String) -> String {
        if id.hasPrefix("i-") { return "instance" }
        if id.hasPrefix("sg-") { return "security-group" }
        if id.hasPrefix("key-") { return "key-pair" }
        if id.hasPrefix("vpc-") { return "vpc" }
        if id.hasPrefix("subnet-") { return "subnet" }
        if id.hasPrefix("ami-") { return "image" }
        return "*"
    }

    static func requestTags(_ tags: [EC2Tag]) -> [(key: String, values: [String], multiValued: Bool)] {
        guard !tags.isEmpty else { return [] }
        return tags.map { ("aws:RequestTag/\($0.key)", [$0.value], false) } + [("aws:TagKeys", tags.map(\.key), true)]
    }

    static func resourceTags(_ tags: [EC2Tag]) -> [(key: String, values: [String], multiValued: Bool)] {
        tags.map { ("ec2:ResourceTag/\($0.key)", [$0.value], false) } + tags.map { ("aws:ResourceTag/\($0.key)", [$0.value], false) }
    }
}

import AWSQuery
import IAMStorage

/// Security group helpers: the default group, lookups, rules as (protocol, ports, peer) triples,
/// filters and the `SecurityGroup` XML.
extension EC2Handlers {
    /// One rule: a protocol, its port range (ICMP type and code; nil for protocols without ports) and
    /// one peer. Stored permissions group rules that share protocol and ports, as EC2 reports them.
    struct SecurityGroupRule: Hashable, Sendable {
        enum Peer: Hashable, Sendable { case ipv4(String), ipv6(String), group(String) }
        var ipProtocol: String
        var fromPort: Int?
        var toPort: Int?
        var peer: Peer
    }

    static let defaultGroupName = "default"
    static let maximumRulesPerDirection = 60

    /// The store's unique name key for a group: one name per VPC. CreateTags (`EC2Handlers+Tags.swift`)
    /// re-saves groups with the same `vpc/name` form, so the two must agree.
    func securityGroupNameKey(vpc: String, name: String) -> String { "\(vpc)/\(name)" }

    /// The default VPC's `default` group, created on first use: members of the group may reach each
    /// other on every protocol, and all outbound traffic is allowed.
    func defaultSecurityGroup(_ scope: Scope) async throws -> EC2SecurityGroup {
        let id = EC2Catalog.defaultSecurityGroupID(region: scope.region, account: scope.accountID)
        if let group = try await load(EC2SecurityGroup.self, kind: EC2Kind.securityGroup, id: id, scope) { return group }
        let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
        let group = EC2SecurityGroup(
            groupId: id, groupName: Self.defaultGroupName, description: "default VPC security group", vpcId: vpc,
            ownerId: scope.accountID,
            ingress: [EC2IPPermission(ipProtocol: "-1", fromPort: nil, toPort: nil, cidrIpv4: [], cidrIpv6: [], groupIds: [id])],
            egress: [Self.allTrafficOut], tags: [])
        do {
            try await save(group, kind: EC2Kind.securityGroup, id: id,
                           nameKey: securityGroupNameKey(vpc: vpc, name: Self.defaultGroupName), scope)
        } catch StorageError.conflict {
            // Another request created it first.
            if let stored = try await load(EC2SecurityGroup.self, kind: EC2Kind.securityGroup, id: id, scope) { return stored }
            throw StorageError.conflict("ec2-name")
        }
        return group
    }

    static let allTrafficOut = EC2IPPermission(ipProtocol: "-1", fromPort: nil, toPort: nil, cidrIpv4: ["0.0.0.0/0"],
                                               cidrIpv6: [], groupIds: [])

    /// Every group of the account and region, the default group first.
    func securityGroups(_ scope: Scope) async throws -> [EC2SecurityGroup] {
        _ = try await defaultSecurityGroup(scope)
        return try await loadAll(EC2SecurityGroup.self, kind: EC2Kind.securityGroup, scope)
    }

    func securityGroup(id: String, _ scope: Scope) async throws -> EC2SecurityGroup? {
        if id == EC2Catalog.defaultSecurityGroupID(region: scope.region, account: scope.accountID) {
            return try await defaultSecurityGroup(scope)
        }
        return try await load(EC2SecurityGroup.self, kind: EC2Kind.securityGroup, id: id, scope)
    }

    /// A group of the default VPC by name.
    func securityGroup(named name: String, _ scope: Scope) async throws -> EC2SecurityGroup? {
        if name == Self.defaultGroupName { return try await defaultSecurityGroup(scope) }
        let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
        guard let text = try await store.ec2Resource(kind: EC2Kind.securityGroup, nameKey: securityGroupNameKey(vpc: vpc, name: name),
                                                     accountID: scope.accountID, region: scope.region) else { return nil }
        return try decodeNetworkResource(EC2SecurityGroup.self, text)
    }

    /// The group a request names with `GroupId` or `GroupName`.
    func targetSecurityGroup(_ p: QueryParameters, _ scope: Scope) async throws -> EC2SecurityGroup {
        if let id = p["GroupId"] {
            guard id.hasPrefix("sg-") else { throw AWSServiceError.malformedGroupID(id) }
            guard let group = try await securityGroup(id: id, scope) else { throw AWSServiceError.groupNotFound(id) }
            return group
        }
        if let name = p["GroupName"] {
            guard let group = try await securityGroup(named: name, scope) else {
                throw AWSServiceError.groupNameNotFound(name, vpc: EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID))
            }
            return group
        }
        throw AWSServiceError.ec2MissingParameter("GroupId")
    }

    /// A referenced group (`Groups.N.GroupId` / `GroupName`, `SourceSecurityGroupName`), as its id.
    func referencedGroupID(id: String?, name: String?, userID: String?, _ scope: Scope) async throws -> String {
        if let userID, userID != scope.accountID {
            throw AWSServiceError.groupNotFound(id ?? name ?? "")
        }
        if let id {
            guard id.hasPrefix("sg-") else { throw AWSServiceError.malformedGroupID(id) }
            guard try await securityGroup(id: id, scope) != nil else { throw AWSServiceError.groupNotFound(id) }
            return id
        }
        guard let name else { throw AWSServiceError.ec2MissingParameter("GroupId") }
        guard let group = try await securityGroup(named: name, scope) else {
            throw AWSServiceError.groupNameNotFound(name, vpc: EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID))
        }
        return group.groupId
    }

    // MARK: Rules

    static func rules(of permissions: [EC2IPPermission]) -> [SecurityGroupRule] {
        permissions.flatMap { permission in
            let peers = permission.cidrIpv4.map(SecurityGroupRule.Peer.ipv4) + permission.cidrIpv6.map(SecurityGroupRule.Peer.ipv6)
                + permission.groupIds.map(SecurityGroupRule.Peer.group)
            return peers.map { SecurityGroupRule(ipProtocol: permission.ipProtocol, fromPort: permission.fromPort,
                                                 toPort: permission.toPort, peer: $0) }
        }
    }

    static func permissions(from rules: [SecurityGroupRule]) -> [EC2IPPermission] {
        var result: [EC2IPPermission] = []
        for rule in rules {
            let index: Int
            if let found = result.firstIndex(where: {
                $0.ipProtocol == rule.ipProtocol && $0.fromPort == rule.fromPort && $0.toPort == rule.toPort
            }) {
                index = found
            } else {
                result.append(EC2IPPermission(ipProtocol: rule.ipProtocol, fromPort: rule.fromPort, toPort: rule.toPort,
                                              cidrIpv4: [], cidrIpv6: [], groupIds: []))
                index = result.count - 1
            }
            switch rule.peer {
            case .ipv4(let cidr): result[index].cidrIpv4.append(cidr)
            case .ipv6(let cidr): result[index].cidrIpv6.append(cidr)
            case .group(let id): result[index].groupIds.append(id)
            }
        }
        return result
    }

    /// `sgr-` and 17 hex digits, stable for a rule of a group.
    static func ruleID(_ rule: SecurityGroupRule, groupID: String, egress: Bool) -> String {
        "sgr-" + EC2Catalog.hexDigits("\(groupID)|\(egress)|\(rule.ipProtocol)|\(rule.fromPort ?? -1)|\(rule.toPort ?? -1)|\(rule.peer)",
                                      count: 17)
    }

    /// How EC2 names a rule in `InvalidPermission.Duplicate`.
    static func describe(_ rule: SecurityGroupRule) -> String {
        let peer: String
        switch rule.peer {
        case .ipv4(let cidr), .ipv6(let cidr): peer = cidr
        case .group(let id): peer = id
        }
        let ports = rule.fromPort.map { ", from port: \($0), to port: \(rule.toPort ?? $0)" } ?? ""
        let name = rule.ipProtocol == "-1" ? "ALL" : rule.ipProtocol.uppercased()
        return "peer: \(peer), \(name)\(ports), ALLOW"
    }

    // MARK: Dependencies

    /// The fields of a stored instance that DeleteSecurityGroup needs (decoded leniently).
    private struct InstanceGroups: Decodable {
        var groupIds: [String]?
        var state: String?
        var stateSince: Int64?
    }

    /// Whether a running (not terminated) instance or another group's rule uses group `id`.
    func securityGroupHasDependents(_ id: String, _ scope: Scope) async throws -> Bool {
        let time = now()
        let instances = try await loadAll(InstanceGroups.self, kind: EC2Kind.instance, scope)
        let inUse = instances.contains { instance in
            let gone = instance.state == "terminated"
                || (instance.state == "shutting-down" && time - (instance.stateSince ?? time) >= EC2InstanceState.transitionSeconds)
            return !gone && (instance.groupIds ?? []).contains(id)
        }
        if inUse { return true }
        let groups = try await loadAll(EC2SecurityGroup.self, kind: EC2Kind.securityGroup, scope)
        return groups.contains { group in
            group.groupId != id && (group.ingress + group.egress).contains { $0.groupIds.contains(id) }
        }
    }

    // MARK: Filters and XML

    /// The DescribeSecurityGroups filters; other names are refused, as EC2 does.
    func securityGroupMatches(_ group: EC2SecurityGroup, _ filter: (name: String, values: [String])) throws -> Bool {
        if let tagged = EC2Filters.tagMatches(filter, group.tags) { return tagged }
        func any(_ values: [String]) -> Bool { values.contains { value in filter.values.contains { EC2Filters.like($0, value) } } }
        var field = filter.name
        var permissions: [EC2IPPermission]?
        for (prefix, list) in [("egress.ip-permission.", group.egress), ("ip-permission.", group.ingress)] where field.hasPrefix(prefix) {
            field = String(field.dropFirst(prefix.count))
            permissions = list
            break
        }
        if let permissions {
            switch field {
            case "from-port": return any(permissions.compactMap { $0.fromPort.map(String.init) })
            case "to-port": return any(permissions.compactMap { $0.toPort.map(String.init) })
            case "protocol": return any(permissions.map(\.ipProtocol))
            case "cidr": return any(permissions.flatMap(\.cidrIpv4))
            case "ipv6-cidr": return any(permissions.flatMap(\.cidrIpv6))
            case "group-id": return any(permissions.flatMap(\.groupIds))
            case "user-id": return permissions.contains { !$0.groupIds.isEmpty } && any([group.ownerId])
            default: throw AWSServiceError.unknownNetworkFilter(filter.name)
            }
        }
        switch filter.name {
        case "group-id": return any([group.groupId])
        case "group-name": return any([group.groupName])
        case "vpc-id": return any([group.vpcId])
        case "description": return any([group.description])
        case "owner-id": return any([group.ownerId])
        default: throw AWSServiceError.unknownNetworkFilter(filter.name)
        }
    }

    func securityGroupARN(_ id: String, _ scope: Scope) -> String {
        "arn:aws:ec2:\(scope.region):\(scope.accountID):security-group/\(id)"
    }

    /// One `SecurityGroup` item.
    func writeSecurityGroup(_ group: EC2SecurityGroup, _ scope: Scope, into xml: inout XMLWriter) {
        xml.open("item")
        xml.element("ownerId", group.ownerId)
        xml.element("groupId", group.groupId)
        xml.element("groupName", group.groupName)
        xml.element("groupDescription", group.description)
        writePermissions("ipPermissions", group.ingress, ownerID: group.ownerId, into: &xml)
        writePermissions("ipPermissionsEgress", group.egress, ownerID: group.ownerId, into: &xml)
        xml.element("vpcId", group.vpcId)
        xml.element("securityGroupArn", securityGroupARN(group.groupId, scope))
        writeNetworkTags(group.tags, into: &xml)
        xml.close("item")
    }

    /// An `IpPermissionList`; ports are left out for protocols without them, as EC2 does.
    func writePermissions(_ name: String, _ permissions: [EC2IPPermission], ownerID: String, into xml: inout XMLWriter) {
        xml.open(name)
        for permission in permissions {
            xml.open("item")
            xml.element("ipProtocol", permission.ipProtocol)
            if let from = permission.fromPort { xml.element("fromPort", from) }
            if let to = permission.toPort { xml.element("toPort", to) }
            xml.open("groups")
            for id in permission.groupIds {
                xml.open("item")
                xml.element("userId", ownerID)
                xml.element("groupId", id)
                xml.close("item")
            }
            xml.close("groups")
            writeList("ipRanges", "cidrIp", permission.cidrIpv4, into: &xml)
            writeList("ipv6Ranges", "cidrIpv6", permission.cidrIpv6, into: &xml)
            xml.open("prefixListIds")
            xml.close("prefixListIds")
            xml.close("item")
        }
        xml.close(name)
    }

    private func writeList(_ name: String, _ field: String, _ values: [String], into xml: inout XMLWriter) {
        xml.open(name)
        for value in values {
            xml.open("item")
            xml.element(field, value)
            xml.close("item")
        }
        xml.close(name)
    }

    /// One `SecurityGroupRule` (authorize) or `RevokedSecurityGroupRule` (revoke) item.
    func writeRule(_ rule: SecurityGroupRule, group: EC2SecurityGroup, egress: Bool, revoked: Bool, into xml: inout XMLWriter) {
        xml.open("item")
        xml.element("securityGroupRuleId", Self.ruleID(rule, groupID: group.groupId, egress: egress))
        xml.element("groupId", group.groupId)
        if !revoked { xml.element("groupOwnerId", group.ownerId) }
        xml.element("isEgress", egress)
        xml.element("ipProtocol", rule.ipProtocol)
        xml.element("fromPort", rule.fromPort ?? -1)
        xml.element("toPort", rule.toPort ?? -1)
        switch rule.peer {
        case .ipv4(let cidr): xml.element("cidrIpv4", cidr)
        case .ipv6(let cidr): xml.element("cidrIpv6", cidr)
        case .group(let id) where revoked: xml.element("referencedGroupId", id)
        case .group(let id):
            xml.open("referencedGroupInfo")
            xml.element("groupId", id)
            xml.element("userId", group.ownerId)
            xml.close("referencedGroupInfo")
        }
        xml.close("item")
    }
}

extension AWSServiceError {
    static func groupNotFound(_ id: String) -> AWSServiceError {
        .ec2("InvalidGroup.NotFound", "The security group '\(id)' does not exist")
    }

    static func groupNameNotFound(_ name: String, vpc: String) -> AWSServiceError {
        .ec2("InvalidGroup.NotFound", "The security group '\(name)' does not exist in default VPC '\(vpc)'")
    }

    static func malformedGroupID(_ id: String) -> AWSServiceError {
        .ec2("InvalidGroupId.Malformed", "Invalid id: \"\(id)\" (expecting \"sg-...\")")
    }
}

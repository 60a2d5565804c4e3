import AWSQuery
import Foundation
import IAMStorage

/// Key pairs and security groups. Helpers live in `EC2Handlers+KeyPairs.swift`,
/// `EC2Handlers+SecurityGroups.swift` and `EC2KeyMaterial.swift`.
extension EC2Handlers {
    // MARK: Key pairs

    func createKeyPair(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let name = try keyPairName(p)
        let typeText = p["KeyType"] ?? EC2KeyMaterial.KeyType.rsa.rawValue
        guard let type = EC2KeyMaterial.KeyType(rawValue: typeText) else {
            throw AWSServiceError.invalidParameterValue("Invalid value '\(typeText)' for keyType. Valid values: rsa, ed25519")
        }
        let formatText = p["KeyFormat"] ?? EC2KeyMaterial.KeyFormat.pem.rawValue
        guard let format = EC2KeyMaterial.KeyFormat(rawValue: formatText) else {
            throw AWSServiceError.invalidParameterValue("Invalid value '\(formatText)' for keyFormat. Valid values: pem, ppk")
        }
        try requireTagSpecificationType(p, allowed: "key-pair")
        let tags = try tagSpecifications(p, resourceType: "key-pair")
        if try await keyPair(named: name, scope) != nil { throw AWSServiceError.keyPairDuplicate(name) }
        let generated = try EC2KeyMaterial.generate(type, format: format, comment: name)
        let pair = EC2KeyPair(keyPairId: Self.newID("key"), keyName: name, keyFingerprint: generated.fingerprint,
                              keyType: type.rawValue, publicKey: generated.publicKey, createdAt: now(), tags: tags)
        try await saveNewKeyPair(pair, scope)
        var xml = XMLWriter()
        xml.element("keyName", pair.keyName)
        xml.element("keyFingerprint", pair.keyFingerprint)
        xml.element("keyMaterial", generated.privateKey)
        xml.element("keyPairId", pair.keyPairId)
        writeNetworkTags(tags, into: &xml)
        return xml.text
    }

    func importKeyPair(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let name = try keyPairName(p)
        guard let material = p["PublicKeyMaterial"] else { throw AWSServiceError.ec2MissingParameter("PublicKeyMaterial") }
        // botocore base64-encodes blob members, so the parameter is base64 of the key file.
        guard let bytes = Data(base64Encoded: material, options: .ignoreUnknownCharacters), !bytes.isEmpty,
              let imported = EC2KeyMaterial.importPublicKey(Array(bytes)) else {
            throw AWSServiceError.invalidKeyFormat()
        }
        try requireTagSpecificationType(p, allowed: "key-pair")
        let tags = try tagSpecifications(p, resourceType: "key-pair")
        if try await keyPair(named: name, scope) != nil { throw AWSServiceError.keyPairDuplicate(name) }
        let pair = EC2KeyPair(keyPairId: Self.newID("key"), keyName: name, keyFingerprint: imported.fingerprint,
                              keyType: imported.keyType.rawValue, publicKey: imported.publicKey, createdAt: now(), tags: tags)
        try await saveNewKeyPair(pair, scope)
        var xml = XMLWriter()
        xml.element("keyFingerprint", pair.keyFingerprint)
        xml.element("keyName", pair.keyName)
        xml.element("keyPairId", pair.keyPairId)
        writeNetworkTags(tags, into: &xml)
        return xml.text
    }

    func describeKeyPairs(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let names = try list(p, "KeyName")
        let ids = try list(p, "KeyPairId")
        let filters = try self.filters(p)
        let includePublicKey = try p.bool("IncludePublicKey") ?? false
        let pairs = try await loadAll(EC2KeyPair.self, kind: EC2Kind.keyPair, scope)
        for name in names where !pairs.contains(where: { $0.keyName == name }) { throw AWSServiceError.keyPairNotFound(name) }
        for id in ids where !pairs.contains(where: { $0.keyPairId == id }) { throw AWSServiceError.keyPairNotFound(id) }
        var xml = XMLWriter()
        xml.open("keySet")
        for pair in pairs where (names.isEmpty || names.contains(pair.keyName)) && (ids.isEmpty || ids.contains(pair.keyPairId)) {
            guard try filters.allSatisfy({ try keyPairMatches(pair, $0) }) else { continue }
            writeKeyPair(pair, includePublicKey: includePublicKey, into: &xml)
        }
        xml.close("keySet")
        return xml.text
    }

    /// Deleting a name that does not exist succeeds, as on EC2; an unknown `KeyPairId` does not.
    func deleteKeyPair(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let pair: EC2KeyPair?
        if let id = p["KeyPairId"] {
            guard let found = try await load(EC2KeyPair.self, kind: EC2Kind.keyPair, id: id, scope) else {
                throw AWSServiceError.keyPairNotFound(id)
            }
            pair = found
        } else if let name = p["KeyName"] {
            pair = try await keyPair(named: name, scope)
        } else {
            throw AWSServiceError.ec2MissingParameter("KeyName or KeyPairId")
        }
        var xml = XMLWriter()
        xml.element("return", true)
        if let pair {
            try await store.deleteEC2Resource(kind: EC2Kind.keyPair, id: pair.keyPairId, accountID: scope.accountID, region: scope.region)
            xml.element("keyPairId", pair.keyPairId)
        }
        return xml.text
    }

    // MARK: Security groups

    func createSecurityGroup(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        guard let name = p["GroupName"] else { throw AWSServiceError.ec2MissingParameter("GroupName") }
        guard let description = p["GroupDescription"] else { throw AWSServiceError.ec2MissingParameter("GroupDescription") }
        try Self.checkSecurityGroupText(name, parameter: "groupName")
        try Self.checkSecurityGroupText(description, parameter: "GroupDescription")
        if name == Self.defaultGroupName {
            throw AWSServiceError.invalidParameterValue("Cannot use reserved security group name: default")
        }
        if name.hasPrefix("sg-") { throw AWSServiceError.invalidParameterValue("Group names may not be in the format sg-*.") }
        let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
        if let requested = p["VpcId"], requested != vpc {
            throw AWSServiceError.ec2("InvalidVpcID.NotFound", "The vpc ID '\(requested)' does not exist")
        }
        try requireTagSpecificationType(p, allowed: "security-group")
        let tags = try tagSpecifications(p, resourceType: "security-group")
        let duplicate = AWSServiceError.ec2("InvalidGroup.Duplicate", "The security group '\(name)' already exists for VPC '\(vpc)'")
        _ = try await defaultSecurityGroup(scope)  // so the default group is listed first
        if try await securityGroup(named: name, scope) != nil { throw duplicate }
        let group = EC2SecurityGroup(groupId: Self.newID("sg"), groupName: name, description: description, vpcId: vpc,
                                     ownerId: scope.accountID, ingress: [], egress: [Self.allTrafficOut], tags: tags)
        do {
            try await save(group, kind: EC2Kind.securityGroup, id: group.groupId, nameKey: securityGroupNameKey(vpc: vpc, name: name), scope)
        } catch StorageError.conflict {
            throw duplicate
        }
        var xml = XMLWriter()
        xml.element("groupId", group.groupId)
        writeNetworkTags(tags, into: &xml)
        xml.element("securityGroupArn", securityGroupARN(group.groupId, scope))
        return xml.text
    }

    func describeSecurityGroups(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let ids = try list(p, "GroupId")
        let names = try list(p, "GroupName")
        let filters = try self.filters(p)
        let groups = try await securityGroups(scope)
        for id in ids where !groups.contains(where: { $0.groupId == id }) {
            throw id.hasPrefix("sg-") ? AWSServiceError.groupNotFound(id) : AWSServiceError.malformedGroupID(id)
        }
        let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
        for name in names where !groups.contains(where: { $0.groupName == name }) {
            throw AWSServiceError.groupNameNotFound(name, vpc: vpc)
        }
        var selected: [EC2SecurityGroup] = []
        for group in groups where (ids.isEmpty || ids.contains(group.groupId)) && (names.isEmpty || names.contains(group.groupName)) {
            if try filters.allSatisfy({ try securityGroupMatches(group, $0) }) { selected.append(group) }
        }
        // MaxResults (5–1000) pages the result; the token is the offset of the next page.
        var start = 0
        if let token = p["NextToken"] {
            guard let offset = Int(token), offset >= 0, offset <= selected.count else {
                throw AWSServiceError.ec2("InvalidParameterValue", "Invalid value '\(token)' for NextToken")
            }
            start = offset
        }
        var end = selected.count
        if let maximum = try p.int("MaxResults") {
            guard (5...1_000).contains(maximum) else {
                throw AWSServiceError.invalidParameterValue("Value ( \(maximum) ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.")
            }
            end = min(selected.count, start + maximum)
        }
        var xml = XMLWriter()
        xml.open("securityGroupInfo")
        for group in selected[start..<end] { writeSecurityGroup(group, scope, into: &xml) }
        xml.close("securityGroupInfo")
        if end < selected.count { xml.element("nextToken", String(end)) }
        return xml.text
    }

    /// Authorize (`add`) or revoke rules, inbound or outbound (`egress`).
    func updateRules(_ p: QueryParameters, _ scope: Scope, egress: Bool, add: Bool) async throws -> String {
        var group = try await targetSecurityGroup(p, scope)
        let existing = Self.rules(of: egress ? group.egress : group.ingress)
        var requested = try await requestedRules(p, scope)
        if !add {
            for id in try list(p, "SecurityGroupRuleId") {
                guard let rule = existing.first(where: { Self.ruleID($0, groupID: group.groupId, egress: egress) == id }) else {
                    throw AWSServiceError.ec2("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '\(id)' does not exist")
                }
                requested.append(rule)
            }
        }
        guard !requested.isEmpty else { throw AWSServiceError.ec2MissingParameter("IpPermissions") }
        var xml = XMLWriter()
        xml.element("return", true)
        if add {
            var updated = existing
            for rule in requested {
                guard !updated.contains(rule) else {
                    throw AWSServiceError.ec2("InvalidPermission.Duplicate", "the specified rule \"\(Self.describe(rule))\" already exists")
                }
                updated.append(rule)
            }
            guard updated.count <= Self.maximumRulesPerDirection else {
                throw AWSServiceError.ec2("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.")
            }
            setRules(updated, of: &group, egress: egress)
            try await save(group, kind: EC2Kind.securityGroup, id: group.groupId,
                           nameKey: securityGroupNameKey(vpc: group.vpcId, name: group.groupName), scope)
            xml.open("securityGroupRuleSet")
            for rule in requested { writeRule(rule, group: group, egress: egress, revoked: false, into: &xml) }
            xml.close("securityGroupRuleSet")
            return xml.text
        }
        var seen = Set<SecurityGroupRule>()
        let unique = requested.filter { seen.insert($0).inserted }
        let revoked = unique.filter(existing.contains)
        let unknown = unique.filter { !existing.contains($0) }
        guard !revoked.isEmpty else {
            throw AWSServiceError.ec2("InvalidPermission.NotFound", "The specified rule does not exist in this security group.")
        }
        setRules(existing.filter { !revoked.contains($0) }, of: &group, egress: egress)
        try await save(group, kind: EC2Kind.securityGroup, id: group.groupId,
                       nameKey: securityGroupNameKey(vpc: group.vpcId, name: group.groupName), scope)
        if !unknown.isEmpty { writePermissions("unknownIpPermissionSet", Self.permissions(from: unknown), ownerID: group.ownerId, into: &xml) }
        xml.open("revokedSecurityGroupRuleSet")
        for rule in revoked { writeRule(rule, group: group, egress: egress, revoked: true, into: &xml) }
        xml.close("revokedSecurityGroupRuleSet")
        return xml.text
    }

    func deleteSecurityGroup(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let group = try await targetSecurityGroup(p, scope)
        if group.groupName == Self.defaultGroupName {
            throw AWSServiceError.ec2("CannotDelete", "the specified group: \"\(group.groupId)\" name: \"default\" cannot be deleted by a user")
        }
        if try await securityGroupHasDependents(group.groupId, scope) {
            throw AWSServiceError.ec2("DependencyViolation", "resource \(group.groupId) has a dependent object")
        }
        try await store.deleteEC2Resource(kind: EC2Kind.securityGroup, id: group.groupId, accountID: scope.accountID, region: scope.region)
        var xml = XMLWriter()
        xml.element("return", true)
        xml.element("groupId", group.groupId)
        return xml.text
    }

    private func setRules(_ rules: [SecurityGroupRule], of group: inout EC2SecurityGroup, egress: Bool) {
        if egress { group.egress = Self.permissions(from: rules) } else { group.ingress = Self.permissions(from: rules) }
    }

    /// Names and descriptions: 1–255 characters from EC2's VPC set (a-z, A-Z, 0-9, spaces, ._-:/()#,@[]+=&;{}!$*).
    static func checkSecurityGroupText(_ text: String, parameter: String) throws {
        guard !text.isEmpty, text.unicodeScalars.count <= 255 else {
            throw AWSServiceError.invalidParameterValue("Value (\(text)) for parameter \(parameter) is invalid. Length must be between 1 and 255 characters.")
        }
        let allowed = Set("._-:/()#,@[]+=&;{}!$* ".unicodeScalars)
        guard text.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || allowed.contains($0) }) else {
            throw AWSServiceError.invalidParameterValue(
                "Value (\(text)) for parameter \(parameter) is invalid. Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*")
        }
    }

    // MARK: Rules in requests

    /// `IpPermissions.N.*`, plus the older flat form (`IpProtocol`, `FromPort`, `ToPort`, `CidrIp`,
    /// `SourceSecurityGroupName`), as rules.
    func requestedRules(_ p: QueryParameters, _ scope: Scope) async throws -> [SecurityGroupRule] {
        var rules: [SecurityGroupRule] = []
        for (index, permission) in (try p.flatStructureList("IpPermissions", limit: 100) ?? []).enumerated() {
            guard let protocolText = permission["IpProtocol"] else {
                throw AWSServiceError.ec2MissingParameter("IpPermissions.\(index + 1).IpProtocol")
            }
            let ports = try Self.portRange(protocolText, try permission.int("FromPort"), try permission.int("ToPort"))
            var peers: [SecurityGroupRule.Peer] = []
            for range in try permission.flatStructureList("IpRanges", limit: 100) ?? [] {
                guard let cidr = range["CidrIp"] else { throw AWSServiceError.ec2MissingParameter("CidrIp") }
                peers.append(.ipv4(try Self.ipv4CIDR(cidr)))
            }
            for range in try permission.flatStructureList("Ipv6Ranges", limit: 100) ?? [] {
                guard let cidr = range["CidrIpv6"] else { throw AWSServiceError.ec2MissingParameter("CidrIpv6") }
                peers.append(.ipv6(try Self.ipv6CIDR(cidr)))
            }
            for pair in try permission.flatStructureList("Groups", limit: 100) ?? [] {
                peers.append(.group(try await referencedGroupID(id: pair["GroupId"], name: pair["GroupName"], userID: pair["UserId"], scope)))
            }
            if let prefixList = try permission.flatStructureList("PrefixListIds", limit: 100)?.first {
                let id = prefixList["PrefixListId"] ?? ""
                throw AWSServiceError.ec2("InvalidPrefixListId.NotFound", "The prefix list '\(id)' does not exist.")
            }
            guard !peers.isEmpty else {
                throw AWSServiceError.ec2MissingParameter("IpPermissions.\(index + 1).IpRanges, Ipv6Ranges or Groups")
            }
            rules += peers.map { SecurityGroupRule(ipProtocol: ports.ipProtocol, fromPort: ports.from, toPort: ports.to, peer: $0) }
        }
        if let source = p["SourceSecurityGroupName"] {
            let id = try await referencedGroupID(id: nil, name: source, userID: p["SourceSecurityGroupOwnerId"], scope)
            // Without a protocol the rule grants full ICMP, UDP and TCP access (EC2 API reference).
            var ranges: [(ipProtocol: String, from: Int?, to: Int?)] = [("icmp", -1, -1), ("tcp", 0, 65_535), ("udp", 0, 65_535)]
            if let protocolText = p["IpProtocol"] {
                ranges = [try Self.portRange(protocolText, try p.int("FromPort"), try p.int("ToPort"))]
            }
            rules += ranges.map { SecurityGroupRule(ipProtocol: $0.ipProtocol, fromPort: $0.from, toPort: $0.to, peer: .group(id)) }
        } else if p["IpProtocol"] != nil || p["CidrIp"] != nil {
            guard let protocolText = p["IpProtocol"] else { throw AWSServiceError.ec2MissingParameter("IpProtocol") }
            guard let cidr = p["CidrIp"] else { throw AWSServiceError.ec2MissingParameter("CidrIp") }
            let ports = try Self.portRange(protocolText, try p.int("FromPort"), try p.int("ToPort"))
            rules.append(SecurityGroupRule(ipProtocol: ports.ipProtocol, fromPort: ports.from, toPort: ports.to,
                                           peer: .ipv4(try Self.ipv4CIDR(cidr))))
        }
        return rules
    }

    /// The canonical protocol (`tcp`, `udp`, `icmp`, `icmpv6`, `-1`, or another number 0–255) and its
    /// ports: TCP and UDP need both (0–65535); ICMP takes type and code (-1 for any); others have none.
    static func portRange(_ text: String, _ from: Int?, _ to: Int?) throws -> (ipProtocol: String, from: Int?, to: Int?) {
        let names = ["tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
                     "icmpv6": "icmpv6", "58": "icmpv6", "-1": "-1"]
        let ipProtocol: String
        if let name = names[text.lowercased()] {
            ipProtocol = name
        } else if let number = Int(text), (0...255).contains(number), String(number) == text {
            ipProtocol = text
        } else {
            throw AWSServiceError.invalidParameterValue("Invalid value '\(text)' for IP protocol. Unknown protocol.")
        }
        switch ipProtocol {
        case "tcp", "udp":
            guard let from, let to else {
                throw AWSServiceError.invalidParameterValue("Invalid value for portRange. Must specify both from and to ports with TCP/UDP.")
            }
            guard (0...65_535).contains(from), (0...65_535).contains(to), from <= to else {
                throw AWSServiceError.invalidParameterValue("Invalid TCP/UDP port range (\(from) - \(to)).")
            }
            return (ipProtocol, from, to)
        case "icmp", "icmpv6":
            let type = from ?? -1
            let code = to ?? -1
            guard (-1...255).contains(type), (-1...255).contains(code) else {
                throw AWSServiceError.invalidParameterValue("Invalid value for ICMP type (\(type)) or code (\(code)).")
            }
            return (ipProtocol, type, code)
        default:
            return (ipProtocol, nil, nil)
        }
    }

    /// `a.b.c.d/n`: four decimal octets and a prefix length of 0–32.
    static func ipv4CIDR(_ text: String) throws -> String {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let octets = parts.first?.split(separator: ".", omittingEmptySubsequences: false) ?? []
        let valid = parts.count == 2 && isDecimal(parts[1], upTo: 32) && octets.count == 4 && octets.allSatisfy { isDecimal($0, upTo: 255) }
        guard valid else { throw AWSServiceError.invalidParameterValue("CIDR block \(text) is malformed") }
        return text
    }

    /// An IPv6 address in hexadecimal groups (with at most one `::`) and a prefix length of 0–128, lowercased.
    static func ipv6CIDR(_ text: String) throws -> String {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "/", omittingEmptySubsequences: false)
        let halves = parts.first.map { String($0).components(separatedBy: "::") } ?? []
        let groups = halves.map { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false) }
        let count = groups.reduce(0) { $0 + $1.count }
        let valid = parts.count == 2 && isDecimal(parts[1], upTo: 128) && (halves.count == 1 ? count == 8 : halves.count == 2 && count <= 7)
            && groups.allSatisfy { $0.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isHexDigit) } }
        guard valid else { throw AWSServiceError.invalidParameterValue("CIDR block \(text) is malformed") }
        return lowered
    }

    static func isDecimal(_ text: Substring, upTo maximum: Int) -> Bool {
        text.count <= 3 && text.allSatisfy { $0.isASCII && $0.isNumber } && (Int(text).map { $0 <= maximum } ?? false)
    }
}

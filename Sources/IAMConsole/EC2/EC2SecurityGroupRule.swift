import Foundation

/// One security group rule as the console lists it (one protocol, port range and source), and the
/// `IpPermissions.1.*` parameters that authorize or revoke exactly that rule.
struct EC2SecurityGroupRule: Sendable {
    enum PeerKind: String, Sendable {
        case cidr, cidr6, group
    }

    var index = 0
    /// `ingress` or `egress`, and `inbound` or `outbound` for people.
    var direction = "ingress"
    var directionLabel = "inbound"
    var ipProtocol: String
    /// Empty for protocols without ports.
    var fromPort: String
    var toPort: String
    var peerKind: String
    var peer: String
    // For the page (templates see stored properties only).
    var protocolLabel = ""
    var portLabel = ""

    init(ipProtocol: String, fromPort: String, toPort: String, peerKind: PeerKind, peer: String) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.peerKind = peerKind.rawValue
        self.peer = peer
        protocolLabel = Self.protocolLabel(ipProtocol)
        portLabel = Self.portLabel(ipProtocol, fromPort, toPort)
    }

    static func protocolLabel(_ ipProtocol: String) -> String {
        switch ipProtocol {
        case "-1": "All traffic"
        case "tcp", "udp", "icmp", "icmpv6": ipProtocol.uppercased()
        default: "Protocol \(ipProtocol)"
        }
    }

    static func portLabel(_ ipProtocol: String, _ fromPort: String, _ toPort: String) -> String {
        guard !fromPort.isEmpty else { return "All" }
        if ipProtocol.hasPrefix("icmp") {
            if fromPort == "-1" { return "All" }
            return toPort == "-1" || toPort.isEmpty ? "Type \(fromPort)" : "Type \(fromPort), code \(toPort)"
        }
        return fromPort == toPort ? fromPort : "\(fromPort) - \(toPort)"
    }

    /// The rules of an `ipPermissions` / `ipPermissionsEgress` list, one per source.
    static func rules(_ permissions: [XMLNode], egress: Bool) -> [EC2SecurityGroupRule] {
        var rules: [EC2SecurityGroupRule] = []
        for permission in permissions {
            let ipProtocol = EC2XML.value(permission, "ipProtocol")
            let from = EC2XML.value(permission, "fromPort"), to = EC2XML.value(permission, "toPort")
            let peers: [(PeerKind, String, String)] = [(.cidr, "ipRanges", "cidrIp"), (.cidr6, "ipv6Ranges", "cidrIpv6"),
                                                       (.group, "groups", "groupId")]
            for (kind, list, field) in peers {
                for item in permission.child(list)?.children ?? [] {
                    var rule = EC2SecurityGroupRule(ipProtocol: ipProtocol, fromPort: from, toPort: to, peerKind: kind,
                                                    peer: EC2XML.value(item, field))
                    rule.index = rules.count + 1
                    rule.direction = egress ? "egress" : "ingress"
                    rule.directionLabel = egress ? "outbound" : "inbound"
                    rules.append(rule)
                }
            }
        }
        return rules
    }

    /// The API parameters naming this one rule.
    var parameters: [(String, String)] {
        var result = [("IpPermissions.1.IpProtocol", ipProtocol)]
        if !fromPort.isEmpty { result.append(("IpPermissions.1.FromPort", fromPort)) }
        if !toPort.isEmpty { result.append(("IpPermissions.1.ToPort", toPort)) }
        switch PeerKind(rawValue: peerKind) ?? .cidr {
        case .cidr: result.append(("IpPermissions.1.IpRanges.1.CidrIp", peer))
        case .cidr6: result.append(("IpPermissions.1.Ipv6Ranges.1.CidrIpv6", peer))
        case .group: result.append(("IpPermissions.1.Groups.1.GroupId", peer))
        }
        return result
    }

    /// A rule from the add-rule form: protocol, port range (`22`, `8000-8080`; ICMP: empty for all
    /// types or a type number) and source (an IPv4 or IPv6 CIDR block, or a security group id).
    /// Returns a message for the user instead when the fields cannot make a rule.
    static func entered(protocol ipProtocol: String, ports: String, source: String) -> Result<EC2SecurityGroupRule, Message> {
        let ports = ports.trimmingCharacters(in: .whitespaces), source = source.trimmingCharacters(in: .whitespaces)
        var from = "", to = ""
        switch ipProtocol {
        case "tcp", "udp":
            let bounds = ports.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = bounds.first, let low = Int(first), let high = Int(bounds.last ?? first) else {
                return .failure(Message(text: "Enter a port (22) or a port range (8000-8080)."))
            }
            from = String(low)
            to = String(high)
        case "icmp":
            if ports.isEmpty || ports.lowercased() == "all" {
                from = "-1"
            } else {
                guard let type = Int(ports) else { return .failure(Message(text: "Enter an ICMP type number, or leave it empty for all types.")) }
                from = String(type)
            }
            to = "-1"
        case "-1":
            break
        default:
            return .failure(Message(text: "Choose a protocol: TCP, UDP, ICMP or All traffic."))
        }
        guard !source.isEmpty else { return .failure(Message(text: "Enter a source: a CIDR block such as 203.0.113.0/24, or a security group id.")) }
        let kind: PeerKind = source.hasPrefix("sg-") ? .group : source.contains(":") ? .cidr6 : .cidr
        return .success(EC2SecurityGroupRule(ipProtocol: ipProtocol, fromPort: from, toPort: to, peerKind: kind, peer: source))
    }

    struct Message: Error, Sendable {
        var text: String
    }
}

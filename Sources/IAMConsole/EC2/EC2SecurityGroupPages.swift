/// `/console/ec2/security-groups`: the list and create form; `/console/ec2/security-groups/<id>`:
/// a group's details, its inbound and outbound rules, adding and revoking rules, and deleting it.
struct EC2SecurityGroupPages: Sendable {
    struct Row: Sendable {
        var id: String
        var name: String
        var vpc: String
        var description: String
        var inboundCount: Int
        var outboundCount: Int
    }

    struct ListModel: Sendable {
        var layout: ConsoleLayout
        var loaded: Bool
        var rows: [Row]
        var name: String
        var description: String
    }

    struct DetailModel: Sendable {
        var layout: ConsoleLayout
        var loaded: Bool
        var id: String
        var group: Row?
        var isDefault: Bool
        var inbound: [EC2SecurityGroupRule]
        var outbound: [EC2SecurityGroupRule]
        var protocols: [Option]
        var ports: String
        var source: String
    }

    /// The add-rule form's values, echoed back when the call fails.
    struct Entered: Sendable {
        var ipProtocol = "tcp"
        var ports = ""
        var source = ""
    }

    static let base = "/console/ec2/security-groups"
    static let title = "Security groups"

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (path.count, page.isPost) {
        case (0, false): return await list(page.layout(Self.title, section: "ec2"))
        case (1, true) where path[0] == "create": return await create()
        case (1, false): return await detail(path[0], page.layout(path[0], section: "ec2"))
        case (2, true) where path[1] == "rules": return await addRule(path[0])
        case (2, true) where path[1] == "revoke": return await revokeRule(path[0])
        case (2, true) where path[1] == "delete": return await delete(path[0])
        default: return EC2Pages.notFound(page)
        }
    }

    // MARK: List and create

    func list(_ layout: ConsoleLayout, name: String = "", description: String = "", status: Int = 200) async -> ConsoleResult {
        var model = ListModel(layout: layout, loaded: false, rows: [], name: name, description: description)
        do {
            let responses = try await EC2Pages.describeAll(page, "DescribeSecurityGroups")
            model.rows = responses.flatMap { $0.list("securityGroupInfo") }.map(Self.row)
            model.loaded = true
        } catch {
            model.layout.show(error)
            return .page("ec2-security-groups", model, status: max(status, EC2Pages.status(for: error)))
        }
        return .page("ec2-security-groups", model, status: status)
    }

    static func row(_ item: XMLNode) -> Row {
        Row(id: EC2XML.value(item, "groupId"), name: EC2XML.value(item, "groupName"), vpc: EC2XML.value(item, "vpcId"),
            description: EC2XML.value(item, "groupDescription"),
            inboundCount: EC2SecurityGroupRule.rules(item.child("ipPermissions")?.children ?? [], egress: false).count,
            outboundCount: EC2SecurityGroupRule.rules(item.child("ipPermissionsEgress")?.children ?? [], egress: true).count)
    }

    func create() async -> ConsoleResult {
        var layout = page.layout(Self.title, section: "ec2")
        let name = page.request.field("group_name"), description = page.request.field("group_description")
        let response: XMLNode
        do {
            response = try await page.client.call(.ec2, "CreateSecurityGroup", [("GroupName", name), ("GroupDescription", description)])
        } catch {
            layout.show(error)
            return await list(layout, name: name, description: description, status: EC2Pages.status(for: error))
        }
        let id = EC2XML.value(response, "groupId")
        return page.redirect(Self.base + "/" + ConsoleURL.encode(id), notice: "Created security group \(id) (\(name))")
    }

    // MARK: Detail

    func detail(_ id: String, _ layout: ConsoleLayout, entered: Entered = Entered(), status: Int = 200) async -> ConsoleResult {
        let protocols = [Option("tcp", "TCP"), Option("udp", "UDP"), Option("icmp", "ICMP"), Option("-1", "All traffic")]
        var model = DetailModel(layout: layout, loaded: false, id: id, group: nil, isDefault: false, inbound: [], outbound: [],
                                protocols: EC2Pages.mark(protocols, entered.ipProtocol), ports: entered.ports,
                                source: entered.source)
        do {
            let response = try await page.client.call(.ec2, "DescribeSecurityGroups", [("GroupId.1", id)])
            guard let item = response.list("securityGroupInfo").first else {
                model.layout.error = "The security group '\(id)' does not exist"
                return .page("ec2-security-group", model, status: 404)
            }
            model.group = Self.row(item)
            model.isDefault = model.group?.name == "default"
            model.inbound = EC2SecurityGroupRule.rules(item.child("ipPermissions")?.children ?? [], egress: false)
            model.outbound = EC2SecurityGroupRule.rules(item.child("ipPermissionsEgress")?.children ?? [], egress: true)
            model.loaded = true
        } catch {
            model.layout.show(error)
            return .page("ec2-security-group", model, status: max(status, EC2Pages.status(for: error)))
        }
        return .page("ec2-security-group", model, status: status)
    }

    func detailPath(_ id: String) -> String { Self.base + "/" + ConsoleURL.encode(id) }

    /// POST: AuthorizeSecurityGroupIngress for one rule from the form.
    func addRule(_ id: String) async -> ConsoleResult {
        var layout = page.layout(id, section: "ec2")
        let entered = Entered(ipProtocol: page.request.field("protocol"), ports: page.request.field("ports"),
                              source: page.request.field("source"))
        switch EC2SecurityGroupRule.entered(protocol: entered.ipProtocol, ports: entered.ports, source: entered.source) {
        case .failure(let message):
            layout.error = message.text
            return await detail(id, layout, entered: entered, status: 400)
        case .success(let rule):
            do {
                try await page.client.call(.ec2, "AuthorizeSecurityGroupIngress", [("GroupId", id)] + rule.parameters)
            } catch {
                layout.show(error)
                return await detail(id, layout, entered: entered, status: EC2Pages.status(for: error))
            }
            return page.redirect(detailPath(id), notice: "Added an inbound rule: \(rule.protocolLabel) \(rule.portLabel) from \(rule.peer)")
        }
    }

    /// POST: revoke the one rule the row's hidden fields name, inbound or outbound.
    func revokeRule(_ id: String) async -> ConsoleResult {
        var layout = page.layout(id, section: "ec2")
        let field = page.request.field
        let egress = field("direction") == "egress"
        guard let kind = EC2SecurityGroupRule.PeerKind(rawValue: field("peer_kind")), !field("protocol").isEmpty,
              !field("peer").isEmpty else {
            layout.error = "Choose a rule to remove."
            return await detail(id, layout, status: 400)
        }
        let rule = EC2SecurityGroupRule(ipProtocol: field("protocol"), fromPort: field("from_port"), toPort: field("to_port"),
                                        peerKind: kind, peer: field("peer"))
        do {
            try await page.client.call(.ec2, egress ? "RevokeSecurityGroupEgress" : "RevokeSecurityGroupIngress",
                                       [("GroupId", id)] + rule.parameters)
        } catch {
            layout.show(error)
            return await detail(id, layout, status: EC2Pages.status(for: error))
        }
        let direction = egress ? "outbound" : "inbound"
        return page.redirect(detailPath(id), notice: "Removed an \(direction) rule: \(rule.protocolLabel) \(rule.portLabel) \(rule.peer)")
    }

    func delete(_ id: String) async -> ConsoleResult {
        var layout = page.layout(id, section: "ec2")
        do {
            try await page.client.call(.ec2, "DeleteSecurityGroup", [("GroupId", id)])
        } catch {
            layout.show(error)
            return await detail(id, layout, status: EC2Pages.status(for: error))
        }
        return page.redirect(Self.base, notice: "Deleted security group \(id)")
    }
}

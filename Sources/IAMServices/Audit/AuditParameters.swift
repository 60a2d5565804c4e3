import AWSQuery

/// `requestParameters` of an audit event, from a Query request: names camelCased like CloudTrail
/// (`UserName` → `userName`), `member.N` / `.N` lists as arrays, `Key.Sub` as objects, and every
/// secret replaced by `HIDDEN_DUE_TO_SECURITY_REASONS` (the whole value under a secret name).
/// `Action`, `Version` and the signature's own `X-Amz-*` parameters are left out.
enum AuditParameters {
    static let hidden = "HIDDEN_DUE_TO_SECURITY_REASONS"

    /// Parameter names (any component of a dotted name, compared case-insensitively) whose values
    /// are secrets or may carry one.
    static let secretNames: Set<String> = [
        "password", "newpassword", "oldpassword", "authenticationcode1", "authenticationcode2", "tokencode",
        "samlassertion", "webidentitytoken", "privatekey", "secretaccesskey", "sessiontoken", "securitytoken",
        "userdata", "servicepassword", "clientsecret",
    ]

    static func isSecret(_ name: String) -> Bool {
        secretNames.contains(name.lowercased())
    }

    /// The parameters as a JSON object, or null when the request had none.
    static func json(_ parameters: QueryParameters) -> AuditJSON {
        var root = Node.object([])
        for (name, value) in parameters.pairs {
            if name == "Action" || name == "Version" || name.lowercased().hasPrefix("x-amz-") { continue }
            root.insert(path(name), value: value)
        }
        guard case .object(let members) = root, !members.isEmpty else { return .null }
        return root.json
    }

    /// A dotted Query name as object keys and list positions: `Tags.member.2.Key` is
    /// `tags`, [1], `key`; `InstanceId.1` is `instanceId`, [0].
    static func path(_ name: String) -> [Step] {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var steps: [Step] = []
        var i = 0
        while i < parts.count {
            let part = parts[i]
            if (part == "member" || part == "item") && i + 1 < parts.count, let index = Int(parts[i + 1]) {
                steps.append(.index(index))
                i += 2
                continue
            }
            if let index = Int(part), !steps.isEmpty {
                steps.append(.index(index))
            } else {
                steps.append(.key(part))
            }
            i += 1
        }
        return steps
    }

    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// The tree being built: values, objects in arrival order, lists by position.
    indirect enum Node {
        case value(String)
        case object([(String, Node)])
        case list([(Int, Node)])

        mutating func insert(_ steps: [Step], value: String) {
            guard let first = steps.first else {
                self = .value(value)
                return
            }
            let rest = Array(steps.dropFirst())
            switch first {
            case .key(let name):
                let key = AuditParameters.camelCased(name)
                if AuditParameters.isSecret(name) {
                    set(key, .value(AuditParameters.hidden))
                    return
                }
                var child = member(key) ?? (rest.first.map { if case .index = $0 { Node.list([]) } else { Node.object([]) } }
                                             ?? .value(value))
                if case .value(AuditParameters.hidden) = child { return }
                child.insert(rest, value: value)
                set(key, child)
            case .index(let position):
                guard case .list(var items) = self else {
                    self = .list([])
                    insert(steps, value: value)
                    return
                }
                let slot = items.firstIndex { $0.0 == position }
                var child = slot.map { items[$0].1 } ?? (rest.first.map { if case .index = $0 { Node.list([]) } else { Node.object([]) } }
                                                           ?? .value(value))
                child.insert(rest, value: value)
                if let slot { items[slot].1 = child } else { items.append((position, child)) }
                self = .list(items)
            }
        }

        func member(_ key: String) -> Node? {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.0 == key }?.1
        }

        mutating func set(_ key: String, _ node: Node) {
            var members: [(String, Node)] = []
            if case .object(let existing) = self { members = existing }
            if let at = members.firstIndex(where: { $0.0 == key }) { members[at].1 = node } else { members.append((key, node)) }
            self = .object(members)
        }

        var json: AuditJSON {
            switch self {
            case .value(let text): .string(text)
            case .object(let members): .object(members.map { ($0.0, $0.1.json) })
            case .list(let items): .array(items.sorted { $0.0 < $1.0 }.map(\.1.json))
            }
        }
    }

    /// `UserName` → `userName`, `SAMLAssertion` → `sAMLAssertion` (AWS's own lowering of the first letter).
    static func camelCased(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }

    /// The main resource a request names, for LookupEvents' `Resources` and `ResourceName` lookups.
    static func resource(_ parameters: QueryParameters) -> (type: String, name: String)? {
        let candidates: [(String, String)] = [
            ("UserName", "AWS::IAM::User"), ("RoleName", "AWS::IAM::Role"), ("GroupName", "AWS::IAM::Group"),
            ("PolicyArn", "AWS::IAM::Policy"), ("InstanceProfileName", "AWS::IAM::InstanceProfile"),
            ("AccessKeyId", "AWS::IAM::AccessKey"), ("SerialNumber", "AWS::IAM::MFADevice"),
            ("VirtualMFADeviceName", "AWS::IAM::MFADevice"), ("ServerCertificateName", "AWS::IAM::ServerCertificate"),
            ("RoleArn", "AWS::IAM::Role"), ("InstanceId.1", "AWS::EC2::Instance"), ("KeyName", "AWS::EC2::KeyPair"),
            ("GroupId", "AWS::EC2::SecurityGroup"),
        ]
        for (name, type) in candidates {
            if let value = parameters[name], !value.isEmpty { return (type, value) }
        }
        return nil
    }
}

import AWSQuery

/// CreateTags, DeleteTags and DescribeTags over the resources that keep tags: instances (`i-`), security groups
/// (`sg-`) and key pairs (`key-`). Each resource's tags live in its own stored document.
extension EC2Handlers {
    /// "Each resource can have a maximum of 50 tags" (CreateTags).
    static let maxTagsPerResource = 50

    /// A stored resource that carries tags.
    enum TaggedResource {
        case instance(EC2Instance)
        case securityGroup(EC2SecurityGroup)
        case keyPair(EC2KeyPair)

        var id: String {
            switch self {
            case .instance(let instance): instance.instanceId
            case .securityGroup(let group): group.groupId
            case .keyPair(let pair): pair.keyPairId
            }
        }

        /// The `ResourceType` DescribeTags reports.
        var resourceType: String {
            switch self {
            case .instance: "instance"
            case .securityGroup: "security-group"
            case .keyPair: "key-pair"
            }
        }

        var tags: [EC2Tag] {
            get {
                switch self {
                case .instance(let instance): instance.tags
                case .securityGroup(let group): group.tags
                case .keyPair(let pair): pair.tags
                }
            }
            set {
                switch self {
                case .instance(var instance):
                    instance.tags = newValue
                    self = .instance(instance)
                case .securityGroup(var group):
                    group.tags = newValue
                    self = .securityGroup(group)
                case .keyPair(var pair):
                    pair.tags = newValue
                    self = .keyPair(pair)
                }
            }
        }
    }

    func createTags(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let ids = try list(p, "ResourceId")
        guard !ids.isEmpty else { throw AWSServiceError.ec2MissingParameter("ResourceId") }
        let tags = try (p.flatStructureList("Tag", limit: 1_000) ?? []).map { tag in
            guard let key = tag["Key"] else { throw AWSServiceError.ec2MissingParameter("Tag.Key") }
            return EC2Tag(key: key, value: tag["Value"] ?? "")
        }
        guard !tags.isEmpty else { throw AWSServiceError.ec2MissingParameter("Tag") }
        var resources = try await taggedResources(ids, scope)
        for index in resources.indices {
            resources[index].tags = try Self.validatedNewTags(tags, existing: resources[index].tags)
        }
        for resource in resources { try await saveTagged(resource, scope) }
        return "<return>true</return>"
    }

    /// Removes the named keys (only where the value matches, when a value is given), or every tag when no `Tag.N`
    /// is given.
    func deleteTags(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let ids = try list(p, "ResourceId")
        guard !ids.isEmpty else { throw AWSServiceError.ec2MissingParameter("ResourceId") }
        let removals = try (p.flatStructureList("Tag", limit: 1_000) ?? []).map { tag in
            guard let key = tag["Key"] else { throw AWSServiceError.ec2MissingParameter("Tag.Key") }
            try Self.checkTagKey(key)
            return (key: key, value: tag["Value"])
        }
        var resources = try await taggedResources(ids, scope)
        for index in resources.indices {
            let before = resources[index].tags
            resources[index].tags = removals.isEmpty ? [] : before.filter { tag in
                !removals.contains { $0.key == tag.key && ($0.value == nil || $0.value == tag.value) }
            }
            if resources[index].tags != before { try await saveTagged(resources[index], scope) }
        }
        return "<return>true</return>"
    }

    func describeTags(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let filters = try self.filters(p)
        let names: Set<String> = ["key", "value", "resource-id", "resource-type"]
        for filter in filters where !names.contains(filter.name) { throw AWSServiceError.unknownNetworkFilter(filter.name) }
        var rows: [(resource: TaggedResource, tag: EC2Tag)] = []
        for resource in try await allTaggedResources(scope) {
            for tag in resource.tags {
                let matches = filters.allSatisfy { filter in
                    let value = switch filter.name {
                    case "key": tag.key
                    case "value": tag.value
                    case "resource-id": resource.id
                    default: resource.resourceType
                    }
                    return filter.values.contains { EC2Filters.like($0, value) }
                }
                if matches { rows.append((resource, tag)) }
            }
        }
        let (page, nextToken) = try pageOfResults(rows, p)
        var xml = XMLWriter()
        xml.open("tagSet")
        for row in page {
            xml.open("item")
            xml.element("resourceId", row.resource.id)
            xml.element("resourceType", row.resource.resourceType)
            xml.element("key", row.tag.key)
            xml.element("value", row.tag.value)
            xml.close("item")
        }
        xml.close("tagSet")
        xml.optionalElement("nextToken", nextToken)
        return xml.text
    }

    // MARK: Rules

    /// `existing` with `new` applied (a key already present takes the new value), checked against EC2's rules.
    static func validatedNewTags(_ new: [EC2Tag], existing: [EC2Tag]) throws -> [EC2Tag] {
        var result = existing
        for tag in new {
            try checkTagKey(tag.key)
            guard tag.value.unicodeScalars.count <= 256 else {
                throw AWSServiceError.invalidParameterValue(
                    "Value ( \(tag.value) ) for parameter value is invalid. Tag values may not exceed 256 characters")
            }
            if let index = result.firstIndex(where: { $0.key == tag.key }) {
                result[index].value = tag.value
            } else {
                result.append(tag)
            }
        }
        guard result.count <= maxTagsPerResource else {
            throw AWSServiceError.ec2("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
        }
        return result
    }

    static func checkTagKey(_ key: String) throws {
        guard !key.isEmpty else {
            throw AWSServiceError.invalidParameterValue("Value (  ) for parameter key is invalid. Tag keys must not be empty")
        }
        guard key.unicodeScalars.count <= 128 else {
            throw AWSServiceError.invalidParameterValue(
                "Value ( \(key) ) for parameter key is invalid. Tag keys may not exceed 128 characters")
        }
        guard !key.lowercased().hasPrefix("aws:") else {
            throw AWSServiceError.invalidParameterValue(
                "Value ( \(key) ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use")
        }
    }

    // MARK: Storage

    /// The resources named by `ids` (each once, in request order); every one must exist.
    func taggedResources(_ ids: [String], _ scope: Scope) async throws -> [TaggedResource] {
        var resources: [TaggedResource] = []
        for id in ids where !resources.contains(where: { $0.id == id }) {
            resources.append(try await taggedResource(id, scope))
        }
        return resources
    }

    func taggedResource(_ id: String, _ scope: Scope) async throws -> TaggedResource {
        if id.hasPrefix("i-") {
            guard Self.isInstanceID(id) else { throw AWSServiceError.ec2("InvalidInstanceID.Malformed", "Invalid id: \"\(id)\"") }
            let time = now()
            guard var instance = try await load(EC2Instance.self, kind: EC2Kind.instance, id: id, scope),
                  !EC2InstanceState.isGone(instance, now: time) else {
                throw AWSServiceError.ec2("InvalidInstanceID.NotFound", "The instance ID '\(id)' does not exist")
            }
            EC2InstanceState.settle(&instance, now: time)
            return .instance(instance)
        }
        if id.hasPrefix("sg-") {
            guard let group = try await securityGroup(id: id, scope) else { throw AWSServiceError.groupNotFound(id) }
            return .securityGroup(group)
        }
        if id.hasPrefix("key-") {
            guard let pair = try await load(EC2KeyPair.self, kind: EC2Kind.keyPair, id: id, scope) else {
                throw AWSServiceError.keyPairNotFound(id)
            }
            return .keyPair(pair)
        }
        if ["vpc-", "subnet-", "ami-"].contains(where: { id.hasPrefix($0) }) {
            throw AWSServiceError.ec2("UnsupportedOperation",
                                      "Warden keeps tags on instances, security groups and key pairs only, not on '\(id)'.")
        }
        throw AWSServiceError.ec2("InvalidID", "The ID '\(id)' is not valid")
    }

    func allTaggedResources(_ scope: Scope) async throws -> [TaggedResource] {
        let instances = try await liveInstances(scope).map(TaggedResource.instance)
        let groups = try await securityGroups(scope).map(TaggedResource.securityGroup)
        let pairs = try await loadAll(EC2KeyPair.self, kind: EC2Kind.keyPair, scope).map(TaggedResource.keyPair)
        return instances + groups + pairs
    }

    /// Saves a resource under the same id and name key its own operations use.
    func saveTagged(_ resource: TaggedResource, _ scope: Scope) async throws {
        switch resource {
        case .instance(let instance):
            try await save(instance, kind: EC2Kind.instance, id: instance.instanceId, scope)
        case .securityGroup(let group):
            try await save(group, kind: EC2Kind.securityGroup, id: group.groupId,
                           nameKey: securityGroupNameKey(vpc: group.vpcId, name: group.groupName), scope)
        case .keyPair(let pair):
            try await save(pair, kind: EC2Kind.keyPair, id: pair.keyPairId, nameKey: pair.keyName, scope)
        }
    }
}

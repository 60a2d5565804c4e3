import AWSQuery
import Foundation
import IAMStorage

/// Key pair helpers: names, lookups, storage, filters and the `KeyPairInfo` XML.
extension EC2Handlers {
    /// `KeyName`: required, 1–255 printable ASCII characters (EC2: "up to 255 ASCII characters").
    func keyPairName(_ p: QueryParameters) throws -> String {
        guard let name = p["KeyName"], !name.isEmpty else { throw AWSServiceError.ec2MissingParameter("KeyName") }
        guard name.unicodeScalars.count <= 255 else {
            throw AWSServiceError.invalidParameterValue("Value (\(name)) for parameter keyName is invalid. Length exceeds maximum of 255 characters.")
        }
        guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw AWSServiceError.invalidParameterValue("Value (\(name)) for parameter keyName is invalid. Character sets beyond ASCII are not supported.")
        }
        return name
    }

    func keyPair(named name: String, _ scope: Scope) async throws -> EC2KeyPair? {
        guard let text = try await store.ec2Resource(kind: EC2Kind.keyPair, nameKey: name, accountID: scope.accountID,
                                                     region: scope.region) else { return nil }
        return try decodeNetworkResource(EC2KeyPair.self, text)
    }

    /// Stores a new key pair; a name taken meanwhile is `InvalidKeyPair.Duplicate`.
    func saveNewKeyPair(_ pair: EC2KeyPair, _ scope: Scope) async throws {
        do {
            try await save(pair, kind: EC2Kind.keyPair, id: pair.keyPairId, nameKey: pair.keyName, scope)
        } catch StorageError.conflict {
            throw AWSServiceError.keyPairDuplicate(pair.keyName)
        }
    }

    /// The key pair filters EC2 documents for DescribeKeyPairs; any other name is refused, as EC2 does.
    func keyPairMatches(_ pair: EC2KeyPair, _ filter: (name: String, values: [String])) throws -> Bool {
        if let tagged = EC2Filters.tagMatches(filter, pair.tags) { return tagged }
        let value: String
        switch filter.name {
        case "key-name": value = pair.keyName
        case "key-pair-id": value = pair.keyPairId
        case "fingerprint": value = pair.keyFingerprint
        default: throw AWSServiceError.unknownNetworkFilter(filter.name)
        }
        return filter.values.contains { EC2Filters.like($0, value) }
    }

    /// One `KeyPairInfo` item.
    func writeKeyPair(_ pair: EC2KeyPair, includePublicKey: Bool, into xml: inout XMLWriter) {
        xml.open("item")
        xml.element("keyPairId", pair.keyPairId)
        xml.element("keyType", pair.keyType)
        writeNetworkTags(pair.tags, always: true, into: &xml)
        if includePublicKey { xml.element("publicKey", pair.publicKey) }
        xml.element("keyName", pair.keyName)
        xml.element("keyFingerprint", pair.keyFingerprint)
        xml.element("createTime", AWSTimestamp.iso8601(epochMilliseconds: pair.createdAt * 1_000))
        xml.close("item")
    }

    /// `tagSet`: written when there are tags, or always when `always` (DescribeKeyPairs shows `Tags: []`).
    func writeNetworkTags(_ tags: [EC2Tag], always: Bool = false, into xml: inout XMLWriter) {
        guard always || !tags.isEmpty else { return }
        xml.open("tagSet")
        for tag in tags {
            xml.open("item")
            xml.element("key", tag.key)
            xml.element("value", tag.value)
            xml.close("item")
        }
        xml.close("tagSet")
    }

    /// Refuses a `TagSpecification` for another resource type than the operation creates.
    func requireTagSpecificationType(_ p: QueryParameters, allowed: String) throws {
        for spec in try p.flatStructureList("TagSpecification", limit: 50) ?? [] {
            guard let type = spec["ResourceType"] else { throw AWSServiceError.ec2MissingParameter("TagSpecification.ResourceType") }
            guard type == allowed else {
                throw AWSServiceError.invalidParameterValue("'\(type)' is not a valid taggable resource type for this operation.")
            }
        }
    }
}

extension AWSServiceError {
    static func keyPairDuplicate(_ name: String) -> AWSServiceError {
        .ec2("InvalidKeyPair.Duplicate", "The keypair '\(name)' already exists.")
    }

    static func keyPairNotFound(_ nameOrID: String) -> AWSServiceError {
        .ec2("InvalidKeyPair.NotFound", "The key pair '\(nameOrID)' does not exist")
    }

    static func invalidKeyFormat() -> AWSServiceError {
        .ec2("InvalidKey.Format", "Key is not in valid OpenSSH public key format")
    }

    static func unknownNetworkFilter(_ name: String) -> AWSServiceError {
        .ec2("InvalidParameterValue", "The filter '\(name)' is invalid")
    }
}

extension EC2Handlers {
    /// A stored JSON document as `T`.
    func decodeNetworkResource<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

import Foundation

/// EC2 resources as stored (JSON in `ec2_resource`). Field names follow EC2's wire names.
struct EC2Tag: Codable, Sendable, Hashable {
    var key: String
    var value: String
}

struct EC2Instance: Codable, Sendable {
    var instanceId: String
    var reservationId: String
    var imageId: String
    var instanceType: String
    var keyName: String?
    var groupIds: [String]
    var subnetId: String
    var vpcId: String
    var availabilityZone: String
    var privateIpAddress: String
    var publicIpAddress: String?
    var launchTime: Int64
    var amiLaunchIndex: Int
    /// The state the instance is in or moving to, and since when (see `EC2InstanceState`).
    var state: String
    var stateSince: Int64
    var stateTransitionReason: String
    var stateReasonCode: String?
    var stateReasonMessage: String?
    var tags: [EC2Tag]
    var ownerId: String
}

struct EC2KeyPair: Codable, Sendable {
    var keyPairId: String
    var keyName: String
    var keyFingerprint: String
    var keyType: String
    var publicKey: String
    var createdAt: Int64
    var tags: [EC2Tag]
}

struct EC2IPPermission: Codable, Sendable, Hashable {
    var ipProtocol: String
    var fromPort: Int?
    var toPort: Int?
    var cidrIpv4: [String]
    var cidrIpv6: [String]
    var groupIds: [String]
}

struct EC2SecurityGroup: Codable, Sendable {
    var groupId: String
    var groupName: String
    var description: String
    var vpcId: String
    var ownerId: String
    var ingress: [EC2IPPermission]
    var egress: [EC2IPPermission]
    var tags: [EC2Tag]
}

/// Resource kinds in the store.
enum EC2Kind {
    static let instance = "instance"
    static let keyPair = "key-pair"
    static let securityGroup = "security-group"
}

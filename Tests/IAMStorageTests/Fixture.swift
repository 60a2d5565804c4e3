import Foundation
import IAMModel

/// Entities the contract tests store: one account, ids derived from names so they stay readable.
enum Fixture {
    static let account = "111122223333"
    static let otherAccount = "444455556666"
    /// 2100-01-01T00:00:00Z in milliseconds: beyond 32 bits, must round-trip as a 64-bit integer.
    static let largeTime: Int64 = 4_102_444_800_000
    /// Every byte value once, in order.
    static let allBytes: [UInt8] = (0...255).map { UInt8($0) }
    static let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
    static let trustPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    static func user(_ name: String, path: String = "/", account: String = account, createdAt: Int64 = 10,
                     tags: [IAMTag] = []) -> IAMUser {
        IAMUser(id: "AIDA" + name.uppercased(), accountID: account, name: name, path: path, createdAt: createdAt, tags: tags)
    }

    static func group(_ name: String, path: String = "/") -> IAMGroup {
        IAMGroup(id: "AGPA" + name.uppercased(), accountID: account, name: name, path: path, createdAt: 20)
    }

    static func policy(_ name: String, path: String = "/", tags: [IAMTag] = []) -> IAMManagedPolicy {
        IAMManagedPolicy(id: "ANPA" + name.uppercased(), accountID: account, name: name, path: path, description: "about \(name)",
                         defaultVersionID: "v1", createdAt: 30, updatedAt: 30, tags: tags)
    }

    static func role(_ name: String, path: String = "/", tags: [IAMTag] = []) -> IAMRole {
        IAMRole(id: "AROA" + name.uppercased(), accountID: account, name: name, path: path, trustPolicy: trustPolicy,
                createdAt: 40, tags: tags)
    }

    static func accessKey(_ id: String, userID: String?, createdAt: Int64 = 50, secret: [UInt8] = [1, 2, 3]) -> IAMAccessKey {
        IAMAccessKey(id: id, accountID: account, userID: userID, sealedSecret: secret, status: .active, createdAt: createdAt)
    }

    static func mfaDevice(_ serial: String, userID: String? = nil, enabledAt: Int64? = nil) -> IAMMFADevice {
        IAMMFADevice(serialNumber: serial, accountID: account, name: String(serial.split(separator: "/").last ?? ""), path: "/",
                     sealedSeed: [9, 8, 7], userID: userID, enabledAt: enabledAt, createdAt: 60)
    }

    static func tags(_ pairs: KeyValuePairs<String, String>) -> [IAMTag] {
        pairs.map { IAMTag(key: $0.key, value: $0.value) }
    }
}

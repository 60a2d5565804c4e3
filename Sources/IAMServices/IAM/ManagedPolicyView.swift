import IAMModel
import IAMPolicyCatalog

/// A managed policy as IAM presents it: customer managed (stored) or AWS managed (catalog).
struct ManagedPolicyView: Sendable {
    var id: String
    var name: String
    var path: String
    var arn: String
    var description: String?
    var defaultVersionID: String
    var attachmentCount: Int
    var boundaryUsageCount: Int
    var createdAt: Int64
    var updatedAt: Int64
    var tags: [IAMTag]
    var isAWSManaged: Bool
    /// The customer managed policy's stored id (nil for AWS managed ones).
    var storedID: String?

    init(_ policy: IAMManagedPolicy) {
        id = policy.id
        name = policy.name
        path = policy.path
        arn = policy.arn
        description = policy.description
        defaultVersionID = policy.defaultVersionID
        attachmentCount = policy.attachmentCount
        boundaryUsageCount = policy.boundaryUsageCount
        createdAt = policy.createdAt
        updatedAt = policy.updatedAt
        tags = policy.tags
        isAWSManaged = false
        storedID = policy.id
    }

    init(_ policy: ManagedPolicy, attachmentCount: Int) {
        id = Self.awsPolicyID(policy.name)
        name = policy.name
        path = policy.path
        arn = policy.arn
        description = nil
        defaultVersionID = policy.defaultVersionID
        self.attachmentCount = attachmentCount
        boundaryUsageCount = 0
        createdAt = Self.epoch(policy.createDate)
        updatedAt = Self.epoch(policy.updateDate)
        tags = []
        isAWSManaged = true
        storedID = nil
    }

    /// A stable `ANPA...` id for an AWS managed policy, derived from its name (FNV-1a, base32).
    static func awsPolicyID(_ name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var out = "ANPA"
        for i in 0..<17 { out.append(alphabet[Int((hash >> UInt64((i * 5) % 60)) & 31)]) }
        return out
    }

    /// `2015-02-06T18:40:15+00:00` → epoch seconds (the catalog's dates are all UTC).
    static func epoch(_ text: String) -> Int64 {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
        guard digits.count >= 6 else { return 0 }
        let (y, m, d) = (digits[0], digits[1], digits[2])
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        return days * 86_400 + digits[3] * 3600 + digits[4] * 60 + digits[5]
    }
}

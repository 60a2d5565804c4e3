import AWSQuery
import IAMModel

/// One CloudTrail-shaped event before it is stored: the fields of AWS's CloudTrail record
/// contents (eventVersion 1.08) plus Warden's `wardenAuthorization` (the gate's decision and the
/// statement that decided). `record(sequence:)` renders the JSON and the lookup columns.
struct AuditEvent: Sendable {
    static let eventVersion = "1.08"

    var eventTimeMillis: Int64
    /// Set by the recorder: orders events of one millisecond.
    var sequence: Int64 = 0
    var eventSource: String
    var eventName: String
    var region: String
    var sourceIP: String
    var userAgent: String?
    var userIdentity: AuditJSON
    var requestParameters: AuditJSON = .null
    var responseElements: AuditJSON = .null
    var additionalEventData: AuditJSON?
    var errorCode: String?
    var errorMessage: String?
    var requestID: String?
    var eventID: String
    var readOnly: Bool
    var eventType = "AwsApiCall"
    var recipientAccountID: String
    var gate: AuditNote.Gate?
    /// Lookup columns.
    var lookupUserName: String?
    var principalARN: String?
    var accessKeyID: String?
    var resource: (type: String, name: String)?

    /// Read-only by the action's verb, as CloudTrail classifies management events.
    static func isReadOnly(_ action: String) -> Bool {
        ["Get", "List", "Describe", "Lookup"].contains { action.hasPrefix($0) }
    }

    var json: AuditJSON {
        var members: [(String, AuditJSON)] = [
            ("eventVersion", .string(Self.eventVersion)),
            ("userIdentity", userIdentity),
            ("eventTime", .string(AWSTimestamp.iso8601(epochSeconds: Self.floorDiv(eventTimeMillis, 1_000)))),
            ("eventSource", .string(eventSource)),
            ("eventName", .string(eventName)),
            ("awsRegion", .string(region)),
            ("sourceIPAddress", .string(sourceIP)),
            ("userAgent", .optional(userAgent)),
        ]
        if let errorCode { members.append(("errorCode", .string(errorCode))) }
        if let errorMessage { members.append(("errorMessage", .string(errorMessage))) }
        members.append(("requestParameters", requestParameters))
        members.append(("responseElements", responseElements))
        if let additionalEventData { members.append(("additionalEventData", additionalEventData)) }
        if let requestID { members.append(("requestID", .string(requestID))) }
        members += [
            ("eventID", .string(eventID)),
            ("readOnly", .bool(readOnly)),
            ("eventType", .string(eventType)),
            ("managementEvent", .bool(true)),
            ("recipientAccountId", .string(recipientAccountID)),
            ("eventCategory", .string("Management")),
        ]
        if let gate {
            members.append(("wardenAuthorization", .object([("decision", .string(gate.decision)),
                                                             ("decidedBy", .string(gate.decidedBy))])))
        } else {
            members.append(("wardenAuthorization", .object([("decision", .null), ("decidedBy", .null)])))
        }
        return .object(members)
    }

    func record() -> IAMAuditRecord {
        IAMAuditRecord(eventID: eventID, accountID: recipientAccountID, eventTimeMillis: eventTimeMillis, sequence: sequence,
                       eventSource: eventSource, eventName: eventName, userName: lookupUserName, principalARN: principalARN,
                       accessKeyID: accessKeyID, decision: gate?.decision, errorCode: errorCode, readOnly: readOnly,
                       resourceType: resource?.type, resourceName: resource?.name, data: json.text)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// A random version-4 UUID, lowercase (the system generator).
    static func newID() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}

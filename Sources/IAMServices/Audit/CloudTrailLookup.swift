import AWSQuery
import Foundation
import IAMModel
import IAMStorage

/// `cloudtrail:LookupEvents` shapes (botocore `cloudtrail/2013-11-01`): the request read into an
/// audit query, with CloudTrail's validation errors, and the response written as JSON.
enum CloudTrailLookup {
    struct Request: Decodable {
        struct Attribute: Decodable {
            var key: String?
            var value: String?
            enum CodingKeys: String, CodingKey {
                case key = "AttributeKey", value = "AttributeValue"
            }
        }

        var lookupAttributes: [Attribute]?
        var startTime: Double?
        var endTime: Double?
        var eventCategory: String?
        var maxResults: Int?
        var nextToken: String?
        enum CodingKeys: String, CodingKey {
            case lookupAttributes = "LookupAttributes", startTime = "StartTime", endTime = "EndTime"
            case eventCategory = "EventCategory", maxResults = "MaxResults", nextToken = "NextToken"
        }
    }

    static func error(_ code: String, _ message: String) -> AWSServiceError {
        AWSServiceError(code, message, status: 400)
    }

    static func decode(_ body: [UInt8]) throws(AWSServiceError) -> Request {
        let data = body.isEmpty ? Data("{}".utf8) : Data(body)
        do {
            return try JSONDecoder().decode(Request.self, from: data)
        } catch {
            throw Self.error("SerializationException", "The request body could not be read as a LookupEvents request.")
        }
    }

    /// The audit query for a request in `accountID`; nil when it asks only for Insights events
    /// (Warden records none).
    static func query(_ request: Request, accountID: String) throws(AWSServiceError) -> IAMAuditQuery? {
        var query = IAMAuditQuery(accountID: accountID)
        let attributes = request.lookupAttributes ?? []
        guard attributes.count <= 1 else {
            throw error("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.")
        }
        if let attribute = attributes.first {
            guard let key = attribute.key, let value = attribute.value else {
                throw error("InvalidLookupAttributesException", "AttributeKey and AttributeValue are both required.")
            }
            guard value.count <= 2_000 else {
                throw error("InvalidLookupAttributesException", "The lookup attribute value is too long.")
            }
            switch key {
            case "EventId": query.eventID = value
            case "EventName": query.eventName = value
            case "Username": query.userName = value
            case "EventSource": query.eventSource = value
            case "AccessKeyId": query.accessKeyID = value
            case "ResourceType": query.resourceType = value
            case "ResourceName": query.resourceName = value
            case "ReadOnly":
                guard value == "true" || value == "false" else {
                    throw error("InvalidLookupAttributesException", "ReadOnly must be true or false.")
                }
                query.readOnly = value == "true"
            default:
                throw error("InvalidLookupAttributesException", "Unknown lookup attribute key `\(key)`.")
            }
        }
        if let start = request.startTime, let end = request.endTime, start > end {
            throw error("InvalidTimeRangeException", "Start time must be less than or equal to end time.")
        }
        query.startMillis = request.startTime.map { Int64(($0 * 1_000).rounded(.up)) }
        query.endMillis = request.endTime.map { Int64(($0 * 1_000).rounded(.down)) }
        if let max = request.maxResults {
            guard (1...50).contains(max) else {
                throw error("InvalidMaxResultsException", "MaxResults must be between 1 and 50.")
            }
            query.maxResults = max
        } else {
            query.maxResults = 50
        }
        if let token = request.nextToken {
            guard let cursor = cursor(token) else { throw error("InvalidNextTokenException", "Invalid NextToken.") }
            query.after = cursor
        }
        if let category = request.eventCategory {
            guard category == "insight" else {
                throw error("InvalidEventCategoryException", "Invalid EventCategory `\(category)`.")
            }
            return nil
        }
        return query
    }

    /// `NextToken`: base64 of `1|time|sequence|eventID` (opaque to clients).
    static func token(_ cursor: IAMAuditQuery.Cursor) -> String {
        Data("1|\(cursor.eventTimeMillis)|\(cursor.sequence)|\(cursor.eventID)".utf8).base64EncodedString()
    }

    static func cursor(_ token: String) -> IAMAuditQuery.Cursor? {
        guard token.count <= 512, let data = Data(base64Encoded: token) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "1", let time = Int64(parts[1]), let sequence = Int64(parts[2]),
              !parts[3].isEmpty else { return nil }
        return IAMAuditQuery.Cursor(eventTimeMillis: time, sequence: sequence, eventID: String(parts[3]))
    }

    static func response(_ events: [IAMAuditRecord], next: IAMAuditQuery.Cursor?) -> String {
        let items: [AuditJSON] = events.map { event in
            var members: [(String, AuditJSON)] = [
                ("EventId", .string(event.eventID)), ("EventName", .string(event.eventName)),
                ("ReadOnly", .string(event.readOnly ? "true" : "false")),
            ]
            if let key = event.accessKeyID { members.append(("AccessKeyId", .string(key))) }
            members.append(("EventTime", .number(AuditEvent.floorDiv(event.eventTimeMillis, 1_000))))
            members.append(("EventSource", .string(event.eventSource)))
            if let user = event.userName { members.append(("Username", .string(user))) }
            var resources: [AuditJSON] = []
            if let type = event.resourceType, let name = event.resourceName {
                resources.append(.object([("ResourceType", .string(type)), ("ResourceName", .string(name))]))
            }
            members.append(("Resources", .array(resources)))
            members.append(("CloudTrailEvent", .string(event.data)))
            return .object(members)
        }
        var body: [(String, AuditJSON)] = [("Events", .array(items))]
        if let next { body.append(("NextToken", .string(token(next)))) }
        return AuditJSON.object(body).text
    }
}

extension CloudTrailLookup {
    /// The request as Query-style pairs, so the audit event's `requestParameters` reads like any other.
    static func auditParameters(_ request: Request?) -> QueryParameters {
        guard let request else { return QueryParameters([]) }
        var pairs: [(String, String)] = []
        for (i, attribute) in (request.lookupAttributes ?? []).enumerated() {
            if let key = attribute.key { pairs.append(("LookupAttributes.member.\(i + 1).AttributeKey", key)) }
            if let value = attribute.value { pairs.append(("LookupAttributes.member.\(i + 1).AttributeValue", value)) }
        }
        if let start = request.startTime { pairs.append(("StartTime", AWSTimestamp.iso8601(epochSeconds: Int64(start)))) }
        if let end = request.endTime { pairs.append(("EndTime", AWSTimestamp.iso8601(epochSeconds: Int64(end)))) }
        if let category = request.eventCategory { pairs.append(("EventCategory", category)) }
        if let max = request.maxResults { pairs.append(("MaxResults", String(max))) }
        if request.nextToken != nil { pairs.append(("NextToken", "present")) }
        return QueryParameters(pairs)
    }
}

/// EC2 pages: `/console/ec2/...` dispatched to instances, key pairs and security groups. Every page
/// works in the session's region (switched from the top bar) and reads and changes state only through
/// EC2 API calls, so the gate decides what the signed-in identity may see and do.
struct EC2Pages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        let rest = Array(path.dropFirst())
        switch path.first ?? "" {
        case "": return .redirect("/console/ec2/instances")
        case "instances": return await EC2InstancePages(page: page).respond(rest)
        case "key-pairs": return await EC2KeyPairPages(page: page).respond(rest)
        case "security-groups": return await EC2SecurityGroupPages(page: page).respond(rest)
        default: return Self.notFound(page)
        }
    }

    static func notFound(_ page: ConsolePage) -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("Not found", section: "ec2"), heading: "Page not found",
                                 message: "There is no EC2 console page at this address."), status: 404)
    }

    /// The HTTP status of a page that shows a failed call: 403 for denials, 404 for a missing
    /// resource, 500 for Warden's own failures, else 400 (the request was wrong).
    static func status(for failure: ConsoleClient.Failure) -> Int {
        if failure.isDenial { return 403 }
        if failure.code.hasSuffix(".NotFound") { return 404 }
        if failure.code == "InternalFailure" || failure.code == "InternalError" { return 500 }
        return 400
    }

    /// Every page of a paged Describe call (`NextToken`), as the responses.
    static func describeAll(_ page: ConsolePage, _ action: String,
                            _ parameters: [(String, String)] = []) async throws(ConsoleClient.Failure) -> [XMLNode] {
        var responses: [XMLNode] = []
        var token: String?
        repeat {
            var query = parameters + [("MaxResults", "1000")]
            if let token { query.append(("NextToken", token)) }
            let response = try await page.client.call(.ec2, action, query)
            responses.append(response)
            let next = response.child("nextToken")?.text ?? ""
            token = next.isEmpty ? nil : next
        } while token != nil && responses.count < maximumPages
        return responses
    }

    static let maximumPages = 50

    /// `options` with the one whose value is `selected` marked.
    static func mark(_ options: [Option], _ selected: String) -> [Option] {
        options.map { Option($0.value, $0.label, selected: $0.value == selected) }
    }

    /// `Name.1`, `Name.2`, ... for a list parameter.
    static func numbered(_ name: String, _ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("\(name).\($0.offset + 1)", $0.element) }
    }
}

/// Reading EC2 response items: text at a path of child elements, and `tagSet` lookups.
enum EC2XML {
    static func value(_ node: XMLNode, _ path: String...) -> String {
        var current: XMLNode? = node
        for name in path { current = current?.child(name) }
        return current?.text ?? ""
    }

    static func tag(_ node: XMLNode, _ key: String) -> String {
        let tags = node.child("tagSet")?.children ?? []
        return tags.first { value($0, "key") == key }.map { value($0, "value") } ?? ""
    }

    /// An ISO 8601 time as the console shows it: `2024-11-21 19:33:34 UTC`.
    static func time(_ text: String) -> String {
        guard text.count >= 19 else { return text }
        let date = text.prefix(10), clock = text.dropFirst(11).prefix(8)
        return "\(date) \(clock) UTC"
    }
}

import AWSQuery
import IAMModel

extension QueryParameters {
    /// A required string parameter: AWS's ValidationError when absent.
    func required(_ name: String) throws -> String {
        guard let value = self[name] else { throw AWSServiceError.missingParameter(name) }
        return value
    }

    /// A required IAM name (`[\w+=,.@-]+`, 1...maxLength).
    func name(_ parameter: String, maxLength: Int) throws -> String {
        let value = try required(parameter)
        if let problem = IAMNames.checkName(value, field: AWSServiceError.lowerFirst(parameter), maxLength: maxLength) {
            throw AWSServiceError.validationError(problem)
        }
        return value
    }

    /// An optional path (default `/`).
    func path(_ parameter: String = "Path") throws -> String {
        guard let value = self[parameter] else { return "/" }
        if let problem = IAMNames.checkPath(value, field: AWSServiceError.lowerFirst(parameter)) {
            throw AWSServiceError.validationError(problem)
        }
        return value
    }

    func pathPrefix() throws -> String {
        guard let value = self["PathPrefix"] else { return "/" }
        if let problem = IAMNames.checkPathPrefix(value) { throw AWSServiceError.validationError(problem) }
        return value
    }

    /// `Tags.member.N.Key/Value`, checked against AWS's rules and quota.
    func tags() throws -> [IAMTag] {
        guard let list = try structureList("Tags", limit: 1_000) else { return [] }
        var tags: [IAMTag] = []
        var seen: Set<String> = []
        for item in list {
            let tag = IAMTag(key: item["Key"] ?? "", value: item["Value"] ?? "")
            if let problem = IAMNames.checkTag(tag) {
                throw problem.hasPrefix("1 validation") ? AWSServiceError.validationError(problem) : AWSServiceError.invalidInput(problem)
            }
            guard seen.insert(tag.key.lowercased()).inserted else {
                throw AWSServiceError.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
            }
            tags.append(tag)
        }
        if tags.count > IAMQuotas.tagsPerResource {
            throw AWSServiceError.limitExceeded("The number of tags has reached the maximum limit.")
        }
        return tags
    }

    /// `TagKeys.member.N`.
    func tagKeys() throws -> [String] {
        try list("TagKeys", limit: 50) ?? []
    }
}

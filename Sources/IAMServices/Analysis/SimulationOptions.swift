import AWSQuery
import IAMModel
import IAMPolicy

/// The parameters SimulateCustomPolicy and SimulatePrincipalPolicy share, checked as AWS checks them.
struct SimulationOptions {
    static let resourceHandlingOptions = ["EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet"]

    var actions: [String]
    /// nil: the actions are simulated on `*`.
    var resources: [String]?
    var resourcePolicy: NamedPolicy?
    var boundary: NamedPolicy?
    var callerARN: String?
    var context: RequestContext
    var maxItems: Int?
    var marker: String?

    init(_ p: QueryParameters) throws {
        guard let actions = try p.list("ActionNames") else { throw AWSServiceError.missingParameter("ActionNames") }
        for (i, action) in actions.enumerated() {
            try Self.checkLength(action, field: "actionNames.\(i + 1).member", 3...128)
            let parts = action.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw AWSServiceError.invalidInput("Action \(action) must be of the form service:ActionName.")
            }
            guard !action.contains("*") && !action.contains("?") else {
                throw AWSServiceError.invalidInput("Action \(action) contains a wildcard: the simulator evaluates single actions.")
            }
        }
        self.actions = actions
        if let resources = try p.list("ResourceArns"), !resources.isEmpty {
            for (i, resource) in resources.enumerated() {
                try Self.checkLength(resource, field: "resourceArns.\(i + 1).member", 1...2048)
                guard resource == "*" || (resource.hasPrefix("arn:") && resource.split(separator: ":", omittingEmptySubsequences: false).count >= 6) else {
                    throw AWSServiceError.invalidInput("Resource \(resource) must be in ARN format or \"*\".")
                }
            }
            self.resources = resources
        }
        if let text = p["ResourcePolicy"] {
            resourcePolicy = try AnalysisHandlers.policyInput(text, parameter: "ResourcePolicy", id: "ResourcePolicy",
                                                              field: "resourcePolicy", identity: false)
        }
        let boundaries = try AnalysisHandlers.policyInputs(p, "PermissionsBoundaryPolicyInputList", identity: true)
        guard boundaries.count <= 1 else {
            throw AWSServiceError.invalidInput("Only one permissions boundary policy can be simulated.")
        }
        boundary = boundaries.first
        if let owner = p["ResourceOwner"] {
            try Self.checkLength(owner, field: "resourceOwner", 1...2048)
            let account = owner.hasPrefix("arn:aws:iam::") && owner.hasSuffix(":root")
                ? String(owner.dropFirst("arn:aws:iam::".count).dropLast(":root".count)) : owner
            guard account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw AWSServiceError.invalidInput("ResourceOwner \(owner) is not an account ARN (arn:aws:iam::ACCOUNT-ID:root).")
            }
        }
        if let caller = p["CallerArn"] {
            try Self.checkLength(caller, field: "callerArn", 1...2048)
            guard AnalysisEntity.Reference(caller)?.kind == .user else {
                throw AWSServiceError.invalidInput("CallerArn \(caller) is not the ARN of an IAM user.")
            }
            callerARN = caller
        }
        if let option = p["ResourceHandlingOption"] {
            try Self.checkLength(option, field: "resourceHandlingOption", 1...64)
            guard Self.resourceHandlingOptions.contains(option) else {
                throw AWSServiceError.invalidInput(
                    "ResourceHandlingOption \(option) is not one of \(Self.resourceHandlingOptions.joined(separator: ", ")).")
            }
        }
        context = try SimulationContext.parse(p)
        maxItems = try p.int("MaxItems")
        marker = p["Marker"]
    }

    static func checkLength(_ value: String, field: String, _ range: ClosedRange<Int>) throws {
        if value.count < range.lowerBound {
            throw AWSServiceError.validationError(IAMNames.violation(value, at: field,
                                                                     "Member must have length greater than or equal to \(range.lowerBound)"))
        }
        if value.count > range.upperBound {
            throw AWSServiceError.validationError(IAMNames.violation(String(value.prefix(64)) + "...", at: field,
                                                                     "Member must have length less than or equal to \(range.upperBound)"))
        }
    }
}

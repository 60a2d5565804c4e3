import IAMModel
import IAMServices

/// Console home: who you are, how you signed in, and the services.
struct HomePage: Sendable {
    struct Model: Sendable {
        var layout: ConsoleLayout
        var arn: String
        var userID: String
        var account: String
        var mfa: Bool
        var services: [ServiceLink]
    }

    struct ServiceLink: Sendable {
        var name: String
        var href: String
        var summary: String
    }

    let page: ConsolePage

    func home() async -> ConsoleResult {
        var layout = page.layout("Console home", section: "home")
        var model = Model(layout: layout, arn: page.caller.arn, userID: page.caller.userID, account: page.caller.accountID,
                          mfa: page.session.mfaAuthenticatedAt != nil, services: Self.services)
        // Who am I, as the API says (sts:GetCallerIdentity needs no permission).
        do {
            let identity = try await page.client.call(.sts, "GetCallerIdentity")
            model.arn = identity.text("Arn")
            model.userID = identity.text("UserId")
        } catch {
            layout.show(error)
            model.layout = layout
        }
        return .page("home", model)
    }

    func changeRegion(api: WardenAPI) async -> ConsoleResult {
        let region = page.request.field("region")
        guard page.isPost, ConsoleRegions.all.contains(region) else { return .redirect("/console/home") }
        try? await api.console.setRegion(page.session, region)
        return .redirect("/console/ec2/instances")
    }

    static let services = [
        ServiceLink(name: "IAM", href: "/console/iam", summary: "Users, groups, policies and account settings"),
        ServiceLink(name: "EC2", href: "/console/ec2/instances", summary: "Instances, key pairs and security groups"),
        ServiceLink(name: "S3", href: "/console/services/s3", summary: "Object storage"),
        ServiceLink(name: "Lambda", href: "/console/services/lambda", summary: "Functions"),
        ServiceLink(name: "DynamoDB", href: "/console/services/dynamodb", summary: "NoSQL tables"),
        ServiceLink(name: "SQS", href: "/console/services/sqs", summary: "Queues"),
        ServiceLink(name: "SNS", href: "/console/services/sns", summary: "Notifications"),
        ServiceLink(name: "CloudWatch", href: "/console/services/cloudwatch", summary: "Metrics and alarms"),
    ]
}

/// Services Warden does not implement: opening one asks the gate about the service's usual first
/// call (as the AWS console's landing page would make it) and shows the denial, as in tutorial
/// step 3.10, or says that Warden does not serve that service.
struct ServicePages: Sendable {
    struct Model: Sendable {
        var layout: ConsoleLayout
        var name: String
        var action: String
        var allowed: Bool
    }

    static let landing: [String: (name: String, action: String)] = [
        "s3": ("Amazon S3", "ListAllMyBuckets"),
        "lambda": ("AWS Lambda", "ListFunctions"),
        "dynamodb": ("Amazon DynamoDB", "ListTables"),
        "sqs": ("Amazon SQS", "ListQueues"),
        "sns": ("Amazon SNS", "ListTopics"),
        "cloudwatch": ("Amazon CloudWatch", "DescribeAlarms"),
    ]

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        guard path.count == 1, let service = Self.landing[path[0]] else {
            return .page("error", ErrorPage(layout: page.layout("Not found", section: "services"), heading: "Unknown service",
                                            message: "Warden's console does not list this service."), status: 404)
        }
        var layout = page.layout(service.name, section: "services")
        let answer = await page.client.other(service: path[0], action: service.action)
        let denied = answer.code == "AccessDenied"
        if denied { layout.show(answer) }
        return .page("service", Model(layout: layout, name: service.name, action: "\(path[0]):\(service.action)", allowed: !denied),
                     status: denied ? 403 : 200)
    }
}

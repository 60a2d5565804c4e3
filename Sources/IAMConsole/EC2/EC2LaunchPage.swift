/// `/console/ec2/instances/launch`: the AWS console's "Launch an instance" form (name, AMI, type,
/// key pair, security group, count), submitted as one RunInstances call with a `Name` tag.
struct EC2LaunchPage: Sendable {
    struct Model: Sendable {
        var layout: ConsoleLayout
        var name: String
        var count: String
        var images: [Option]
        var types: [Option]
        var keys: [Option]
        var groups: [Option]
    }

    /// What the form submitted (or the defaults).
    struct Choice: Sendable {
        var name = ""
        var image = ""
        var type = defaultType
        var key = ""
        var group = ""
        var count = "1"
    }

    static let defaultType = "t2.micro"
    static let types = ["t2.micro", "t2.small", "t2.medium", "t3.micro", "t3.small", "t3.medium", "t3a.micro", "m5.large",
                        "c5.large", "r5.large"]
    static let maximumCount = 5
    /// EC2's limit for a tag value.
    static let maximumNameLength = 256
    static let title = "Launch an instance"

    let page: ConsolePage

    func respond() async -> ConsoleResult {
        guard page.isPost else { return await form(Choice(), page.layout(Self.title, section: "ec2")) }
        return await launch()
    }

    func launch() async -> ConsoleResult {
        var layout = page.layout(Self.title, section: "ec2")
        let field = page.request.field
        let choice = Choice(name: field("name"), image: field("image"), type: field("type"), key: field("key"),
                            group: field("group"), count: field("count"))
        guard let count = Int(choice.count), (1...Self.maximumCount).contains(count) else {
            layout.error = "Number of instances must be a whole number from 1 to \(Self.maximumCount)."
            return await form(choice, layout, status: 400)
        }
        guard choice.name.count <= Self.maximumNameLength else {
            layout.error = "The name can have up to \(Self.maximumNameLength) characters."
            return await form(choice, layout, status: 400)
        }
        var parameters = [("ImageId", choice.image), ("InstanceType", choice.type), ("MinCount", String(count)),
                          ("MaxCount", String(count))]
        if !choice.key.isEmpty { parameters.append(("KeyName", choice.key)) }
        if !choice.group.isEmpty { parameters.append(("SecurityGroupId.1", choice.group)) }
        if !choice.name.isEmpty {
            parameters += [("TagSpecification.1.ResourceType", "instance"), ("TagSpecification.1.Tag.1.Key", "Name"),
                           ("TagSpecification.1.Tag.1.Value", choice.name)]
        }
        let response: XMLNode
        do {
            response = try await page.client.call(.ec2, "RunInstances", parameters)
        } catch {
            var failed = await rendered(choice, layout, status: EC2Pages.status(for: error))
            failed.show(error)
            return failed.result
        }
        let ids = response.list("instancesSet").map { EC2XML.value($0, "instanceId") }
        return page.redirect("/console/ec2/instances", notice: "Launched \(ids.joined(separator: ", "))")
    }

    /// A rendered form, kept open so a failure can be shown over the options' own failures.
    struct Rendered {
        var model: Model
        var status: Int

        mutating func show(_ failure: ConsoleClient.Failure) { model.layout.show(failure) }
        var result: ConsoleResult { .page("ec2-launch", model, status: status) }
    }

    func form(_ choice: Choice, _ layout: ConsoleLayout, status: Int = 200) async -> ConsoleResult {
        await rendered(choice, layout, status: status).result
    }

    /// The form with its options read from the API: images, key pairs and security groups.
    func rendered(_ choice: Choice, _ layout: ConsoleLayout, status: Int) async -> Rendered {
        var layout = layout
        var images: [Option] = [], keys = [Option("", "Proceed without a key pair (not recommended)")], groups: [Option] = []
        do {
            let response = try await page.client.call(.ec2, "DescribeImages", [("Owner.1", "amazon")])
            images = response.list("imagesSet").map { item in
                let id = EC2XML.value(item, "imageId")
                let description = EC2XML.value(item, "description")
                return Option(id, "\(description.isEmpty ? EC2XML.value(item, "name") : description) (\(id))")
            }
            let keyPairs = try await page.client.call(.ec2, "DescribeKeyPairs")
            keys += keyPairs.list("keySet").map { Option(EC2XML.value($0, "keyName")) }
            let responses = try await EC2Pages.describeAll(page, "DescribeSecurityGroups")
            groups = responses.flatMap { $0.list("securityGroupInfo") }.map { item in
                let id = EC2XML.value(item, "groupId")
                return Option(id, "\(EC2XML.value(item, "groupName")) (\(id))")
            }
        } catch {
            layout.show(error)
        }
        // AWS preselects the first image and the VPC's default security group.
        let image = choice.image.isEmpty ? images.first?.value ?? "" : choice.image
        let group = choice.group.isEmpty ? groups.first { $0.label.hasPrefix("default (") }?.value ?? "" : choice.group
        let model = Model(layout: layout, name: choice.name, count: choice.count, images: EC2Pages.mark(images, image),
                          types: EC2Pages.mark(Self.types.map { Option($0) }, choice.type), keys: EC2Pages.mark(keys, choice.key),
                          groups: EC2Pages.mark(groups, group))
        return Rendered(model: model, status: status)
    }
}

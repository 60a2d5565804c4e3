/// `/console/ec2/instances`: the instance list with per-row state actions (start, stop, reboot,
/// terminate), and the launch wizard at `/console/ec2/instances/launch`.
struct EC2InstancePages: Sendable {
    struct Row: Sendable {
        var id: String
        var name: String
        var state: String
        var type: String
        var zone: String
        var launchTime: String
        var publicIP: String
        var privateIP: String
        var keyName: String
        var imageID: String
        // What the AWS console offers in each state.
        var canStart: Bool
        var canStop: Bool
        var canReboot: Bool
        var canTerminate: Bool
    }

    struct Model: Sendable {
        var layout: ConsoleLayout
        /// False when DescribeInstances failed: no table is shown.
        var loaded: Bool
        var rows: [Row]
        var count: Int
    }

    /// Form `action` → (API action, the notice's verb).
    static let actions: [String: (api: String, verb: String)] = [
        "start": ("StartInstances", "Starting"), "stop": ("StopInstances", "Stopping"),
        "reboot": ("RebootInstances", "Rebooting"), "terminate": ("TerminateInstances", "Terminating"),
    ]
    static let maximumSelected = 50
    static let title = "Instances"

    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (path.first, page.isPost, path.count) {
        case (nil, false, _): return await list(page.layout(Self.title, section: "ec2"))
        case ("launch", _, 1): return await EC2LaunchPage(page: page).respond()
        case ("action", true, 1): return await changeState()
        default: return EC2Pages.notFound(page)
        }
    }

    /// The list; `layout` may already carry a failed action's message.
    func list(_ layout: ConsoleLayout, status: Int = 200) async -> ConsoleResult {
        var layout = layout
        var model = Model(layout: layout, loaded: false, rows: [], count: 0)
        do {
            let responses = try await EC2Pages.describeAll(page, "DescribeInstances")
            model.rows = responses.flatMap { $0.list("reservationSet") }
                .flatMap { $0.child("instancesSet")?.children ?? [] }
                .map(Self.row)
            model.count = model.rows.count
            model.loaded = true
        } catch {
            layout.show(error)
            model.layout = layout
            return .page("ec2-instances", model, status: max(status, EC2Pages.status(for: error)))
        }
        return .page("ec2-instances", model, status: status)
    }

    static func row(_ item: XMLNode) -> Row {
        let state = EC2XML.value(item, "instanceState", "name")
        return Row(id: EC2XML.value(item, "instanceId"), name: EC2XML.tag(item, "Name"), state: state,
                   type: EC2XML.value(item, "instanceType"), zone: EC2XML.value(item, "placement", "availabilityZone"),
                   launchTime: EC2XML.time(EC2XML.value(item, "launchTime")), publicIP: EC2XML.value(item, "ipAddress"),
                   privateIP: EC2XML.value(item, "privateIpAddress"), keyName: EC2XML.value(item, "keyName"),
                   imageID: EC2XML.value(item, "imageId"), canStart: state == "stopped",
                   canStop: state == "pending" || state == "running", canReboot: state == "pending" || state == "running",
                   canTerminate: state != "shutting-down" && state != "terminated")
    }

    /// POST `action` (start, stop, reboot, terminate) for the `instance` fields.
    func changeState() async -> ConsoleResult {
        var layout = page.layout(Self.title, section: "ec2")
        let ids = page.request.fields("instance").filter { !$0.isEmpty }
        guard let action = Self.actions[page.request.field("action")] else {
            layout.error = "Choose an instance state action: start, stop, reboot or terminate."
            return await list(layout, status: 400)
        }
        guard !ids.isEmpty, ids.count <= Self.maximumSelected else {
            layout.error = "Select 1 to \(Self.maximumSelected) instances."
            return await list(layout, status: 400)
        }
        do {
            try await page.client.call(.ec2, action.api, EC2Pages.numbered("InstanceId", ids))
        } catch {
            layout.show(error)
            return await list(layout, status: EC2Pages.status(for: error))
        }
        return page.redirect("/console/ec2/instances", notice: "\(action.verb) \(ids.joined(separator: ", "))")
    }
}

struct EC2Pages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("EC2", section: "ec2"), heading: "EC2", message: "Not yet available."), status: 404)
    }
}

/// Placeholder until the page lands.
struct EC2Pages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("EC2Pages", section: "iam"), heading: "EC2Pages", message: "Not available yet."),
              status: 404)
    }
}

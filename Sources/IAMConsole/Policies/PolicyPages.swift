/// Placeholder until the page lands.
struct PolicyPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("PolicyPages", section: "iam"), heading: "PolicyPages", message: "Not available yet."),
              status: 404)
    }
}

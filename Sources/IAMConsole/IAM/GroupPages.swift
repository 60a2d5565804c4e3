/// Placeholder until the page lands.
struct GroupPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("GroupPages", section: "iam"), heading: "GroupPages", message: "Not available yet."),
              status: 404)
    }
}

/// Placeholder until the page lands.
struct UserPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("UserPages", section: "iam"), heading: "UserPages", message: "Not available yet."),
              status: 404)
    }
}

/// Placeholder until the page lands.
struct AccountSettingsPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("AccountSettingsPages", section: "iam"), heading: "AccountSettingsPages", message: "Not available yet."),
              status: 404)
    }
}

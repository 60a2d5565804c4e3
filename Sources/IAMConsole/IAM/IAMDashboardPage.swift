/// Placeholder until the page lands.
struct IAMDashboardPage: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("IAMDashboardPage", section: "iam"), heading: "IAMDashboardPage", message: "Not available yet."),
              status: 404)
    }
}

/// IAM admin pages: dashboard, users, groups, policies, account settings.
struct IAMPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        switch path.first ?? "" {
        default:
            return .page("error", ErrorPage(layout: page.layout("IAM", section: "iam"), heading: "IAM",
                                            message: "Not yet available."), status: 404)
        }
    }
}

/// IAM admin pages: `/console/iam/...` dispatched to the page type for each area.
struct IAMPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        let rest = Array(path.dropFirst())
        switch path.first ?? "" {
        case "": return await IAMDashboardPage(page: page).respond(rest)
        case "users": return await UserPages(page: page).respond(rest)
        case "groups": return await GroupPages(page: page).respond(rest)
        case "policies": return await PolicyPages(page: page).respond(rest)
        case "account-settings": return await AccountSettingsPages(page: page).respond(rest)
        default:
            return .page("error", ErrorPage(layout: page.layout("Not found", section: "iam"), heading: "Page not found",
                                            message: "There is no IAM console page at this address."), status: 404)
        }
    }
}

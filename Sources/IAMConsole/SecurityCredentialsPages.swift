struct SecurityCredentialsPages: Sendable {
    let page: ConsolePage

    func respond(_ path: [String]) async -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("My security credentials", section: "home"), heading: "x", message: "Not yet available."), status: 404)
    }
}

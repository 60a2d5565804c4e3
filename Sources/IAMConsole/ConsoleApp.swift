import Foundation
import IAMModel
import IAMServices
import Logging

/// The web console: checks the session and CSRF token, then hands the request to the page for
/// its path. Pages call the API through `ConsoleClient`; none of them decides permissions.
struct ConsoleApp: Sendable {
    static let sessionCookie = "warden-session"
    static let signInCookie = "warden-signin"

    let api: WardenAPI
    let views: ConsoleViews
    let logger: Logger
    let now: @Sendable () -> Int64

    /// The HTTP-independent answer: status, headers to add, body.
    struct Reply: Sendable {
        var status: Int
        var contentType = "text/html; charset=utf-8"
        var location: String?
        var cookies: [String] = []
        var body: String = ""
        var attachmentName: String?
    }

    func respond(_ incoming: ConsoleRequest, sessionToken: String?, signInToken: String?) async -> Reply {
        var request = incoming
        let path = request.path
        if request.method == .get, path.count == 2, path[0] == "static", let file = views.statics[path[1]] {
            return Reply(status: 200, contentType: file.contentType, body: file.body)
        }
        do {
            var session: ConsoleSession?
            if let sessionToken { session = try await api.console.session(token: sessionToken) }
            // Sign-in pages need no session.
            switch (request.method, path.first ?? "") {
            case (.get, ""), (.get, "signin"):
                if let session, session.stage == .active { return Reply(status: 303, location: "/console/home") }
                return signInForm(request, message: nil, signInToken: signInToken)
            case (.post, "signin"):
                return await signIn(request, signInToken: signInToken)
            default:
                break
            }
            guard let current = session, let caller = try await api.console.caller(for: current) else {
                return Reply(status: 303, location: "/console")
            }
            if request.method == .post {
                guard let sent = request.form["csrf"], Self.constantTimeEquals(sent, current.csrfToken) else {
                    return render(.page("error", ErrorPage(layout: ConsoleLayout(title: "Request refused"),
                                                           heading: "Request refused",
                                                           message: "The form's security token is missing or out of date. Go back, reload the page and try again."),
                                        status: 403))
                }
            }
            if path.first == "signout" {
                try await api.console.signOut(current, client: ConsoleClientFacts(sourceIP: request.clientIP,
                                                                                  userAgent: request.userAgent))
                return Reply(status: 303, location: "/console", cookies: [cookie(Self.sessionCookie, "", secure: request.secure, expire: true)])
            }
            var facts = RequestFacts(time: now(), sourceIP: request.clientIP, secureTransport: request.secure, region: current.region)
            facts.userAgent = request.userAgent
            let client = ConsoleClient(api: api, caller: caller, facts: facts)
            request.session = current
            request.client = client
            let page = ConsolePage(request: request, session: current, client: client)
            // Half-signed-in sessions may only finish signing in.
            switch current.stage {
            case .mfa:
                return path.first == "mfa" ? render(await SignInPages(page: page, api: api).mfa()) : Reply(status: 303, location: "/console/mfa")
            case .password:
                return path.first == "change-password"
                    ? render(await SignInPages(page: page, api: api).forcedPasswordChange())
                    : Reply(status: 303, location: "/console/change-password")
            case .active:
                return render(await route(page))
            }
        } catch {
            logger.error("console request failed", metadata: ["path": "\(path.joined(separator: "/"))", "error": "\(error)"])
            return render(.page("error", ErrorPage(layout: ConsoleLayout(title: "Error"), heading: "Something went wrong",
                                                   message: "The request could not be completed. Try again."), status: 500))
        }
    }

    func route(_ page: ConsolePage) async -> ConsoleResult {
        let path = page.request.path
        switch path.first ?? "" {
        case "home": return await HomePage(page: page).home()
        case "region": return await HomePage(page: page).changeRegion(api: api)
        case "mfa", "change-password": return .redirect("/console/home")
        case "security-credentials": return await SecurityCredentialsPages(page: page).respond(Array(path.dropFirst()))
        case "iam": return await IAMPages(page: page).respond(Array(path.dropFirst()))
        case "ec2": return await EC2Pages(page: page).respond(Array(path.dropFirst()))
        case "services": return await ServicePages(page: page).respond(Array(path.dropFirst()))
        default: return notFound(page)
        }
    }

    func notFound(_ page: ConsolePage) -> ConsoleResult {
        .page("error", ErrorPage(layout: page.layout("Not found", section: "home"), heading: "Page not found",
                                 message: "There is no console page at this address."), status: 404)
    }

    func render(_ result: ConsoleResult) -> Reply {
        switch result {
        case .page(let template, let model, let status):
            return Reply(status: status, body: views.render(template, model))
        case .redirect(let location):
            return Reply(status: 303, location: location)
        case .download(let name, let contentType, let body):
            return Reply(status: 200, contentType: contentType, body: body, attachmentName: name)
        }
    }

    func cookie(_ name: String, _ value: String, secure: Bool, expire: Bool = false) -> String {
        var parts = ["\(name)=\(value)", "Path=/console", "HttpOnly", "SameSite=Strict"]
        if secure { parts.append("Secure") }
        if expire { parts.append("Max-Age=0") }
        return parts.joined(separator: "; ")
    }

    /// The session's (or sign-in form's) token against the one sent, via `SecretBox`'s comparison.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        SecretBox.constantTimeEquals(Array(a.utf8), Array(b.utf8))
    }
}

/// A page with only a heading and a message (errors, refusals).
struct ErrorPage: Sendable {
    var layout: ConsoleLayout
    var heading: String
    var message: String
}

import Foundation
public import Hummingbird
public import IAMServices
public import Logging
import HTTPTypes

/// Mounts the web console on a router: `/console/...` and the sign-in link `/<account>/console`.
public enum ConsoleRoutes {
    public static let maximumFormBytes = 262_144

    public static func register<Context: RequestContext & RemoteAddressRequestContext>(
        on router: Router<Context>, api: WardenAPI, logger: Logger, now: @escaping @Sendable () -> Int64
    ) async throws {
        let app = ConsoleApp(api: api, views: try await ConsoleViews.load(), logger: logger, now: now)
        let handler: @Sendable (Request, Context) async throws -> Response = { request, context in
            await respond(app, request, context)
        }
        router.get("/console", use: handler)
        router.get("/console/**", use: handler)
        router.post("/console/**", use: handler)
        router.get("/:account/console") { request, context -> Response in
            let account = context.parameters.get("account") ?? ""
            var headers = HTTPFields()
            headers[.location] = "/console?account=" + ConsoleURL.encode(account)
            return Response(status: .seeOther, headers: headers)
        }
    }

    static func respond<Context: RequestContext & RemoteAddressRequestContext>(_ app: ConsoleApp, _ request: Request,
                                                                              _ context: Context) async -> Response {
        let path = request.uri.path.split(separator: "/", omittingEmptySubsequences: true).dropFirst()
            .map { $0.removingPercentEncoding ?? String($0) }
        let query = ConsoleForm(encoded: request.uri.query ?? "") ?? ConsoleForm()
        var form = ConsoleForm()
        let method: ConsoleRequest.Method = request.method == .post ? .post : .get
        if method == .post {
            guard let body = try? await request.body.collect(upTo: maximumFormBytes),
                  let parsed = ConsoleForm(encoded: String(decoding: body.readableBytesView, as: UTF8.self)) else {
                return plain(.badRequest, "The form could not be read.")
            }
            form = parsed
        }
        let forwarded = HTTPField.Name("X-Forwarded-Proto").flatMap { request.headers[$0] }
        let incoming = ConsoleRequest(method: method, path: path, query: query, form: form,
                                      clientIP: context.remoteAddress?.ipAddress ?? "127.0.0.1",
                                      secure: forwarded?.lowercased() == "https", userAgent: request.headers[.userAgent],
                                      session: nil, client: nil)
        let reply = await app.respond(incoming, sessionToken: request.cookies[ConsoleApp.sessionCookie]?.value,
                                      signInToken: request.cookies[ConsoleApp.signInCookie]?.value)
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        if let name = HTTPField.Name("X-Frame-Options") { headers[name] = "DENY" }
        if let name = HTTPField.Name("X-Content-Type-Options") { headers[name] = "nosniff" }
        if let name = HTTPField.Name("Referrer-Policy") { headers[name] = "no-referrer" }
        if let location = reply.location { headers[.location] = location }
        for cookie in reply.cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        if let name = reply.attachmentName { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

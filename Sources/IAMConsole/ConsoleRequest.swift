import IAMModel
import IAMServices

/// One console request as page handlers see it: the path below `/console`, the query and form
/// fields, the signed-in session, and the client to call the API as that session.
struct ConsoleRequest: Sendable {
    enum Method: Sendable {
        case get, post
    }

    var method: Method
    /// Path components after `/console`, percent-decoded.
    var path: [String]
    var query: ConsoleForm
    var form: ConsoleForm
    var clientIP: String
    var secure: Bool
    /// The browser's `User-Agent`: console calls are recorded in the audit trail with it.
    var userAgent: String? = nil
    var session: ConsoleSession?
    var client: ConsoleClient?

    func field(_ name: String) -> String { form[name] ?? "" }
    func fields(_ name: String) -> [String] { form.all(name) }
    func param(_ name: String) -> String? { query[name] }
}

/// What a page handler answers.
enum ConsoleResult: Sendable {
    /// A rendered template with its model.
    case page(String, any Sendable, status: Int = 200)
    case redirect(String)
    /// A file download (for example the access key `.csv`).
    case download(name: String, contentType: String, body: String)
}

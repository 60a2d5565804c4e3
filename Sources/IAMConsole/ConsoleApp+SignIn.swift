import IAMModel
import IAMServices
import Logging

/// The sign-in form and its POST. Before a session exists, the form is protected by a
/// double-submit token: a random cookie that the form must echo.
extension ConsoleApp {
    struct SignInModel: Sendable {
        var layout: ConsoleLayout
        var account: String
        var userName: String
        var root: Bool
        var token: String
        var message: String?
    }

    func signInForm(_ request: ConsoleRequest, message: String?, signInToken: String?, status: Int = 200,
                    account: String? = nil, userName: String? = nil, root: Bool = false) -> Reply {
        let token = signInToken.flatMap { $0.utf8.count == 64 ? $0 : nil } ?? ConsoleTokens.random()
        let model = SignInModel(layout: ConsoleLayout(title: "Sign in"),
                                account: account ?? request.param("account") ?? "", userName: userName ?? "",
                                root: root || request.param("root") == "1", token: token, message: message)
        var reply = render(.page("signin", model, status: status))
        reply.cookies.append(cookie(Self.signInCookie, token, secure: request.secure))
        return reply
    }

    func signIn(_ request: ConsoleRequest, signInToken: String?) async -> Reply {
        let account = request.field("account"), userName = request.field("username"), password = request.field("password")
        let root = request.field("root") == "1"
        guard let signInToken, let sent = request.form["token"], Self.constantTimeEquals(sent, signInToken) else {
            return signInForm(request, message: "Your sign-in form expired. Please try again.", signInToken: nil, status: 403,
                              account: account, userName: userName, root: root)
        }
        guard !account.isEmpty, root || !userName.isEmpty, !password.isEmpty, account.count <= 64, userName.count <= 64,
              password.count <= 128 else {
            return signInForm(request, message: ConsoleSignIn.genericFailure, signInToken: signInToken, status: 401,
                              account: account, userName: userName, root: root)
        }
        do {
            switch try await api.console.signIn(account: account, userName: root ? nil : userName, password: password,
                                                 clientIP: request.clientIP, userAgent: request.userAgent) {
            case .failed(let message):
                return signInForm(request, message: message, signInToken: signInToken, status: 401, account: account,
                                  userName: userName, root: root)
            case .session(let session, let token):
                let next = switch session.stage {
                case .mfa: "/console/mfa"
                case .password: "/console/change-password"
                case .active: "/console/home"
                }
                var cookies = [cookie(Self.signInCookie, "", secure: request.secure, expire: true)]
                if let token { cookies.append(cookie(Self.sessionCookie, token, secure: request.secure)) }
                return Reply(status: 303, location: next, cookies: cookies)
            }
        } catch {
            logger.error("console sign-in failed", metadata: ["error": "\(error)"])
            return signInForm(request, message: "Sign-in is unavailable right now. Try again.", signInToken: signInToken,
                              status: 500, account: account, userName: userName, root: root)
        }
    }
}

enum ConsoleTokens {
    /// 32 random bytes as 64 hex digits.
    static func random() -> String {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for _ in 0..<32 {
            let byte = UInt8.random(in: 0...255, using: &rng)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

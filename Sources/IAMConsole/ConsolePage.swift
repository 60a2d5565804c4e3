import IAMModel
import IAMServices

/// A signed-in page request: the request, its session and the API client acting as the session.
struct ConsolePage: Sendable {
    let request: ConsoleRequest
    let session: ConsoleSession
    let client: ConsoleClient
    /// The MFA wizard's not-yet-enabled devices (see `PendingMFADevices`), in the store.
    var pendingMFA: PendingMFADevices { client.api.pendingMFA }

    var caller: Caller { client.caller }
    var isPost: Bool { request.method == .post }

    /// The frame for a page in `section` (`home`, `iam`, `ec2`, `credentials`, `services`).
    func layout(_ title: String, section: String) -> ConsoleLayout {
        var layout = ConsoleLayout(title: title)
        layout.signedIn = true
        layout.csrf = session.csrfToken
        layout.section = section
        layout.region = session.region
        layout.regions = ConsoleRegions.all.map { Option($0, selected: $0 == session.region) }
        layout.isRoot = caller.isRoot
        layout.userLabel = caller.user.map { "\($0.name) @ \(accountLabel)" } ?? "Root user @ \(accountLabel)"
        layout.accountLabel = accountLabel
        layout.mfaLabel = session.mfaAuthenticatedAt == nil ? "signed in without MFA" : "signed in with MFA"
        layout.nav = navigation(section)
        if let notice = request.param("notice"), notice.count < 200 { layout.notice = notice }
        return layout
    }

    var accountLabel: String { session.accountID }

    func navigation(_ section: String) -> [ConsoleLayout.NavItem] {
        let items: [(String, String)] = switch section {
        case "iam":
            [("Dashboard", "/console/iam"), ("User groups", "/console/iam/groups"), ("Users", "/console/iam/users"),
             ("Policies", "/console/iam/policies"), ("Account settings", "/console/iam/account-settings")]
        case "ec2":
            [("Instances", "/console/ec2/instances"), ("Key pairs", "/console/ec2/key-pairs"),
             ("Security groups", "/console/ec2/security-groups")]
        default:
            [("Console home", "/console/home"), ("IAM", "/console/iam"), ("EC2", "/console/ec2/instances"),
             ("My security credentials", "/console/security-credentials")]
        }
        let current = "/console/" + request.path.joined(separator: "/")
        return items.map { ConsoleLayout.NavItem(label: $0.0, href: $0.1, current: current == $0.1) }
    }

    /// Redirect after a POST, with a notice shown on the next page.
    func redirect(_ path: String, notice: String? = nil) -> ConsoleResult {
        guard let notice else { return .redirect(path) }
        return .redirect(path + (path.contains("?") ? "&" : "?") + "notice=" + ConsoleURL.encode(notice))
    }
}

enum ConsoleRegions {
    static let all = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1",
                      "ap-northeast-1"]
}

import IAMPolicy
import IAMPolicyCatalog

/// Label values with a bounded set of values: nothing a client sends reaches a label unchecked.
extension WardenMetrics {
    /// Label for unknown operations, services and codes.
    public static let unknown = "unknown"

    /// An IAM or STS action from the operation table, else `unknown`.
    public static func operation(_ action: String?, service: APIOperation.Service) -> String {
        guard let action, let operation = APIOperation.named(action, service: service) else { return unknown }
        return operation.rawValue
    }

    /// An EC2 action Warden serves, else `unknown`.
    public static func ec2Operation(_ action: String?) -> String {
        guard let action, let operation = EC2Operation(rawValue: action) else { return unknown }
        return operation.rawValue
    }

    /// The console's top-level sections (`/console/<section>/...`), else `unknown`.
    public static let consoleSections: Set<String> = [
        "signin", "signout", "mfa", "change-password", "home", "region", "security-credentials", "iam", "ec2", "services",
        "static",
    ]

    /// The console section of a path below `/console` (`signin` for the bare `/console`).
    public static func consoleOperation(_ path: [String]) -> String {
        guard let first = path.first else { return "signin" }
        return consoleSections.contains(first) ? first : unknown
    }

    /// `success` below 400, `client_error` for 4xx, `server_error` for 5xx.
    static func outcome(status: Int) -> String {
        switch status {
        case ..<400: "success"
        case 400..<500: "client_error"
        default: "server_error"
        }
    }

    /// An AWS error code as Warden spells them (letters, digits and dots, at most 64), else `unknown`.
    static func boundedCode(_ code: String?) -> String {
        guard let code, !code.isEmpty, code.utf8.count <= 64,
              code.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2E })
        else { return unknown }
        return code
    }

    static func decisionLabel(_ outcome: Decision.Outcome) -> String {
        switch outcome {
        case .allow: "allow"
        case .explicitDeny: "explicit_deny"
        case .implicitDeny: "implicit_deny"
        }
    }

    /// The service prefix of an action (`iam:CreateUser` → `iam`) when it is a service AWS has (the
    /// action catalog), else `unknown`.
    static func actionService(_ action: String) -> String {
        guard let colon = action.firstIndex(of: ":") else { return unknown }
        let prefix = action[..<colon].lowercased()
        if prefix == "iam" || prefix == "sts" || prefix == "ec2" { return prefix }
        guard prefix.utf8.count <= 64, let catalog = try? ActionCatalog.shared(), catalog.service(prefix) != nil else {
            return unknown
        }
        return prefix
    }
}

/// Who is making a request, as resource-based policies and the root rule need to know.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case account = "Account"
        case user = "User"
        case assumedRole = "AssumedRole"
        case federatedUser = "FederatedUser"
        case service = "Service"
        case anonymous = "Anonymous"
    }

    public var kind: Kind
    /// The caller's ARN: the user, the assumed-role session, `arn:aws:iam::ACCOUNT:root`, ...
    public var arn: String
    public var accountID: String
    /// For an assumed-role session, the role's ARN.
    public var roleARN: String?
    /// For a service principal, its name (`ec2.amazonaws.com`).
    public var service: String?
    /// The unique id (`AIDA...`, `AROA...:session`).
    public var userID: String?

    public init(kind: Kind, arn: String, accountID: String, roleARN: String? = nil, service: String? = nil,
                userID: String? = nil) {
        self.kind = kind
        self.arn = arn
        self.accountID = accountID
        self.roleARN = roleARN
        self.service = service
        self.userID = userID
    }

    /// An IAM user in an account, with the default path unless `arn` says otherwise.
    public static func user(_ name: String, account: String = "123456789012") -> Principal {
        Principal(kind: .user, arn: "arn:aws:iam::\(account):user/\(name)", accountID: account)
    }

    public static func root(account: String) -> Principal {
        Principal(kind: .account, arn: "arn:aws:iam::\(account):root", accountID: account)
    }
}

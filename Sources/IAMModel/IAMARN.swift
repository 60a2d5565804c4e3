/// ARNs of IAM entities (IAM ARNs have an empty region).
public enum IAMARN {
    public static func user(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):user\(path)\(name)"
    }
    public static func group(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):group\(path)\(name)"
    }
    public static func policy(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):policy\(path)\(name)"
    }
    public static func mfa(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):mfa\(path)\(name)"
    }
    public static func root(_ account: String) -> String { "arn:aws:iam::\(account):root" }
    public static func role(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):role\(path)\(name)"
    }
    public static func instanceProfile(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):instance-profile\(path)\(name)"
    }
    public static func serverCertificate(_ account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):server-certificate\(path)\(name)"
    }
    /// `url` without its `https://` scheme (host and path), as AWS names the provider (`http://` is
    /// stripped too: loopback issuers behind the test switch).
    public static func oidcProvider(_ account: String, url: String) -> String {
        let scheme = ["https://", "http://"].first { url.lowercased().hasPrefix($0) }
        let rest = url.dropFirst(scheme?.count ?? 0)
        return "arn:aws:iam::\(account):oidc-provider/\(rest)"
    }
    public static func samlProvider(_ account: String, name: String) -> String {
        "arn:aws:iam::\(account):saml-provider/\(name)"
    }
    public static func federatedUser(_ account: String, name: String) -> String {
        "arn:aws:sts::\(account):federated-user/\(name)"
    }

    /// AWS managed policies live in the pseudo-account `aws`.
    public static let awsManagedPrefix = "arn:aws:iam::aws:policy/"

    /// The account, path and name of a policy ARN (`arn:aws:iam::ACCT:policy/path/Name`).
    public static func parsePolicy(_ arn: String) -> (account: String, path: String, name: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty,
              parts[5].hasPrefix("policy/") else { return nil }
        let resource = parts[5].dropFirst("policy".count)  // "/path/Name"
        guard let slash = resource.lastIndex(of: "/") else { return nil }
        let name = String(resource[resource.index(after: slash)...])
        guard !name.isEmpty else { return nil }
        return (String(parts[4]), String(resource[...slash]), name)
    }
}

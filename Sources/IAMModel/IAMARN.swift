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

import IAMModel

/// An `IAMPasswordPolicy` from a GetAccountPasswordPolicy response, for the password rules shown
/// beside password forms.
enum PasswordPolicyReader {
    static func read(_ node: XMLNode) -> IAMPasswordPolicy {
        var policy = IAMPasswordPolicy()
        policy.minimumLength = Int(node.text("MinimumPasswordLength")) ?? 6
        policy.requireSymbols = node.text("RequireSymbols") == "true"
        policy.requireNumbers = node.text("RequireNumbers") == "true"
        policy.requireUppercase = node.text("RequireUppercaseCharacters") == "true"
        policy.requireLowercase = node.text("RequireLowercaseCharacters") == "true"
        policy.allowUsersToChangePassword = node.text("AllowUsersToChangePassword") == "true"
        policy.maxAgeDays = Int(node.text("MaxPasswordAge"))
        policy.reusePrevention = Int(node.text("PasswordReusePrevention"))
        policy.hardExpiry = node.text("HardExpiry") == "true"
        return policy
    }
}

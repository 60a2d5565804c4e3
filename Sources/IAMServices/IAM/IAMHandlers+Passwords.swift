import AWSQuery
import IAMModel
import IAMStorage

extension IAMHandlers {
    /// A password parameter: 1–128 characters of TAB, LF, CR and U+0020–U+00FF (botocore `passwordType`).
    func passwordParameter(_ p: QueryParameters, _ name: String) throws -> String {
        let value = try p.required(name)
        let field = AWSServiceError.lowerFirst(name)
        guard (1...128).contains(value.count) else {
            throw AWSServiceError.validationError(IAMNames.violation("***", at: field, "Member must have length between 1 and 128"))
        }
        guard value.unicodeScalars.allSatisfy({ $0 == "\t" || $0 == "\n" || $0 == "\r" || (0x20...0xFF).contains($0.value) }) else {
            throw AWSServiceError.validationError(IAMNames.violation("***", at: field,
                "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"))
        }
        return value
    }

    /// Checks a new password against the account policy and the user's history, then hashes it.
    func acceptablePasswordHash(_ password: String, userID: String, _ caller: Caller) async throws -> String {
        let policy = try await store.passwordPolicy(accountID: caller.accountID)
        if let policy, !policy.violations(of: password).isEmpty {
            throw AWSServiceError("PasswordPolicyViolation",
                                  "Password does not conform to the account password policy.", status: 400)
        }
        if let reuse = policy?.reusePrevention, reuse > 0 {
            for old in try await store.passwordHistory(userID: userID, limit: reuse)
            where await PasswordHasher.verify(password, hash: old) {
                throw AWSServiceError("PasswordPolicyViolation",
                                      "Password does not conform to the account password policy. Password was used recently.",
                                      status: 400)
            }
        }
        return await PasswordHasher.hash(password)
    }

    func loginProfileXML(_ profile: IAMLoginProfile, userName: String) -> String {
        write { xml in
            xml.open("LoginProfile")
            xml.element("UserName", userName)
            xml.timestamp("CreateDate", profile.createdAt)
            xml.element("PasswordResetRequired", profile.passwordResetRequired)
            xml.close("LoginProfile")
        }
    }

    func requireUser(_ p: QueryParameters, _ caller: Caller) async throws -> IAMUser {
        guard let user = try await targetUser(p, caller) else {
            throw AWSServiceError.validationError("Must specify userName when calling with non-User credentials")
        }
        return user
    }

    func createLoginProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        let password = try passwordParameter(p, "Password")
        if try await store.loginProfile(userID: user.id) != nil {
            throw AWSServiceError.entityAlreadyExists("Login Profile for user \(user.name) already exists.")
        }
        let hash = try await acceptablePasswordHash(password, userID: user.id, caller)
        let time = now()
        let profile = IAMLoginProfile(userID: user.id, passwordHash: hash, passwordResetRequired: try p.bool("PasswordResetRequired") ?? false,
                                      createdAt: time, passwordChangedAt: time)
        try await store.putLoginProfile(profile)
        try await store.addPasswordHistory(userID: user.id, hash: hash, at: time)
        return loginProfileXML(profile, userName: user.name)
    }

    func existingLoginProfile(_ user: IAMUser) async throws -> IAMLoginProfile {
        guard let profile = try await store.loginProfile(userID: user.id) else {
            throw AWSServiceError.noSuchEntity("Login Profile for User \(user.name) cannot be found.")
        }
        return profile
    }

    func getLoginProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        return loginProfileXML(try await existingLoginProfile(user), userName: user.name)
    }

    func updateLoginProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        var profile = try await existingLoginProfile(user)
        if p["Password"] != nil {
            let hash = try await acceptablePasswordHash(try passwordParameter(p, "Password"), userID: user.id, caller)
            profile.passwordHash = hash
            profile.passwordChangedAt = now()
            try await store.addPasswordHistory(userID: user.id, hash: hash, at: profile.passwordChangedAt)
        }
        if let reset = try p.bool("PasswordResetRequired") { profile.passwordResetRequired = reset }
        try await store.putLoginProfile(profile)
        return nil
    }

    func deleteLoginProfile(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        _ = try await existingLoginProfile(user)
        try await store.deleteLoginProfile(userID: user.id)
        return nil
    }

    func changePassword(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard let user = caller.user else {
            throw AWSServiceError("InvalidUserType", "Only IAM users can change their own password; use the root sign-in flow.", status: 400)
        }
        let old = try passwordParameter(p, "OldPassword")
        let new = try passwordParameter(p, "NewPassword")
        var profile = try await existingLoginProfile(user)
        guard await PasswordHasher.verify(old, hash: profile.passwordHash) else {
            throw AWSServiceError.invalidInput("The old password is incorrect.")
        }
        let hash = try await acceptablePasswordHash(new, userID: user.id, caller)
        profile.passwordHash = hash
        profile.passwordChangedAt = now()
        profile.passwordResetRequired = false
        try await store.putLoginProfile(profile)
        try await store.addPasswordHistory(userID: user.id, hash: hash, at: profile.passwordChangedAt)
        return nil
    }

    func updateAccountPasswordPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        func ranged(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value = try p.int(name) else { return nil }
            guard range.contains(value) else {
                let bound = value < range.lowerBound ? "greater than or equal to \(range.lowerBound)" : "less than or equal to \(range.upperBound)"
                throw AWSServiceError.validationError(IAMNames.violation(String(value), at: AWSServiceError.lowerFirst(name),
                                                                         "Member must have value \(bound)"))
            }
            return value
        }
        // A full replacement: every omitted field takes its default (iam-facts §4.7).
        var policy = IAMPasswordPolicy()
        policy.minimumLength = try ranged("MinimumPasswordLength", 6...128) ?? 6
        policy.requireSymbols = try p.bool("RequireSymbols") ?? false
        policy.requireNumbers = try p.bool("RequireNumbers") ?? false
        policy.requireUppercase = try p.bool("RequireUppercaseCharacters") ?? false
        policy.requireLowercase = try p.bool("RequireLowercaseCharacters") ?? false
        policy.allowUsersToChangePassword = try p.bool("AllowUsersToChangePassword") ?? false
        policy.maxAgeDays = try ranged("MaxPasswordAge", 1...1095)
        policy.reusePrevention = try ranged("PasswordReusePrevention", 1...24)
        policy.hardExpiry = try p.bool("HardExpiry") ?? false
        try await store.setPasswordPolicy(accountID: caller.accountID, policy)
        return nil
    }

    func existingPasswordPolicy(_ caller: Caller) async throws -> IAMPasswordPolicy {
        guard let policy = try await store.passwordPolicy(accountID: caller.accountID) else {
            throw AWSServiceError.noSuchEntity("The Password Policy with domain name \(caller.accountID) cannot be found.")
        }
        return policy
    }

    func getAccountPasswordPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let policy = try await existingPasswordPolicy(caller)
        return write { xml in
            xml.open("PasswordPolicy")
            xml.element("MinimumPasswordLength", policy.minimumLength)
            xml.element("RequireSymbols", policy.requireSymbols)
            xml.element("RequireNumbers", policy.requireNumbers)
            xml.element("RequireUppercaseCharacters", policy.requireUppercase)
            xml.element("RequireLowercaseCharacters", policy.requireLowercase)
            xml.element("AllowUsersToChangePassword", policy.allowUsersToChangePassword)
            xml.element("ExpirePasswords", (policy.maxAgeDays ?? 0) > 0)
            if let age = policy.maxAgeDays { xml.element("MaxPasswordAge", age) }
            if let reuse = policy.reusePrevention { xml.element("PasswordReusePrevention", reuse) }
            xml.element("HardExpiry", policy.hardExpiry)
            xml.close("PasswordPolicy")
        }
    }

    func deleteAccountPasswordPolicy(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        _ = try await existingPasswordPolicy(caller)
        try await store.setPasswordPolicy(accountID: caller.accountID, nil)
        return nil
    }
}

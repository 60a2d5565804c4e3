/// Deleting a user as the AWS console does: IAM refuses `DeleteUser` while anything is attached,
/// so the console first removes the password, keys, certificates, MFA devices, group memberships
/// and policies, each with its own API call, then deletes the user.
extension UserPages {
    func delete(_ name: String) async -> ConsoleResult {
        do {
            try await Self.deleteUser(page.client, name)
        } catch {
            return await detail(name, message: .failure(error))
        }
        return page.redirect("/console/iam/users", notice: "User \(name) deleted.")
    }

    static func deleteUser(_ client: ConsoleClient, _ name: String) async throws(ConsoleClient.Failure) {
        let user = [("UserName", name)]
        // The user must exist (and be visible) before anything is removed.
        let details = try await client.call(.iam, "GetUser", user)
        if try await client.optional("GetLoginProfile", user) != nil {
            try await client.call(.iam, "DeleteLoginProfile", user)
        }
        for key in try await client.all("ListAccessKeys", user, list: "AccessKeyMetadata") {
            try await client.call(.iam, "DeleteAccessKey", user + [("AccessKeyId", key.text("AccessKeyId"))])
        }
        for certificate in try await client.all("ListSigningCertificates", user, list: "Certificates") {
            try await client.call(.iam, "DeleteSigningCertificate", user + [("CertificateId", certificate.text("CertificateId"))])
        }
        for key in try await client.all("ListSSHPublicKeys", user, list: "SSHPublicKeys") {
            try await client.call(.iam, "DeleteSSHPublicKey", user + [("SSHPublicKeyId", key.text("SSHPublicKeyId"))])
        }
        let credentials = try await client.call(.iam, "ListServiceSpecificCredentials", user)
        for credential in credentials.list("ServiceSpecificCredentials") {
            try await client.call(.iam, "DeleteServiceSpecificCredential",
                                  user + [("ServiceSpecificCredentialId", credential.text("ServiceSpecificCredentialId"))])
        }
        for device in try await client.all("ListMFADevices", user, list: "MFADevices") {
            try await removeMFA(client, user: name, serial: device.text("SerialNumber"))
        }
        for group in try await client.all("ListGroupsForUser", user, list: "Groups") {
            try await client.call(.iam, "RemoveUserFromGroup", user + [("GroupName", group.text("GroupName"))])
        }
        for policy in try await client.all("ListAttachedUserPolicies", user, list: "AttachedPolicies") {
            try await client.call(.iam, "DetachUserPolicy", user + [("PolicyArn", policy.text("PolicyArn"))])
        }
        for policy in try await client.all("ListUserPolicies", user, list: "PolicyNames") {
            try await client.call(.iam, "DeleteUserPolicy", user + [("PolicyName", policy.text)])
        }
        if details.first("PermissionsBoundary") != nil {
            try await client.call(.iam, "DeleteUserPermissionsBoundary", user)
        }
        try await client.call(.iam, "DeleteUser", user)
    }
}

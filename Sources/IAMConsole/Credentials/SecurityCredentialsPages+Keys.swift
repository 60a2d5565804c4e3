import IAMModel
import IAMServices
/// Access keys, signing certificates, SSH public keys and service-specific credentials.
extension SecurityCredentialsPages {
    func accessKeyAction() async -> ConsoleResult {
        let id = page.request.field("id")
        do {
            switch page.request.field("op") {
            case "create":
                let created = try await page.client.call(.iam, "CreateAccessKey", me)
                let key = created.text("AccessKeyId"), secret = created.text("SecretAccessKey")
                var layout = page.layout("My security credentials", section: "home")
                layout.notice = "Access key created. This is the only time the secret access key can be viewed or downloaded."
                let fileName = (page.caller.user?.name ?? "rootkey") + "_accessKeys.csv"
                return await overview(layout: layout, newAccessKey: NewAccessKey(
                    id: key, secret: secret, csv: "Access key ID,Secret access key\n\(key),\(secret)\n", fileName: fileName))
            case "activate", "deactivate":
                let status = page.request.field("op") == "activate" ? "Active" : "Inactive"
                try await page.client.call(.iam, "UpdateAccessKey", me + [("AccessKeyId", id), ("Status", status)])
                return done("Access key \(id) is now \(status.lowercased()).")
            case "delete":
                try await page.client.call(.iam, "DeleteAccessKey", me + [("AccessKeyId", id)])
                return done("Access key \(id) was deleted.")
            default:
                return done("Unknown action.")
            }
        } catch {
            return await failed(error)
        }
    }

    func certificateAction() async -> ConsoleResult {
        let id = page.request.field("id")
        do {
            switch page.request.field("op") {
            case "upload":
                try await page.client.call(.iam, "UploadSigningCertificate", me + [("CertificateBody", page.request.field("body"))])
                return done("Signing certificate uploaded.")
            case "activate", "deactivate":
                let status = page.request.field("op") == "activate" ? "Active" : "Inactive"
                try await page.client.call(.iam, "UpdateSigningCertificate", me + [("CertificateId", id), ("Status", status)])
                return done("Signing certificate \(id) is now \(status.lowercased()).")
            case "delete":
                try await page.client.call(.iam, "DeleteSigningCertificate", me + [("CertificateId", id)])
                return done("Signing certificate \(id) was deleted.")
            default:
                return done("Unknown action.")
            }
        } catch {
            return await failed(error)
        }
    }

    func sshKeyAction() async -> ConsoleResult {
        let id = page.request.field("id")
        do {
            switch page.request.field("op") {
            case "upload":
                try await page.client.call(.iam, "UploadSSHPublicKey", me + [("SSHPublicKeyBody", page.request.field("body"))])
                return done("SSH public key uploaded.")
            case "activate", "deactivate":
                let status = page.request.field("op") == "activate" ? "Active" : "Inactive"
                try await page.client.call(.iam, "UpdateSSHPublicKey", me + [("SSHPublicKeyId", id), ("Status", status)])
                return done("SSH public key \(id) is now \(status.lowercased()).")
            case "delete":
                try await page.client.call(.iam, "DeleteSSHPublicKey", me + [("SSHPublicKeyId", id)])
                return done("SSH public key \(id) was deleted.")
            default:
                return done("Unknown action.")
            }
        } catch {
            return await failed(error)
        }
    }

    func serviceCredentialAction() async -> ConsoleResult {
        let id = page.request.field("id")
        do {
            switch page.request.field("op") {
            case "create", "reset":
                let created = page.request.field("op") == "create"
                    ? try await page.client.call(.iam, "CreateServiceSpecificCredential",
                                                 me + [("ServiceName", page.request.field("service"))])
                    : try await page.client.call(.iam, "ResetServiceSpecificCredential",
                                                 me + [("ServiceSpecificCredentialId", id)])
                var layout = page.layout("My security credentials", section: "home")
                layout.notice = "Credentials generated. This is the only time the password can be viewed."
                return await overview(layout: layout, newServiceCredential: NewServiceCredential(
                    serviceName: created.text("ServiceName"), userName: created.text("ServiceUserName"),
                    password: created.text("ServicePassword")))
            case "activate", "deactivate":
                let status = page.request.field("op") == "activate" ? "Active" : "Inactive"
                try await page.client.call(.iam, "UpdateServiceSpecificCredential",
                                           me + [("ServiceSpecificCredentialId", id), ("Status", status)])
                return done("Credential \(id) is now \(status.lowercased()).")
            case "delete":
                try await page.client.call(.iam, "DeleteServiceSpecificCredential", me + [("ServiceSpecificCredentialId", id)])
                return done("Credential \(id) was deleted.")
            default:
                return done("Unknown action.")
            }
        } catch {
            return await failed(error)
        }
    }
}

import IAMModel
import IAMServices
import Foundation

/// My security credentials (`/console/security-credentials`): the signed-in user's password,
/// MFA devices, access keys, signing certificates, SSH keys and service-specific credentials.
/// Each section is loaded with its own API call, so a policy that allows some and denies others
/// (Force_MFA without MFA) shows the allowed sections and the denial in the others.
struct SecurityCredentialsPages: Sendable {
    struct Section<Row: Sendable>: Sendable {
        var rows: [Row] = []
        var denial: String?
    }

    struct Model: Sendable {
        var layout: ConsoleLayout
        var userName: String
        var arn: String
        var isRoot: Bool
        var passwordRules: [String]
        var mfa = Section<MFADeviceRow>()
        var accessKeys = Section<AccessKeyRow>()
        var certificates = Section<CertificateRow>()
        var sshKeys = Section<SSHKeyRow>()
        var serviceCredentials = Section<ServiceCredentialRow>()
        /// A secret to show once, right after it was made.
        var newAccessKey: NewAccessKey?
        var newServiceCredential: NewServiceCredential?
    }

    struct MFADeviceRow: Sendable {
        var serialNumber: String
        var enabled: String
    }

    struct AccessKeyRow: Sendable {
        var id: String
        var status: String
        var active: Bool
        var created: String
        var lastUsed: String
    }

    struct CertificateRow: Sendable {
        var id: String
        var status: String
        var active: Bool
        var uploaded: String
    }

    struct SSHKeyRow: Sendable {
        var id: String
        var status: String
        var active: Bool
        var uploaded: String
        var fingerprint: String
    }

    struct ServiceCredentialRow: Sendable {
        var id: String
        var serviceName: String
        var serviceUserName: String
        var status: String
        var active: Bool
        var created: String
    }

    struct NewAccessKey: Sendable {
        var id: String
        var secret: String
        var csv: String
        var fileName: String
    }

    struct NewServiceCredential: Sendable {
        var serviceName: String
        var userName: String
        var password: String
    }

    let page: ConsolePage

    /// `UserName=<me>` for IAM users (the console names the user, as AWS's does); nothing for root.
    var me: [(String, String)] { page.caller.user.map { [("UserName", $0.name)] } ?? [] }

    func respond(_ path: [String]) async -> ConsoleResult {
        switch (page.request.method, path.first ?? "", path.dropFirst().first ?? "") {
        case (.get, "", _): return await overview(layout: page.layout("My security credentials", section: "home"))
        case (.post, "password", _): return await changePassword()
        case (.post, "access-keys", _): return await accessKeyAction()
        case (.get, "mfa", "assign"): return assignStart()
        case (.post, "mfa", "assign"): return await assignCreate()
        case (.post, "mfa", "enable"): return await assignEnable()
        case (.post, "mfa", "resync"): return await resync()
        case (.post, "mfa", "remove"): return await removeDevice()
        case (.post, "signing-certificates", _): return await certificateAction()
        case (.post, "ssh-keys", _): return await sshKeyAction()
        case (.post, "service-credentials", _): return await serviceCredentialAction()
        default:
            return .page("error", ErrorPage(layout: page.layout("Not found", section: "home"), heading: "Page not found",
                                            message: "There is no security credentials page at this address."), status: 404)
        }
    }

    /// The whole page; `layout` may already carry an error or notice from an action.
    func overview(layout: ConsoleLayout, status: Int = 200, newAccessKey: NewAccessKey? = nil,
                  newServiceCredential: NewServiceCredential? = nil) async -> ConsoleResult {
        var model = Model(layout: layout, userName: page.caller.user?.name ?? "root", arn: page.caller.arn,
                          isRoot: page.caller.isRoot, passwordRules: [])
        model.newAccessKey = newAccessKey
        model.newServiceCredential = newServiceCredential
        model.passwordRules = PasswordRules.describe(try? await page.client.call(.iam, "GetAccountPasswordPolicy")
            .first("PasswordPolicy").map(PasswordPolicyReader.read))
        model.mfa = await section("ListMFADevices", list: "MFADevices") { node in
            MFADeviceRow(serialNumber: node.text("SerialNumber"), enabled: Self.date(node.text("EnableDate")))
        }
        model.accessKeys = await section("ListAccessKeys", list: "AccessKeyMetadata") { node in
            AccessKeyRow(id: node.text("AccessKeyId"), status: node.text("Status"), active: node.text("Status") == "Active",
                         created: Self.date(node.text("CreateDate")), lastUsed: "")
        }
        for index in model.accessKeys.rows.indices {
            let id = model.accessKeys.rows[index].id
            let used = try? await page.client.call(.iam, "GetAccessKeyLastUsed", [("AccessKeyId", id)])
            let date = used?.text("LastUsedDate") ?? ""
            model.accessKeys.rows[index].lastUsed = date.isEmpty ? "Never" : "\(Self.date(date)) (\(used?.text("ServiceName") ?? ""))"
        }
        model.certificates = await section("ListSigningCertificates", list: "Certificates") { node in
            CertificateRow(id: node.text("CertificateId"), status: node.text("Status"), active: node.text("Status") == "Active",
                           uploaded: Self.date(node.text("UploadDate")))
        }
        if !page.caller.isRoot {
            model.sshKeys = await section("ListSSHPublicKeys", list: "SSHPublicKeys") { node in
                SSHKeyRow(id: node.text("SSHPublicKeyId"), status: node.text("Status"), active: node.text("Status") == "Active",
                          uploaded: Self.date(node.text("UploadDate")), fingerprint: "")
            }
            model.serviceCredentials = await section("ListServiceSpecificCredentials", list: "ServiceSpecificCredentials") { node in
                ServiceCredentialRow(id: node.text("ServiceSpecificCredentialId"), serviceName: node.text("ServiceName"),
                                     serviceUserName: node.text("ServiceUserName"), status: node.text("Status"),
                                     active: node.text("Status") == "Active", created: Self.date(node.text("CreateDate")))
            }
        }
        return .page("credentials", model, status: status)
    }

    func section<Row: Sendable>(_ action: String, list: String, _ row: (XMLNode) -> Row) async -> Section<Row> {
        do {
            let response = try await page.client.call(.iam, action, me)
            return Section(rows: response.list(list).map(row))
        } catch {
            return Section(denial: error.message)
        }
    }

    /// After a failed action: the page again, with the failure shown.
    func failed(_ failure: ConsoleClient.Failure) async -> ConsoleResult {
        var layout = page.layout("My security credentials", section: "home")
        layout.show(failure)
        return await overview(layout: layout, status: failure.isDenial ? 403 : 400)
    }

    func done(_ notice: String) -> ConsoleResult {
        page.redirect("/console/security-credentials", notice: notice)
    }

    func changePassword() async -> ConsoleResult {
        let new = page.request.field("new_password")
        guard new == page.request.field("confirm_password") else {
            return await failed(.init(code: "PasswordMismatch", message: "The new passwords do not match."))
        }
        do {
            try await page.client.call(.iam, "ChangePassword", [("OldPassword", page.request.field("old_password")),
                                                                 ("NewPassword", new)])
            return done("Your password was changed.")
        } catch {
            return await failed(error)
        }
    }

    /// `2026-11-29T06:54:45Z` as `2026-11-29 06:54 UTC`.
    static func date(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}

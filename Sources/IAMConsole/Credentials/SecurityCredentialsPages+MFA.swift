import IAMModel
import IAMServices
import Foundation

/// The "Assign MFA device" wizard, resync and remove.
extension SecurityCredentialsPages {
    struct AssignModel: Sendable {
        var layout: ConsoleLayout
        var step2: Bool
        var deviceName: String
        var serialNumber: String
        var qrPNG: String
        var secret: String
        var late: Bool
    }

    func assignLayout() -> ConsoleLayout { page.layout("Assign MFA device", section: "home") }

    func assignStart() -> ConsoleResult {
        .page("mfa-assign", AssignModel(layout: assignLayout(), step2: false, deviceName: page.caller.user?.name ?? "root-mfa",
                                        serialNumber: "", qrPNG: "", secret: "", late: false))
    }

    /// Step 1 → 2: CreateVirtualMFADevice, then the QR code and the secret, once.
    func assignCreate() async -> ConsoleResult {
        let name = page.request.field("device_name")
        var layout = assignLayout()
        // Back to step 1 and Next again in this session: the device made then is still waiting.
        // A store failure reads as "nothing pending": the wizard then creates the device, which fails visibly.
        if let pending = try? await page.pendingMFA.get(session: page.session.tokenHash,
                                                        serialNumber: "arn:aws:iam::\(page.caller.accountID):mfa/\(name)",
                                                        now: page.client.facts.time) {
            return .page("mfa-assign", model(pending, layout: layout, name: name, late: false))
        }
        do {
            let created = try await page.client.call(.iam, "CreateVirtualMFADevice", [("VirtualMFADeviceName", name)])
            let seed = Data(base64Encoded: created.text("Base32StringSeed")).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let pending = PendingMFADevices.Pending(serialNumber: created.text("SerialNumber"), base32Seed: seed,
                                                    qrPNGBase64: created.text("QRCodePNG"), createdAt: page.client.facts.time)
            // Without it the wizard still works, but a wrong code means starting over.
            try? await page.pendingMFA.put(pending, session: page.session.tokenHash)
            return .page("mfa-assign", model(pending, layout: layout, name: name, late: false))
        } catch {
            layout.show(error)
            return .page("mfa-assign", AssignModel(layout: layout, step2: false, deviceName: name, serialNumber: "", qrPNG: "",
                                                   secret: "", late: false), status: error.isDenial ? 403 : 400)
        }
    }

    func model(_ pending: PendingMFADevices.Pending, layout: ConsoleLayout, name: String, late: Bool) -> AssignModel {
        AssignModel(layout: layout, step2: true, deviceName: name, serialNumber: pending.serialNumber, qrPNG: pending.qrPNGBase64,
                    secret: pending.base32Seed, late: late)
    }

    /// Step 2: two consecutive codes → EnableMFADevice.
    func assignEnable() async -> ConsoleResult {
        let serial = page.request.field("serial")
        let code1 = page.request.field("code1"), code2 = page.request.field("code2")
        do {
            try await page.client.call(.iam, "EnableMFADevice", me + [("SerialNumber", serial), ("AuthenticationCode1", code1),
                                                                      ("AuthenticationCode2", code2)])
            // Left behind on failure, it expires with the wizard's lifetime.
            try? await page.pendingMFA.remove(session: page.session.tokenHash)
            return done("MFA device assigned. Sign out and sign in again with a code from the device to use MFA.")
        } catch {
            var layout = assignLayout()
            layout.show(error)
            guard let pending = try? await page.pendingMFA.get(session: page.session.tokenHash, serialNumber: serial,
                                                               now: page.client.facts.time) else {
                return await failed(error)
            }
            let name = serial.split(separator: "/").last.map(String.init) ?? ""
            return .page("mfa-assign", model(pending, layout: layout, name: name, late: error.code == "InvalidAuthenticationCode"),
                         status: error.isDenial ? 403 : 400)
        }
    }

    func resync() async -> ConsoleResult {
        do {
            try await page.client.call(.iam, "ResyncMFADevice", me + [("SerialNumber", page.request.field("serial")),
                                                                      ("AuthenticationCode1", page.request.field("code1")),
                                                                      ("AuthenticationCode2", page.request.field("code2"))])
            return done("The MFA device was resynchronized.")
        } catch {
            return await failed(error)
        }
    }

    /// Remove: deactivate, then delete the virtual device (as the AWS console does).
    func removeDevice() async -> ConsoleResult {
        let serial = page.request.field("serial")
        do {
            try await page.client.call(.iam, "DeactivateMFADevice", me + [("SerialNumber", serial)])
        } catch {
            return await failed(error)
        }
        do {
            try await page.client.call(.iam, "DeleteVirtualMFADevice", [("SerialNumber", serial)])
            return done("The MFA device was removed.")
        } catch {
            return done("The MFA device was deactivated, but it could not be deleted: \(error.message)")
        }
    }
}

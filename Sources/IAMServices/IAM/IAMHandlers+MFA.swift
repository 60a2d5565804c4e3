import AWSQuery
import Foundation
import IAMModel
import IAMOTP
import IAMQRCode
import IAMStorage

extension IAMHandlers {
    static let mfaDevicesPerUser = 8

    func existingMFADevice(_ serial: String, _ caller: Caller) async throws -> IAMMFADevice {
        guard let device = try await store.mfaDevice(serialNumber: serial), device.accountID == caller.accountID else {
            throw AWSServiceError.noSuchEntity("MFA Device with serial number \(serial) does not exist.")
        }
        return device
    }

    func serialNumber(_ p: QueryParameters) throws -> String {
        let serial = try p.required("SerialNumber")
        guard (9...256).contains(serial.count), serial.unicodeScalars.allSatisfy({ IAMNames.isSerialCharacter($0) }) else {
            throw AWSServiceError.validationError(IAMNames.violation(serial, at: "serialNumber",
                                                                     "Member must satisfy regular expression pattern: [\\w+=/:,.@-]+"))
        }
        return serial
    }

    func authenticationCode(_ p: QueryParameters, _ name: String) throws -> String {
        let code = try p.required(name)
        guard MFAVerifier.isCode(code) else {
            throw AWSServiceError.validationError(IAMNames.violation(code, at: AWSServiceError.lowerFirst(name),
                                                                     "Member must satisfy regular expression pattern: [\\d]+ and have length 6"))
        }
        return code
    }

    func createVirtualMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let name = try p.name("VirtualMFADeviceName", maxLength: 226)
        let path = try p.path()
        let tags = try p.tags()
        let serial = IAMARN.mfa(caller.accountID, path: path, name: name)
        guard try await store.mfaDevices(accountID: caller.accountID).count < IAMQuotas.users else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for VirtualMFADevicesPerAccount: \(IAMQuotas.users)")
        }
        let seed = Base32.encode(TOTP.generateSecret())
        let device = IAMMFADevice(serialNumber: serial, accountID: caller.accountID, name: name, path: path,
                                  sealedSeed: try box.seal(seed, boundTo: serial), createdAt: now(), tags: tags)
        do {
            try await store.createMFADevice(device)
        } catch StorageError.conflict {
            throw AWSServiceError.entityAlreadyExists("MFADevice entity at the same path and name already exists.")
        }
        let label = try await store.account(id: caller.accountID)?.alias ?? caller.accountID
        let uri = "otpauth://totp/Warden:\(PercentEncoding.encode(name))@\(PercentEncoding.encode(label))?secret=\(seed)&issuer=Warden"
        guard let png = QRCodePNG.png(for: uri) else { throw AWSServiceError.serviceFailure("The QR code could not be drawn.") }
        return write { xml in
            xml.open("VirtualMFADevice")
            xml.element("SerialNumber", serial)
            xml.element("Base32StringSeed", Data(seed.utf8).base64EncodedString())
            xml.element("QRCodePNG", Data(png).base64EncodedString())
            if !tags.isEmpty { xml.tags(tags) }
            xml.close("VirtualMFADevice")
        }
    }

    func enableMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let serial = try serialNumber(p)
        let code1 = try authenticationCode(p, "AuthenticationCode1")
        let code2 = try authenticationCode(p, "AuthenticationCode2")
        var device = try await existingMFADevice(serial, caller)
        if device.userID != nil { throw AWSServiceError.entityAlreadyExists("MFA Device is already in use.") }
        guard try await store.mfaDevices(userID: user.id).count < Self.mfaDevicesPerUser else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for MFADevicesPerUser: \(Self.mfaDevicesPerUser)")
        }
        let time = now()
        let (step, drift) = try await mfa.consecutive(device, code1, code2, userID: user.id, now: time)
        device.userID = user.id
        device.enabledAt = time
        device.lastUsedStep = step
        device.driftSteps = drift
        do {
            // Checked again inside the write: a concurrent EnableMFADevice (maybe on another node) may have won.
            try await store.assignMFADevice(device, limit: Self.mfaDevicesPerUser)
        } catch StorageError.conflict("mfa-device-in-use") {
            throw AWSServiceError.entityAlreadyExists("MFA Device is already in use.")
        } catch StorageError.conflict("mfa-step-used") {
            throw AWSServiceError("InvalidAuthenticationCode", "Authentication code for device is not valid.", status: 403)
        } catch StorageError.limitExceeded {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for MFADevicesPerUser: \(Self.mfaDevicesPerUser)")
        }
        return nil
    }

    func resyncMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let serial = try serialNumber(p)
        let code1 = try authenticationCode(p, "AuthenticationCode1")
        let code2 = try authenticationCode(p, "AuthenticationCode2")
        var device = try await existingMFADevice(serial, caller)
        guard device.userID == user.id else {
            throw AWSServiceError.noSuchEntity("MFA Device with serial number \(serial) is not assigned to user \(user.name).")
        }
        let (step, drift) = try await mfa.consecutive(device, code1, code2, userID: user.id, now: now())
        device.lastUsedStep = step
        device.driftSteps = drift
        try await store.updateMFADevice(device)
        return nil
    }

    func deactivateMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        let serial = try serialNumber(p)
        var device = try await existingMFADevice(serial, caller)
        guard device.userID == user.id else {
            throw AWSServiceError.noSuchEntity("MFA Device with serial number \(serial) is not assigned to user \(user.name).")
        }
        device.userID = nil
        device.enabledAt = nil
        device.driftSteps = 0
        try await store.updateMFADevice(device)
        return nil
    }

    func deleteVirtualMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let serial = try serialNumber(p)
        guard let device = try await store.mfaDevice(serialNumber: serial), device.accountID == caller.accountID else {
            throw AWSServiceError.noSuchEntity("VirtualMFADevice with serial number \(serial) doesn't exist.")
        }
        if device.userID != nil { throw AWSServiceError.deleteConflict("MFA device is still in use.") }
        try await store.deleteMFADevice(serialNumber: serial)
        return nil
    }

    func getMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await requireUser(p, caller)
        let device = try await existingMFADevice(try serialNumber(p), caller)
        guard device.userID == user.id else {
            throw AWSServiceError.noSuchEntity("MFA Device with serial number \(device.serialNumber) is not assigned to user \(user.name).")
        }
        return write { xml in
            xml.element("UserName", user.name)
            xml.element("SerialNumber", device.serialNumber)
            if let enabled = device.enabledAt { xml.timestamp("EnableDate", enabled) }
        }
    }

    func listMFADevices(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard let user = try await targetUser(p, caller) else {
            return write { xml in
                xml.list("MFADevices", [IAMMFADevice]()) { _, _ in }
                xml.element("IsTruncated", false)
            }
        }
        let page = try Paginator.page(try await store.mfaDevices(userID: user.id), marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("MFADevices", page.items) { xml, device in
                xml.element("UserName", user.name)
                xml.element("SerialNumber", device.serialNumber)
                xml.timestamp("EnableDate", device.enabledAt ?? device.createdAt)
            }
            xml.pagination(page)
        }
    }

    func listVirtualMFADevices(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let status = p["AssignmentStatus"] ?? "Any"
        guard ["Assigned", "Unassigned", "Any"].contains(status) else {
            throw AWSServiceError.validationError(IAMNames.violation(status, at: "assignmentStatus",
                                                                     "Member must satisfy enum value set: [Assigned, Unassigned, Any]"))
        }
        let devices = try await store.mfaDevices(accountID: caller.accountID).filter { device in
            status == "Any" || (status == "Assigned") == (device.userID != nil)
        }
        let page = try Paginator.page(devices, marker: p["Marker"], maxItems: try maxItems(p))
        var users: [String: IAMUser] = [:]
        for device in page.items {
            if let id = device.userID, users[id] == nil { users[id] = try await store.user(id: id) }
        }
        return write { xml in
            xml.list("VirtualMFADevices", page.items) { xml, device in
                xml.element("SerialNumber", device.serialNumber)
                if let id = device.userID, let user = users[id] { xml.user(user, withTags: false) }
                if let enabled = device.enabledAt { xml.timestamp("EnableDate", enabled) }
            }
            xml.pagination(page)
        }
    }

    func tagMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let device = try await existingMFADevice(try serialNumber(p), caller)
        try await store.setMFADeviceTags(serialNumber: device.serialNumber, tags: try Self.merge(device.tags, with: try p.tags()))
        return nil
    }

    func untagMFADevice(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let device = try await existingMFADevice(try serialNumber(p), caller)
        let remove = try p.tagKeys()
        try await store.setMFADeviceTags(serialNumber: device.serialNumber,
                                         tags: IAMHandlers.removing(remove, from: device.tags))
        return nil
    }

    func listMFADeviceTags(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let device = try await existingMFADevice(try serialNumber(p), caller)
        let page = try Paginator.page(device.tags, marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.tags(Array(page.items))
            xml.pagination(page)
        }
    }
}

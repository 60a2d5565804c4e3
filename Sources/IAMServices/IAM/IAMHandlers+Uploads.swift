import AWSQuery
import IAMKeyFormats
import IAMModel
import IAMStorage

extension IAMHandlers {
    static let sshKeysPerUser = 5

    func statusParameter(_ p: QueryParameters) throws -> IAMAccessKeyStatus {
        let text = try p.required("Status")
        guard let status = IAMAccessKeyStatus(rawValue: text) else {
            throw AWSServiceError.validationError(IAMNames.violation(text, at: "status", "Member must satisfy enum value set: [Active, Inactive]"))
        }
        return status
    }

    // MARK: Signing certificates

    func uploadSigningCertificate(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await targetUser(p, caller)
        let body = try p.required("CertificateBody")
        guard (1...16_384).contains(body.count) else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: "certificateBody", "Member must have length between 1 and 16384"))
        }
        let info: SigningCertificateInfo
        switch SigningCertificate.parse(body, now: now()) {
        case .success(let parsed): info = parsed
        case .failure(.malformed(let why)): throw AWSServiceError("MalformedCertificate", "Certificate is not valid: \(why)", status: 400)
        case .failure(.invalid(let why)): throw AWSServiceError("InvalidCertificate", "Certificate is not valid: \(why)", status: 400)
        }
        guard try await store.signingCertificates(accountID: caller.accountID, userID: user?.id).count < IAMQuotas.signingCertificatesPerUser else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for CertificatesPerUser: \(IAMQuotas.signingCertificatesPerUser)")
        }
        var rng = SystemRandomNumberGenerator()
        let certificate = IAMSigningCertificate(id: IAMIdentifiers.uniqueID("ASCA", using: &rng) + IAMIdentifiers.uniqueID("", using: &rng),
                                                accountID: caller.accountID, userID: user?.id, body: info.normalizedPEM,
                                                fingerprint: info.derSHA256, status: .active, uploadedAt: now())
        do {
            try await store.createSigningCertificate(certificate)
        } catch StorageError.conflict {
            throw AWSServiceError("DuplicateCertificate", "The request was rejected because the same certificate is associated with an IAM user in the account.", status: 409)
        }
        return write { xml in
            xml.open("Certificate")
            certificateFields(&xml, certificate, userName: user?.name ?? caller.accountID)
            xml.close("Certificate")
        }
    }

    func certificateFields(_ xml: inout XMLWriter, _ certificate: IAMSigningCertificate, userName: String) {
        xml.element("UserName", userName)
        xml.element("CertificateId", certificate.id)
        xml.element("CertificateBody", certificate.body)
        xml.element("Status", certificate.status.rawValue)
        xml.timestamp("UploadDate", certificate.uploadedAt)
    }

    func listSigningCertificates(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await targetUser(p, caller)
        let page = try Paginator.page(try await store.signingCertificates(accountID: caller.accountID, userID: user?.id),
                                      marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("Certificates", page.items) { certificateFields(&$0, $1, userName: user?.name ?? caller.accountID) }
            xml.pagination(page)
        }
    }

    func ownedCertificate(_ p: QueryParameters, _ caller: Caller) async throws -> IAMSigningCertificate {
        let user = try await targetUser(p, caller)
        let id = try p.required("CertificateId")
        guard let certificate = try await store.signingCertificates(accountID: caller.accountID, userID: user?.id).first(where: { $0.id == id }) else {
            throw AWSServiceError.noSuchEntity("The Certificate with id \(id) cannot be found.")
        }
        return certificate
    }

    func updateSigningCertificate(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await ownedCertificate(p, caller)
        try await store.setSigningCertificateStatus(id: certificate.id, status: try statusParameter(p))
        return nil
    }

    func deleteSigningCertificate(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let certificate = try await ownedCertificate(p, caller)
        try await store.deleteSigningCertificate(id: certificate.id)
        return nil
    }

    // MARK: SSH public keys

    func uploadSSHPublicKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let body = try p.required("SSHPublicKeyBody")
        guard (1...16_384).contains(body.count) else {
            throw AWSServiceError.validationError(IAMNames.violation("...", at: "sSHPublicKeyBody", "Member must have length between 1 and 16384"))
        }
        let info: SSHPublicKeyInfo
        switch SSHPublicKey.parse(body) {
        case .success(let parsed): info = parsed
        case .failure(.unrecognizedEncoding(let why)):
            throw AWSServiceError("UnrecognizedPublicKeyEncoding", "The public key encoding is not recognized: \(why)", status: 400)
        case .failure(.invalid(let why)):
            throw AWSServiceError("InvalidPublicKey", "The public key is not valid: \(why)", status: 400)
        }
        let existing = try await store.sshPublicKeys(userID: user.id)
        if existing.contains(where: { $0.fingerprint == info.fingerprint }) {
            throw AWSServiceError("DuplicateSSHPublicKey", "The public key is already associated with this user.", status: 400)
        }
        guard existing.count < Self.sshKeysPerUser else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for PublicKeysPerUser: \(Self.sshKeysPerUser)")
        }
        var rng = SystemRandomNumberGenerator()
        let key = IAMSSHPublicKey(id: IAMIdentifiers.uniqueID("APKA", using: &rng), userID: user.id, sshBody: info.sshEncoding,
                                  pemBody: info.pemEncoding, fingerprint: info.fingerprint, status: .active, uploadedAt: now())
        do {
            try await store.createSSHPublicKey(key)
        } catch StorageError.conflict {
            throw AWSServiceError("DuplicateSSHPublicKey", "The public key is already associated with this user.", status: 400)
        }
        return write { xml in sshKey(&xml, key, userName: user.name, encoding: "SSH") }
    }

    func sshKey(_ xml: inout XMLWriter, _ key: IAMSSHPublicKey, userName: String, encoding: String) {
        xml.open("SSHPublicKey")
        xml.element("UserName", userName)
        xml.element("SSHPublicKeyId", key.id)
        xml.element("Fingerprint", key.fingerprint)
        xml.element("SSHPublicKeyBody", encoding == "PEM" ? key.pemBody : key.sshBody)
        xml.element("Status", key.status.rawValue)
        xml.timestamp("UploadDate", key.uploadedAt)
        xml.close("SSHPublicKey")
    }

    func ownedSSHKey(_ p: QueryParameters, _ caller: Caller) async throws -> (IAMSSHPublicKey, IAMUser) {
        let user = try await existingUser(try p.name("UserName", maxLength: 64), caller)
        let id = try p.required("SSHPublicKeyId")
        guard let key = try await store.sshPublicKeys(userID: user.id).first(where: { $0.id == id }) else {
            throw AWSServiceError.noSuchEntity("The Public Key with id \(id) cannot be found.")
        }
        return (key, user)
    }

    func getSSHPublicKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let (key, user) = try await ownedSSHKey(p, caller)
        let encoding = try p.required("Encoding")
        guard encoding == "SSH" || encoding == "PEM" else {
            throw AWSServiceError.validationError(IAMNames.violation(encoding, at: "encoding", "Member must satisfy enum value set: [SSH, PEM]"))
        }
        return write { xml in sshKey(&xml, key, userName: user.name, encoding: encoding) }
    }

    func listSSHPublicKeys(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        guard let user = try await targetUser(p, caller) else {
            return write { xml in
                xml.list("SSHPublicKeys", [IAMSSHPublicKey]()) { _, _ in }
                xml.element("IsTruncated", false)
            }
        }
        let page = try Paginator.page(try await store.sshPublicKeys(userID: user.id), marker: p["Marker"], maxItems: try maxItems(p))
        return write { xml in
            xml.list("SSHPublicKeys", page.items) { xml, key in
                xml.element("UserName", user.name)
                xml.element("SSHPublicKeyId", key.id)
                xml.element("Status", key.status.rawValue)
                xml.timestamp("UploadDate", key.uploadedAt)
            }
            xml.pagination(page)
        }
    }

    func updateSSHPublicKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let (key, _) = try await ownedSSHKey(p, caller)
        try await store.setSSHPublicKeyStatus(id: key.id, status: try statusParameter(p))
        return nil
    }

    func deleteSSHPublicKey(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let (key, _) = try await ownedSSHKey(p, caller)
        try await store.deleteSSHPublicKey(id: key.id)
        return nil
    }
}

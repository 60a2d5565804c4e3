public import IAMModel

/// Passwords and the account password policy.
public protocol PasswordRepository: Sendable {
    func loginProfile(userID: String) async throws -> IAMLoginProfile?
    /// Inserts or replaces the user's login profile.
    func putLoginProfile(_ profile: IAMLoginProfile) async throws
    func deleteLoginProfile(userID: String) async throws
    /// Earlier password hashes, newest first.
    func passwordHistory(userID: String, limit: Int) async throws -> [String]
    func addPasswordHistory(userID: String, hash: String, at time: Int64) async throws
    func recordPasswordUse(userID: String, at time: Int64) async throws
    func passwordPolicy(accountID: String) async throws -> IAMPasswordPolicy?
    func setPasswordPolicy(accountID: String, _ policy: IAMPasswordPolicy?) async throws
}

/// Virtual MFA devices.
public protocol MFARepository: Sendable {
    /// `conflict("mfa-device")` when the serial number exists.
    func createMFADevice(_ device: IAMMFADevice) async throws
    func mfaDevice(serialNumber: String) async throws -> IAMMFADevice?
    func mfaDevices(accountID: String) async throws -> [IAMMFADevice]
    func mfaDevices(userID: String) async throws -> [IAMMFADevice]
    /// Saves assignment, enable date, last used step and drift.
    func updateMFADevice(_ device: IAMMFADevice) async throws
    /// EnableMFADevice's write, all in one transaction: the device must still be unassigned
    /// (`conflict("mfa-device-in-use")`), the user below `limit` devices (`limitExceeded("mfa-devices-per-user")`),
    /// and the accepted code's step newer than any used (`conflict("mfa-step-used")`).
    func assignMFADevice(_ device: IAMMFADevice, limit: Int) async throws
    /// Accepts `step` for the device only if it is newer than the last accepted one (replay
    /// protection, atomically); returns whether it was accepted.
    func consumeMFAStep(serialNumber: String, step: Int64) async throws -> Bool
    func deleteMFADevice(serialNumber: String) async throws
    func setMFADeviceTags(serialNumber: String, tags: [IAMTag]) async throws
}

/// Signing certificates, SSH public keys and service-specific credentials.
public protocol UploadedCredentialRepository: Sendable {
    /// `conflict("certificate")` when the same certificate is on any user of the account.
    func createSigningCertificate(_ certificate: IAMSigningCertificate) async throws
    func signingCertificates(accountID: String, userID: String?) async throws -> [IAMSigningCertificate]
    func setSigningCertificateStatus(id: String, status: IAMAccessKeyStatus) async throws
    func deleteSigningCertificate(id: String) async throws

    /// `conflict("ssh-key")` when the user already has that key.
    func createSSHPublicKey(_ key: IAMSSHPublicKey) async throws
    func sshPublicKeys(userID: String) async throws -> [IAMSSHPublicKey]
    func setSSHPublicKeyStatus(id: String, status: IAMAccessKeyStatus) async throws
    func deleteSSHPublicKey(id: String) async throws

    func createServiceSpecificCredential(_ credential: IAMServiceSpecificCredential) async throws
    func serviceSpecificCredentials(userID: String) async throws -> [IAMServiceSpecificCredential]
    func updateServiceSpecificCredential(_ credential: IAMServiceSpecificCredential) async throws
    func deleteServiceSpecificCredential(id: String) async throws
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Crypto
import CryptoExtras
import SwiftASN1
import X509

/// Checks X.509 signing certificates uploaded with UploadSigningCertificate (IAM facts §4.9).
public enum SigningCertificate {
    /// The `certificateBodyType` length limit in the IAM model.
    public static let maximumBodyLength = 16_384
    static let pemLabel = "CERTIFICATE"

    /// Parses a PEM X.509 certificate body (1–16,384 characters) and checks it against `now` (epoch seconds; no clock
    /// here).
    ///
    /// The body must hold exactly one `CERTIFICATE` block; explanatory text around it (as `openssl x509 -text` prints)
    /// is ignored. The certificate is accepted if it is valid at `now` (`notValidBefore ≤ now ≤ notValidAfter`) and its
    /// key is RSA of at least 2048 bits or EC on P-256, P-384 or P-521. The signature is not verified: IAM signing
    /// certificates are usually self-signed and no issuer is known.
    public static func parse(_ body: String, now: Int64) -> Result<SigningCertificateInfo, SigningCertificateError> {
        let length = body.unicodeScalars.count
        guard length >= 1 else { return .failure(.malformed("the certificate body is empty")) }
        guard length <= maximumBodyLength else {
            return .failure(.malformed("the certificate body is longer than \(maximumBodyLength) characters"))
        }
        switch singleBlock(in: body) {
        case .failure(let error): return .failure(error)
        case .success(let der): return check(der: der, now: now)
        }
    }

    /// The DER of the body's only PEM block, which must be labelled `CERTIFICATE`.
    static func singleBlock(in body: String) -> Result<[UInt8], SigningCertificateError> {
        let blocks: [PEMArmor.Block]
        switch PEMArmor.blocks(in: body) {
        case .failure(let failure): return .failure(.malformed(failure.description))
        case .success(let found): blocks = found
        }
        guard let block = blocks.first else {
            return .failure(.malformed("the body is not a PEM `\(pemLabel)` block"))
        }
        guard blocks.count == 1 else {
            return .failure(.malformed("the body holds \(blocks.count) PEM blocks; exactly one is allowed"))
        }
        guard block.label == pemLabel else {
            return .failure(.malformed("the PEM block is `\(block.label)`, not `\(pemLabel)`"))
        }
        return .success(block.der)
    }

    /// Parses `der` as X.509 and applies the key and validity-period rules.
    static func check(der: [UInt8], now: Int64) -> Result<SigningCertificateInfo, SigningCertificateError> {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            // X509 refuses certificates it cannot use (short RSA keys, other key or signature algorithms) as well as
            // broken ones; the probe tells the first kind apart so it is reported as invalid, not malformed.
            if let reason = SigningCertificateProbe.unsupportedFeature(in: der) {
                return .failure(.invalid(reason))
            }
            return .failure(.malformed("the certificate is not valid DER-encoded X.509"))
        }
        guard isSupported(certificate.publicKey) else {
            return .failure(.invalid("the certificate key type is not supported; only RSA and EC keys are"))
        }
        guard let notBefore = epochSeconds(certificate.notValidBefore),
            let notAfter = epochSeconds(certificate.notValidAfter)
        else { return .failure(.malformed("the certificate validity period is out of range")) }
        guard now >= notBefore else {
            // AWS reports certificates outside their validity period as malformed ("malformed or expired").
            return .failure(.malformed("the certificate is not valid until epoch second \(notBefore)"))
        }
        guard now <= notAfter else {
            return .failure(.malformed("the certificate expired at epoch second \(notAfter)"))
        }
        return .success(
            SigningCertificateInfo(
                normalizedPEM: PEMArmor.encode(label: pemLabel, der: der),
                derSHA256: Array(SHA256.hash(data: der)),
                notValidBefore: notBefore,
                notValidAfter: notAfter
            ))
    }

    /// RSA (X509 only loads keys of 2048 bits or more) or one of the NIST curves; not Ed25519.
    static func isSupported(_ key: Certificate.PublicKey) -> Bool {
        _RSA.Signing.PublicKey(key) != nil || P256.Signing.PublicKey(key) != nil
            || P384.Signing.PublicKey(key) != nil || P521.Signing.PublicKey(key) != nil
    }

    /// Whole seconds since the epoch, rounded down; nil if the date does not fit.
    static func epochSeconds(_ date: Date) -> Int64? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e15 else { return nil }
        return Int64(exactly: seconds)
    }
}

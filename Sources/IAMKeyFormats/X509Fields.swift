import SwiftASN1

/// The parts of an X.509 certificate that server-certificate checks need, read straight from the DER with SwiftASN1
/// (RFC 5280 §4.1) rather than through swift-certificates, which refuses RSA keys under 2048 bits that IAM accepts
/// for server certificates.
///
/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }`;
/// `TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber INTEGER, signature AlgorithmIdentifier, issuer
/// Name, validity Validity, subject Name, subjectPublicKeyInfo SubjectPublicKeyInfo, ... }`.
struct X509Fields {
    /// The whole certificate.
    var der: [UInt8]
    /// The DER of `tbsCertificate`, the bytes the issuer signed.
    var signedBytes: [UInt8]
    /// The outer `signatureAlgorithm`.
    var signatureAlgorithm: ASN1ObjectIdentifier
    /// The contents of `signatureValue` (whole octets; certificates never pad signatures).
    var signature: [UInt8]
    /// The DER of the issuer and subject `Name`s, compared byte for byte to link a chain.
    var issuer: [UInt8]
    var subject: [UInt8]
    /// The validity period in seconds since 1970-01-01T00:00:00Z, both ends inclusive.
    var notValidBefore: Int64
    var notValidAfter: Int64
    /// The DER of `subjectPublicKeyInfo`, its algorithm, the algorithm's OID parameter (the curve of an EC key) and
    /// the key bits.
    var publicKeyInfo: [UInt8]
    var keyAlgorithm: ASN1ObjectIdentifier
    var keyParameter: ASN1ObjectIdentifier?
    var keyBits: [UInt8]

    /// Reads `der`; nil when it is not a certificate with this skeleton.
    init?(der: [UInt8]) {
        guard let root = try? DER.parse(der), root.encodedBytes.count == der.count, let parts = root.sequenceElements,
            parts.count == 3, let tbs = parts[0].sequenceElements, let outer = Self.algorithm(parts[1]),
            let signatureBits = try? ASN1BitString(derEncoded: parts[2]), signatureBits.paddingBits == 0
        else { return nil }
        var fields = tbs[...]
        if let first = fields.first, first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            fields = fields.dropFirst()
        }
        guard fields.count >= 6 else { return nil }
        let start = fields.startIndex
        guard fields[start].identifier == .integer, Self.algorithm(fields[start + 1]) != nil,
            fields[start + 2].identifier == .sequence, fields[start + 4].identifier == .sequence,
            let validity = fields[start + 3].sequenceElements, validity.count == 2,
            let notBefore = Self.epochSeconds(validity[0]), let notAfter = Self.epochSeconds(validity[1]),
            let spki = fields[start + 5].sequenceElements, spki.count == 2,
            let keyAlgorithm = spki[0].sequenceElements, let keyOID = Self.oid(keyAlgorithm.first),
            let keyBits = try? ASN1BitString(derEncoded: spki[1]), keyBits.paddingBits == 0
        else { return nil }
        self.der = der
        signedBytes = Array(parts[0].encodedBytes)
        signatureAlgorithm = outer
        signature = Array(signatureBits.bytes)
        issuer = Array(fields[start + 2].encodedBytes)
        subject = Array(fields[start + 4].encodedBytes)
        notValidBefore = notBefore
        notValidAfter = notAfter
        publicKeyInfo = Array(fields[start + 5].encodedBytes)
        self.keyAlgorithm = keyOID
        keyParameter = Self.oid(keyAlgorithm.dropFirst().first)
        self.keyBits = Array(keyBits.bytes)
    }

    /// The OID of an `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
    static func algorithm(_ node: ASN1Node) -> ASN1ObjectIdentifier? {
        node.sequenceElements.flatMap { oid($0.first) }
    }

    static func oid(_ node: ASN1Node?) -> ASN1ObjectIdentifier? {
        guard let node, node.identifier == .objectIdentifier else { return nil }
        return try? ASN1ObjectIdentifier(derEncoded: node)
    }

    /// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` as seconds since the epoch (fractions of a
    /// second dropped).
    static func epochSeconds(_ node: ASN1Node) -> Int64? {
        if node.identifier == .utcTime, let time = try? UTCTime(derEncoded: node) {
            return civilSeconds(year: time.year, month: time.month, day: time.day, hours: time.hours,
                                minutes: time.minutes, seconds: time.seconds)
        }
        if node.identifier == .generalizedTime, let time = try? GeneralizedTime(derEncoded: node) {
            return civilSeconds(year: time.year, month: time.month, day: time.day, hours: time.hours,
                                minutes: time.minutes, seconds: time.seconds)
        }
        return nil
    }

    /// Seconds since 1970-01-01T00:00:00Z of a proleptic Gregorian UTC date and time (Howard Hinnant's
    /// `days_from_civil`). Leap seconds (`:60`) count as the next second.
    static func civilSeconds(year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hours) * 3_600 + Int64(minutes) * 60 + Int64(seconds)
    }
}

import SwiftASN1

extension RSAPublicNumbers {
    /// Reads a PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 §A.1.1).
    /// Nil unless `der` is exactly that, in DER, with non-negative integers.
    init?(pkcs1DER der: ArraySlice<UInt8>) {
        guard let node = try? DER.parse(der), let fields = node.sequenceElements, fields.count == 2,
            let modulus = try? ArraySlice<UInt8>(derEncoded: fields[0]),
            let exponent = try? ArraySlice<UInt8>(derEncoded: fields[1])
        else { return nil }
        self.init(modulus: modulus, exponent: exponent)
    }
}

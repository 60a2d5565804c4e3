import AWSQuery
import IAMModel

/// The server certificate output shapes, in the order botocore's model lists their members.
extension XMLWriter {
    /// `ServerCertificateMetadata` (Path, ServerCertificateName, ServerCertificateId, Arn, UploadDate, Expiration).
    mutating func serverCertificateMetadata(_ certificate: IAMServerCertificate) {
        open("ServerCertificateMetadata")
        serverCertificateMetadataFields(certificate)
        close("ServerCertificateMetadata")
    }

    mutating func serverCertificateMetadataFields(_ certificate: IAMServerCertificate) {
        element("Path", certificate.path)
        element("ServerCertificateName", certificate.name)
        element("ServerCertificateId", certificate.id)
        element("Arn", certificate.arn)
        timestamp("UploadDate", certificate.uploadedAt)
        timestamp("Expiration", certificate.expiresAt)
    }
}

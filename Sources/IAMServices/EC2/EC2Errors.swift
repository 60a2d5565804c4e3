/// EC2's error codes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
/// EC2 reports client errors with HTTP 400 except where noted.
extension AWSServiceError {
    static func ec2(_ code: String, _ message: String, status: Int = 400) -> AWSServiceError {
        AWSServiceError(code, message, status: status)
    }

    static func invalidParameterValue(_ message: String) -> AWSServiceError { .ec2("InvalidParameterValue", message) }
    static func ec2MissingParameter(_ name: String) -> AWSServiceError {
        .ec2("MissingParameter", "The request must contain the parameter \(name)")
    }
    static func unauthorizedOperation(_ encoded: String) -> AWSServiceError {
        .ec2("UnauthorizedOperation",
             "You are not authorized to perform this operation. Encoded authorization failure message: \(encoded)", status: 403)
    }
    static func dryRunOperation() -> AWSServiceError {
        .ec2("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", status: 412)
    }
}

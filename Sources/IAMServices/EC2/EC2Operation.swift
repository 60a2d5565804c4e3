/// The EC2 operations Warden serves (botocore `ec2/2016-11-15`, protocol `ec2`).
public enum EC2Operation: String, Sendable, CaseIterable {
    case describeRegions = "DescribeRegions", describeAvailabilityZones = "DescribeAvailabilityZones"
    case describeImages = "DescribeImages", describeVpcs = "DescribeVpcs", describeSubnets = "DescribeSubnets"
    case runInstances = "RunInstances", describeInstances = "DescribeInstances"
    case describeInstanceStatus = "DescribeInstanceStatus", startInstances = "StartInstances"
    case stopInstances = "StopInstances", rebootInstances = "RebootInstances", terminateInstances = "TerminateInstances"
    case createTags = "CreateTags", deleteTags = "DeleteTags", describeTags = "DescribeTags"
    case createKeyPair = "CreateKeyPair", importKeyPair = "ImportKeyPair", describeKeyPairs = "DescribeKeyPairs"
    case deleteKeyPair = "DeleteKeyPair"
    case createSecurityGroup = "CreateSecurityGroup", describeSecurityGroups = "DescribeSecurityGroups"
    case authorizeSecurityGroupIngress = "AuthorizeSecurityGroupIngress"
    case authorizeSecurityGroupEgress = "AuthorizeSecurityGroupEgress"
    case revokeSecurityGroupIngress = "RevokeSecurityGroupIngress"
    case revokeSecurityGroupEgress = "RevokeSecurityGroupEgress", deleteSecurityGroup = "DeleteSecurityGroup"

    public static let namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"

    /// The IAM action the operation is authorized as.
    var action: String { "ec2:" + rawValue }
}

/// The global condition keys (`aws:` and the few service-prefixed keys AWS lists among them) with
/// their types, from AWS's "global condition context keys" page (iam-facts §3 for the ones the
/// tutorial uses). `${TagKey}` stands for any tag key. The action catalog adds the `aws:` keys
/// services list (`aws:RequestTag/${TagKey}`, `aws:TagKeys`), which agree with these.
enum GlobalConditionKeys {
    static let all: [(key: String, types: [ConditionKeyType])] = [
        // Properties of the principal.
        ("aws:PrincipalArn", [.arn]),
        ("aws:PrincipalAccount", [.string]),
        ("aws:PrincipalOrgID", [.string]),
        ("aws:PrincipalOrgPaths", [.arrayOfString]),
        ("aws:PrincipalTag/${TagKey}", [.string]),
        ("aws:PrincipalIsAWSService", [.bool]),
        ("aws:PrincipalServiceName", [.string]),
        ("aws:PrincipalServiceNamesList", [.arrayOfString]),
        ("aws:PrincipalType", [.string]),
        ("aws:userid", [.string]),
        ("aws:username", [.string]),
        // Properties of a role session.
        ("aws:AssumedRoot", [.bool]),
        ("aws:FederatedProvider", [.string]),
        ("aws:TokenIssueTime", [.date]),
        ("aws:MultiFactorAuthAge", [.numeric]),
        ("aws:MultiFactorAuthPresent", [.bool]),
        ("aws:ChatbotSourceArn", [.arn]),
        ("aws:Ec2InstanceSourceVpc", [.string]),
        ("aws:Ec2InstanceSourcePrivateIPv4", [.ipAddress]),
        ("aws:SourceIdentity", [.string]),
        ("ec2:RoleDelivery", [.numeric]),
        ("ec2:SourceInstanceArn", [.arn]),
        ("glue:RoleAssumedBy", [.string]),
        ("glue:CredentialIssuingService", [.string]),
        ("lambda:SourceFunctionArn", [.arn]),
        ("ssm:SourceInstanceArn", [.arn]),
        ("identitystore:UserId", [.string]),
        // Properties of the network.
        ("aws:SourceIp", [.ipAddress]),
        ("aws:SourceVpc", [.string]),
        ("aws:SourceVpcArn", [.arn]),
        ("aws:SourceVpce", [.string]),
        ("aws:VpceAccount", [.string]),
        ("aws:VpceOrgID", [.string]),
        ("aws:VpceOrgPaths", [.arrayOfString]),
        ("aws:VpcSourceIp", [.ipAddress]),
        // Properties of the resource.
        ("aws:ResourceAccount", [.string]),
        ("aws:ResourceOrgID", [.string]),
        ("aws:ResourceOrgPaths", [.arrayOfString]),
        ("aws:ResourceTag/${TagKey}", [.string]),
        // Properties of the request.
        ("aws:CalledVia", [.arrayOfString]),
        ("aws:CalledViaFirst", [.string]),
        ("aws:CalledViaLast", [.string]),
        ("aws:ViaAWSService", [.bool]),
        ("aws:CurrentTime", [.date]),
        ("aws:EpochTime", [.date, .numeric]),
        ("aws:referer", [.string]),
        ("aws:RequestedRegion", [.string]),
        ("aws:RequestTag/${TagKey}", [.string]),
        ("aws:TagKeys", [.arrayOfString]),
        ("aws:SecureTransport", [.bool]),
        ("aws:SourceAccount", [.string]),
        ("aws:SourceArn", [.arn]),
        ("aws:SourceOrgID", [.string]),
        ("aws:SourceOrgPaths", [.arrayOfString]),
        ("aws:UserAgent", [.string]),
        ("aws:IsMcpServiceAction", [.bool]),
        // Older keys AWS still evaluates (Access Analyzer calls `aws:ARN` deprecated;
        // `aws:PrincipalOrgMasterAccountId` appears in AWS's own AWSSSOServiceRolePolicy).
        ("aws:ARN", [.arn]),
        ("aws:SourceOwner", [.string]),
        ("aws:PrincipalOrgMasterAccountId", [.string]),
    ]
}

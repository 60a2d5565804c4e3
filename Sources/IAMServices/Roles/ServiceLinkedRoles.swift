import IAMModel

/// How AWS names the role it links to a service: `AWSServiceRoleFor<Service>` under
/// `/aws-service-role/<service principal>/`, trusted by that service, with the service's
/// managed policy attached. Common services come from a table of AWS's names; others follow
/// a rule (the principal's service label in PascalCase).
enum ServiceLinkedRoles {
    struct Entry: Sendable {
        /// The role name without a custom suffix.
        var roleName: String
        /// Whether the service accepts `CustomSuffix` (most do not).
        var acceptsSuffix: Bool
        /// The AWS managed policy the service attaches (under `policy/aws-service-role/`), when known.
        var policyName: String?
    }

    static let pathPrefix = "/aws-service-role/"

    /// AWS's names for common services (IAM User Guide, "AWS services that work with IAM").
    static let known: [String: Entry] = [
        "autoscaling.amazonaws.com": Entry(roleName: "AWSServiceRoleForAutoScaling", acceptsSuffix: true,
                                           policyName: "AutoScalingServiceRolePolicy"),
        "elasticbeanstalk.amazonaws.com": Entry(roleName: "AWSServiceRoleForElasticBeanstalk", acceptsSuffix: false,
                                                policyName: "AWSElasticBeanstalkServiceRolePolicy"),
        "ecs.amazonaws.com": Entry(roleName: "AWSServiceRoleForECS", acceptsSuffix: false, policyName: "AmazonECSServiceRolePolicy"),
        "eks.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonEKS", acceptsSuffix: false,
                                   policyName: "AmazonEKSServiceRolePolicy"),
        "eks-nodegroup.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonEKSNodegroup", acceptsSuffix: false,
                                             policyName: "AWSServiceRoleForAmazonEKSNodegroup"),
        "eks-fargate.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonEKSForFargate", acceptsSuffix: false,
                                           policyName: "AmazonEKSForFargateServiceRolePolicy"),
        "elasticloadbalancing.amazonaws.com": Entry(roleName: "AWSServiceRoleForElasticLoadBalancing", acceptsSuffix: false,
                                                    policyName: "AWSElasticLoadBalancingServiceRolePolicy"),
        "rds.amazonaws.com": Entry(roleName: "AWSServiceRoleForRDS", acceptsSuffix: false, policyName: "AmazonRDSServiceRolePolicy"),
        "spot.amazonaws.com": Entry(roleName: "AWSServiceRoleForEC2Spot", acceptsSuffix: false,
                                    policyName: "AWSEC2SpotServiceRolePolicy"),
        "spotfleet.amazonaws.com": Entry(roleName: "AWSServiceRoleForEC2SpotFleet", acceptsSuffix: false,
                                         policyName: "AWSEC2SpotFleetServiceRolePolicy"),
        "organizations.amazonaws.com": Entry(roleName: "AWSServiceRoleForOrganizations", acceptsSuffix: false,
                                             policyName: "AWSOrganizationsServiceTrustPolicy"),
        "support.amazonaws.com": Entry(roleName: "AWSServiceRoleForSupport", acceptsSuffix: false,
                                       policyName: "AWSSupportServiceRolePolicy"),
        "trustedadvisor.amazonaws.com": Entry(roleName: "AWSServiceRoleForTrustedAdvisor", acceptsSuffix: false,
                                              policyName: "AWSTrustedAdvisorServiceRolePolicy"),
        "config.amazonaws.com": Entry(roleName: "AWSServiceRoleForConfig", acceptsSuffix: false,
                                      policyName: "AWSConfigServiceRolePolicy"),
        "cloudtrail.amazonaws.com": Entry(roleName: "AWSServiceRoleForCloudTrail", acceptsSuffix: false,
                                          policyName: "CloudTrailServiceRolePolicy"),
        "guardduty.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonGuardDuty", acceptsSuffix: false,
                                         policyName: "AmazonGuardDutyServiceRolePolicy"),
        "securityhub.amazonaws.com": Entry(roleName: "AWSServiceRoleForSecurityHub", acceptsSuffix: false,
                                           policyName: "AWSSecurityHubServiceRolePolicy"),
        "access-analyzer.amazonaws.com": Entry(roleName: "AWSServiceRoleForAccessAnalyzer", acceptsSuffix: false,
                                               policyName: "AccessAnalyzerServiceRolePolicy"),
        "sso.amazonaws.com": Entry(roleName: "AWSServiceRoleForSSO", acceptsSuffix: false, policyName: "AWSSSOServiceRolePolicy"),
        "ssm.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonSSM", acceptsSuffix: false,
                                   policyName: "AmazonSSMServiceRolePolicy"),
        "elasticache.amazonaws.com": Entry(roleName: "AWSServiceRoleForElastiCache", acceptsSuffix: false,
                                           policyName: "ElastiCacheServiceRolePolicy"),
        "es.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonElasticsearchService", acceptsSuffix: false,
                                  policyName: "AmazonElasticsearchServiceRolePolicy"),
        "opensearchservice.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonOpenSearchService", acceptsSuffix: false,
                                                 policyName: "AmazonOpenSearchServiceRolePolicy"),
        "backup.amazonaws.com": Entry(roleName: "AWSServiceRoleForBackup", acceptsSuffix: false,
                                      policyName: "AWSBackupServiceLinkedRolePolicyForBackup"),
        "redshift.amazonaws.com": Entry(roleName: "AWSServiceRoleForRedshift", acceptsSuffix: false,
                                        policyName: "AmazonRedshiftServiceLinkedRolePolicy"),
        "lex.amazonaws.com": Entry(roleName: "AWSServiceRoleForLexBots", acceptsSuffix: false, policyName: "AmazonLexBotPolicy"),
        "lexv2.amazonaws.com": Entry(roleName: "AWSServiceRoleForLexV2Bots", acceptsSuffix: true, policyName: "AmazonLexV2BotPolicy"),
        "transitgateway.amazonaws.com": Entry(roleName: "AWSServiceRoleForVPCTransitGateway", acceptsSuffix: false,
                                              policyName: "AWSVPCTransitGatewayServiceRolePolicy"),
        "globalaccelerator.amazonaws.com": Entry(roleName: "AWSServiceRoleForGlobalAccelerator", acceptsSuffix: false,
                                                 policyName: "AWSGlobalAcceleratorSLRPolicy"),
        "fsx.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonFSx", acceptsSuffix: false, policyName: "AmazonFSxServiceRolePolicy"),
        "elasticfilesystem.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonElasticFileSystem", acceptsSuffix: false,
                                                 policyName: "AmazonElasticFileSystemServiceRolePolicy"),
        "batch.amazonaws.com": Entry(roleName: "AWSServiceRoleForBatch", acceptsSuffix: false, policyName: "BatchServiceRolePolicy"),
        "events.amazonaws.com": Entry(roleName: "AWSServiceRoleForCloudWatchEvents", acceptsSuffix: false,
                                      policyName: "CloudWatchEventsServiceRolePolicy"),
        "kafka.amazonaws.com": Entry(roleName: "AWSServiceRoleForKafka", acceptsSuffix: false, policyName: "KafkaServiceRolePolicy"),
        "connect.amazonaws.com": Entry(roleName: "AWSServiceRoleForAmazonConnect", acceptsSuffix: true,
                                       policyName: "AmazonConnectServiceLinkedRolePolicy"),
        "acm.amazonaws.com": Entry(roleName: "AWSServiceRoleForCertificateManager", acceptsSuffix: false,
                                   policyName: "CertificateManagerServiceRolePolicy"),
        "ops.apigateway.amazonaws.com": Entry(roleName: "AWSServiceRoleForAPIGateway", acceptsSuffix: false,
                                              policyName: "APIGatewayServiceRolePolicy"),
        "replicator.lambda.amazonaws.com": Entry(roleName: "AWSServiceRoleForLambdaReplicator", acceptsSuffix: false,
                                                 policyName: "AWSLambdaReplicator"),
        "elasticmapreduce.amazonaws.com": Entry(roleName: "AWSServiceRoleForEMRCleanup", acceptsSuffix: false,
                                                policyName: "AmazonEMRCleanupPolicy"),
        "dynamodb.application-autoscaling.amazonaws.com": Entry(
            roleName: "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable", acceptsSuffix: false,
            policyName: "AWSApplicationAutoscalingDynamoDBTablePolicy"),
        "ecs.application-autoscaling.amazonaws.com": Entry(
            roleName: "AWSServiceRoleForApplicationAutoScaling_ECSService", acceptsSuffix: false,
            policyName: "AWSApplicationAutoscalingECSServicePolicy"),
        "ec2.application-autoscaling.amazonaws.com": Entry(
            roleName: "AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest", acceptsSuffix: false,
            policyName: "AWSApplicationAutoscalingEC2SpotFleetRequestPolicy"),
        "rds.application-autoscaling.amazonaws.com": Entry(
            roleName: "AWSServiceRoleForApplicationAutoScaling_RDSCluster", acceptsSuffix: false,
            policyName: "AWSApplicationAutoscalingRDSClusterPolicy"),
        "lambda.application-autoscaling.amazonaws.com": Entry(
            roleName: "AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency", acceptsSuffix: false,
            policyName: "AWSApplicationAutoscalingLambdaConcurrencyPolicy"),
        "custom-resource.application-autoscaling.amazonaws.com": Entry(
            roleName: "AWSServiceRoleForApplicationAutoScaling_CustomResource", acceptsSuffix: false,
            policyName: "AWSApplicationAutoScalingCustomResourcePolicy"),
    ]

    static let principalSuffixes = [".amazonaws.com", ".amazonaws.com.cn"]

    /// The labels of a service principal before its `amazonaws.com` suffix (`["ops", "apigateway"]`),
    /// or nil when `service` is not a service principal.
    static func labels(_ service: String) -> [Substring]? {
        guard let suffix = principalSuffixes.first(where: { service.hasSuffix($0) }) else { return nil }
        let labels = service.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        let valid = !labels.isEmpty && labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        return valid ? labels : nil
    }

    /// The table's entry for `service`, or the rule's: `AWSServiceRoleFor` + the last label in
    /// PascalCase, then `_` + the first label when there are several (`AWSServiceRoleForApplicationAutoscaling_Comprehend`).
    /// Nil when `service` is not a service principal.
    static func entry(for service: String) -> Entry? {
        if let entry = known[service] { return entry }
        guard let labels = labels(service), let main = labels.last else { return nil }
        var name = "AWSServiceRoleFor" + pascalCase(main)
        if labels.count > 1, let first = labels.first { name += "_" + pascalCase(first) }
        return Entry(roleName: name, acceptsSuffix: true, policyName: nil)
    }

    /// The name the role gets (`CustomSuffix` is joined with `_`), or nil for a non-service.
    static func roleName(service: String, suffix: String?) -> String? {
        guard let entry = entry(for: service) else { return nil }
        guard let suffix else { return entry.roleName }
        return entry.roleName + "_" + suffix
    }

    static func path(service: String) -> String { pathPrefix + service + "/" }

    /// The trust policy AWS gives a service-linked role.
    static func trustPolicy(service: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(service)"},"Action":"sts:AssumeRole"}]}"#
    }

    /// `task/aws-service-role/<service>/<role name>/<uuid>`.
    static func deletionTaskID(service: String, roleName: String, uuid: String) -> String {
        "task" + pathPrefix + service + "/" + roleName + "/" + uuid
    }

    /// `access-analyzer` → `AccessAnalyzer`.
    static func pascalCase(_ label: Substring) -> String {
        label.split(separator: "-").map { part in part.prefix(1).uppercased() + part.dropFirst() }.joined()
    }
}

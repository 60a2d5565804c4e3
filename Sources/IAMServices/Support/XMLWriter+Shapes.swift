import AWSQuery
import IAMModel

/// The IAM model's output shapes, written in the order botocore's model lists their members.
extension XMLWriter {
    mutating func timestamp(_ name: String, _ seconds: Int64) {
        element(name, AWSTimestamp.iso8601(epochSeconds: seconds))
    }

    mutating func tags(_ tags: [IAMTag], named name: String = "Tags") {
        open(name)
        for tag in tags {
            open("member")
            element("Key", tag.key)
            element("Value", tag.value)
            close("member")
        }
        close(name)
    }

    mutating func list<T>(_ name: String, _ items: some Sequence<T>, _ write: (inout XMLWriter, T) -> Void) {
        open(name)
        for item in items {
            open("member")
            write(&self, item)
            close("member")
        }
        close(name)
    }

    mutating func stringList(_ name: String, _ items: some Sequence<String>) {
        open(name)
        for item in items { element("member", item) }
        close(name)
    }

    mutating func pagination<T>(_ page: Page<T>) {
        element("IsTruncated", page.isTruncated)
        optionalElement("Marker", page.nextMarker)
    }

    /// `User` (UserName, UserId, Arn, Path, CreateDate, PasswordLastUsed, PermissionsBoundary, Tags).
    mutating func user(_ user: IAMUser, named name: String = "User", withTags: Bool = true) {
        open(name)
        userFields(user, withTags: withTags)
        close(name)
    }

    mutating func userFields(_ user: IAMUser, withTags: Bool) {
        element("Path", user.path)
        element("UserName", user.name)
        element("UserId", user.id)
        element("Arn", user.arn)
        timestamp("CreateDate", user.createdAt)
        if let used = user.passwordLastUsed { timestamp("PasswordLastUsed", used) }
        if let boundary = user.permissionsBoundaryARN { permissionsBoundary(boundary) }
        if withTags && !user.tags.isEmpty { tags(user.tags) }
    }

    mutating func permissionsBoundary(_ arn: String) {
        open("PermissionsBoundary")
        element("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
        element("PermissionsBoundaryArn", arn)
        close("PermissionsBoundary")
    }

    mutating func group(_ group: IAMGroup, named name: String = "Group") {
        open(name)
        groupFields(group)
        close(name)
    }

    mutating func groupFields(_ group: IAMGroup) {
        element("Path", group.path)
        element("GroupName", group.name)
        element("GroupId", group.id)
        element("Arn", group.arn)
        timestamp("CreateDate", group.createdAt)
    }

    mutating func policy(_ policy: ManagedPolicyView, named name: String = "Policy", withTags: Bool = true) {
        open(name)
        policyFields(policy, withTags: withTags)
        close(name)
    }

    mutating func policyFields(_ policy: ManagedPolicyView, withTags: Bool) {
        element("PolicyName", policy.name)
        element("PolicyId", policy.id)
        element("Arn", policy.arn)
        element("Path", policy.path)
        element("DefaultVersionId", policy.defaultVersionID)
        element("AttachmentCount", policy.attachmentCount)
        element("PermissionsBoundaryUsageCount", policy.boundaryUsageCount)
        element("IsAttachable", true)
        optionalElement("Description", policy.description)
        timestamp("CreateDate", policy.createdAt)
        timestamp("UpdateDate", policy.updatedAt)
        if withTags && !policy.tags.isEmpty { tags(policy.tags) }
    }

    /// `PolicyVersion`; the document is URL-encoded as IAM returns it.
    mutating func policyVersion(_ version: IAMPolicyVersion, named name: String = "PolicyVersion", withDocument: Bool = true) {
        open(name)
        policyVersionFields(version, withDocument: withDocument)
        close(name)
    }

    mutating func policyVersionFields(_ version: IAMPolicyVersion, withDocument: Bool) {
        if withDocument { element("Document", PercentEncoding.encode(version.document)) }
        element("VersionId", version.versionID)
        element("IsDefaultVersion", version.isDefault)
        timestamp("CreateDate", version.createdAt)
    }

    mutating func attachedPolicies(_ name: String, _ arns: some Sequence<String>) {
        list(name, arns) { xml, arn in
            xml.element("PolicyName", IAMARN.parsePolicy(arn)?.name ?? arn)
            xml.element("PolicyArn", arn)
        }
    }

    mutating func accessKeyMetadata(_ key: IAMAccessKey, userName: String) {
        element("UserName", userName)
        element("AccessKeyId", key.id)
        element("Status", key.status.rawValue)
        timestamp("CreateDate", key.createdAt)
    }
}

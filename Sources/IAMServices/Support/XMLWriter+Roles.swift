import AWSQuery
import IAMModel

/// The `Role`, `InstanceProfile` and `RoleDetail` shapes, in the order botocore's model lists their members.
extension XMLWriter {
    /// Which members of `Role` an operation returns: AWS omits some in listings.
    enum RoleStyle {
        /// GetRole, UpdateRoleDescription: everything, with `RoleLastUsed`.
        case full
        /// CreateRole, CreateServiceLinkedRole: everything but `RoleLastUsed`.
        case created
        /// ListRoles: no `PermissionsBoundary`, `Tags` or `RoleLastUsed`.
        case listing
        /// A role inside an `InstanceProfile`: the identity and the trust policy.
        case embedded
    }

    mutating func role(_ role: IAMRole, named name: String = "Role", style: RoleStyle) {
        open(name)
        roleFields(role, style: style)
        close(name)
    }

    mutating func roleFields(_ role: IAMRole, style: RoleStyle) {
        element("Path", role.path)
        element("RoleName", role.name)
        element("RoleId", role.id)
        element("Arn", role.arn)
        timestamp("CreateDate", role.createdAt)
        element("AssumeRolePolicyDocument", PercentEncoding.encode(role.trustPolicy))
        guard style != .embedded else { return }
        optionalElement("Description", role.description)
        element("MaxSessionDuration", role.maxSessionDuration)
        guard style != .listing else { return }
        if let boundary = role.permissionsBoundaryARN { permissionsBoundary(boundary) }
        if !role.tags.isEmpty { tags(role.tags) }
        if style == .full { roleLastUsed(role) }
    }

    /// Present (possibly empty) in GetRole, as AWS returns it.
    mutating func roleLastUsed(_ role: IAMRole) {
        open("RoleLastUsed")
        if let used = role.lastUsedAt {
            timestamp("LastUsedDate", used)
            optionalElement("Region", role.lastUsedRegion)
        }
        close("RoleLastUsed")
    }

    mutating func instanceProfile(_ profile: IAMInstanceProfile, named name: String = "InstanceProfile") {
        open(name)
        instanceProfileFields(profile)
        close(name)
    }

    mutating func instanceProfileFields(_ profile: IAMInstanceProfile) {
        element("Path", profile.path)
        element("InstanceProfileName", profile.name)
        element("InstanceProfileId", profile.id)
        element("Arn", profile.arn)
        timestamp("CreateDate", profile.createdAt)
        list("Roles", profile.roles) { $0.roleFields($1, style: .embedded) }
        if !profile.tags.isEmpty { tags(profile.tags) }
    }
}

/// Roles, their policies, instance profiles and service-linked role deletion tasks.
public protocol RoleRepository: Sendable {}

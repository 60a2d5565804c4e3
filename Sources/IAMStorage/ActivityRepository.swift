/// Recorded activity (service last accessed) and generated reports.
public protocol ActivityRepository: Sendable {}

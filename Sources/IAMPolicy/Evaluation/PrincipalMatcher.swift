/// A resource-based policy's `Principal`, compared with the caller.
struct PrincipalMatcher: Sendable {
    /// How a statement's Principal names the caller.
    enum Level: Int, Sendable, Comparable {
        case none = 0
        /// Only the caller's account: delegates to identity policies, grants nothing alone.
        case account
        /// The role of an assumed-role session: counts as an identity allow.
        case role
        /// `*`, the user, the session or its unique id: grants on its own.
        case direct

        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private let everyone: Bool
    private let aws: [String]
    private let services: [String]
    private let federated: [String]

    init(_ element: PrincipalElement) {
        switch element {
        case .everyone:
            everyone = true
            aws = []
            services = []
            federated = []
        case .identifiers(let map):
            aws = map[.aws]?.map(\.value) ?? []
            everyone = aws.contains("*")
            services = map[.service]?.map(\.value) ?? []
            federated = map[.federated]?.map(\.value) ?? []
        }
    }

    func level(for principal: Principal) -> Level {
        if everyone { return .direct }
        var best = Level.none
        for value in aws {
            if value == principal.arn || (principal.userID.map { $0 == value } ?? false) { return .direct }
            if let role = principal.roleARN, value == role { best = max(best, .role) }
            if value == principal.accountID || value == "arn:aws:iam::\(principal.accountID):root" {
                best = max(best, principal.kind == .account ? .direct : .account)
            }
        }
        if principal.kind == .service, let service = principal.service, services.contains(service) { return .direct }
        if principal.kind == .federatedUser, federated.contains(principal.arn) { return .direct }
        return best
    }
}

import AWSQuery
import Foundation
import IAMModel
import IAMStorage

/// Outbound web identity federation (per account: an issuer URL made when first enabled, and whether JWT vending is
/// on) and the STS global endpoint token version.
extension StandaloneHandlers {
    func enableOutboundFederation(_ caller: Caller) async throws -> String? {
        var settings = try await store.accountSettings(accountID: caller.accountID)
        guard !settings.outboundFederationEnabled else {
            throw AWSServiceError(
                "FeatureEnabled",
                "Outbound identity federation is already enabled for your AWS account. To fetch the current configuration "
                    + "(including the unique issuer URL), use the GetOutboundWebIdentityFederationInfo operation.",
                status: 409)
        }
        let issuer = settings.outboundIssuer ?? "https://\(UUID().uuidString.lowercased()).tokens.sts.global.api.aws"
        settings.outboundIssuer = issuer
        settings.outboundFederationEnabled = true
        try await store.setAccountSettings(accountID: caller.accountID, settings)
        return write { $0.element("IssuerIdentifier", issuer) }
    }

    func disableOutboundFederation(_ caller: Caller) async throws -> String? {
        var settings = try await store.accountSettings(accountID: caller.accountID)
        guard settings.outboundFederationEnabled else { throw Self.featureDisabled }
        settings.outboundFederationEnabled = false
        try await store.setAccountSettings(accountID: caller.accountID, settings)
        return nil
    }

    /// The issuer and the current state; FeatureDisabled until the feature has been enabled once.
    func getOutboundFederationInfo(_ caller: Caller) async throws -> String? {
        let settings = try await store.accountSettings(accountID: caller.accountID)
        guard let issuer = settings.outboundIssuer else { throw Self.featureDisabled }
        return write { xml in
            xml.element("IssuerIdentifier", issuer)
            xml.element("JwtVendingEnabled", settings.outboundFederationEnabled)
        }
    }

    func setSecurityTokenServicePreferences(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let version = try FieldRules.oneOf(p, "GlobalEndpointTokenVersion", ["v1Token", "v2Token"], required: true)
            ?? IAMAccountSettings.defaultTokenVersion
        var settings = try await store.accountSettings(accountID: caller.accountID)
        settings.globalEndpointTokenVersion = version
        try await store.setAccountSettings(accountID: caller.accountID, settings)
        return nil
    }

    static let featureDisabled = AWSServiceError(
        "FeatureDisabled", "Outbound identity federation is disabled for your AWS account.", status: 404)
}

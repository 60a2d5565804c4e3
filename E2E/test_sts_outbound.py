"""AssumeRoot, GetDelegatedAccessToken and GetWebIdentityToken as a standalone account answers them."""
import base64
import json

from helpers import allow, client, document, expect_error, user_with_key


def test_assume_root_needs_an_organization_and_is_refused_to_root(server):
    iam = client(server)
    user = user_with_key(iam, inline=document(allow("sts:AssumeRoot")))
    sts = client(server, "sts", user)
    task = {"arn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"}
    expect_error(lambda: sts.assume_root(TargetPrincipal="111122223333", TaskPolicyArn=task), "AccessDenied", 403,
                 contains="not the management account of an organization")
    expect_error(lambda: sts.assume_root(TargetPrincipal="111122223333",
                                         TaskPolicyArn={"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
                 "ValidationError", 400)
    expect_error(lambda: client(server, "sts").assume_root(TargetPrincipal="111122223333", TaskPolicyArn=task),
                 "AccessDenied", 403, contains="root user credentials")
    plain = client(server, "sts", user_with_key(iam))
    expect_error(lambda: plain.assume_root(TargetPrincipal="111122223333", TaskPolicyArn=task), "AccessDenied", 403,
                 contains="sts:AssumeRoot")


def test_delegated_access_token_without_delegation_is_expired(server):
    iam = client(server)
    sts = client(server, "sts", user_with_key(iam, inline=document(allow("sts:GetDelegatedAccessToken"))))
    expect_error(lambda: sts.get_delegated_access_token(TradeInToken="not-a-token"), "ExpiredTradeInTokenException", 400)


def test_web_identity_token_once_outbound_federation_is_enabled(server):
    iam = client(server)
    user = user_with_key(iam, inline=document(allow("sts:GetWebIdentityToken")))
    sts = client(server, "sts", user)
    expect_error(lambda: sts.get_web_identity_token(Audience=["https://example.com"], SigningAlgorithm="ES384"),
                 "OutboundWebIdentityFederationDisabledException", 403)
    issuer = iam.enable_outbound_web_identity_federation()["IssuerIdentifier"]
    answer = sts.get_web_identity_token(Audience=["https://example.com"], SigningAlgorithm="ES384", DurationSeconds=120,
                                        Tags=[{"Key": "team", "Value": "blue"}])
    header, payload, signature = answer["WebIdentityToken"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["iss"] == issuer and claims["sub"] == user["Arn"] and claims["aud"] == "https://example.com"
    assert claims["exp"] - claims["iat"] == 120
    assert claims["https://aws.amazon.com/tags"]["principal_tags"] == {"team": ["blue"]}
    assert json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["alg"] == "ES384"
    assert len(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))) == 96
    expect_error(lambda: sts.get_web_identity_token(Audience=["a"], SigningAlgorithm="RS256"), "ValidationError", 400)
    expect_error(lambda: client(server, "sts", user_with_key(iam)).get_web_identity_token(Audience=["a"], SigningAlgorithm="ES384"),
                 "AccessDenied", 403)

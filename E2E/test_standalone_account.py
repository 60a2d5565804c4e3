"""The answers of an account that is not in AWS Organizations and has no delegation requests: Organizations features
and access reports, IAM temporary delegation requests, outbound web identity federation and the STS global endpoint
token version (botocore `iam/2010-05-08`)."""
import re
import uuid

import pytest

from helpers import allow, client, document, expect_error, unique, user_with_key
from test_wire_shapes import Recorder, check_response

NO_ORGANIZATION = "The request was rejected because no organization is associated with your account."
ENTITY_PATH = "o-a1b2c3d4e5/r-f6g7h8i9j0example/123456789012"
REQUEST_ID = "1234567890abcdef-request"
PERMISSIONS = {"PolicyTemplateArn": "arn:aws:iam::aws:delegation-template/partner/Example",
               "Parameters": [{"Name": "BucketName", "Values": ["my-bucket"], "Type": "string"}]}


def delegation_request(**overrides):
    args = {"Description": "Set up monitoring", "Permissions": PERMISSIONS, "RequestorWorkflowId": "workflow-1",
            "NotificationChannel": "arn:aws:sns:us-east-1:123456789012:partner-topic", "SessionDuration": 3600}
    args.update(overrides)
    return {key: value for key, value in args.items() if value is not None}


@pytest.fixture(scope="module")
def iam(shared_server):
    return client(shared_server, validate=False)


@pytest.mark.parametrize("operation", ["list_organizations_features", "enable_organizations_root_credentials_management",
                                       "disable_organizations_root_credentials_management",
                                       "enable_organizations_root_sessions", "disable_organizations_root_sessions"])
def test_organizations_features_need_an_organization(iam, operation):
    expect_error(getattr(iam, operation), "OrganizationNotFoundException", 400, NO_ORGANIZATION)
    # botocore knows the code as the model's exception.
    with pytest.raises(iam.exceptions.OrganizationNotFoundException):
        getattr(iam, operation)()


def test_organizations_access_report_fails_for_an_account_outside_organizations(iam):
    job = iam.generate_organizations_access_report(EntityPath=ENTITY_PATH)["JobId"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", job)
    report = iam.get_organizations_access_report(JobId=job)
    assert report["JobStatus"] == "FAILED"
    assert report["JobCompletionDate"] >= report["JobCreationDate"]
    assert report["ErrorDetails"] == {"Code": "OrganizationNotFoundException", "Message": NO_ORGANIZATION}
    assert report["IsTruncated"] is False and "AccessDetails" not in report
    with_policy = iam.generate_organizations_access_report(EntityPath="o-a1b2c3d4e5/r-f6g7",
                                                           OrganizationsPolicyId="p-policy123")["JobId"]
    assert with_policy != job
    assert iam.get_organizations_access_report(JobId=with_policy, SortKey="SERVICE_NAMESPACE_DESCENDING",
                                               MaxItems=10)["JobStatus"] == "FAILED"
    missing = str(uuid.uuid4())
    expect_error(lambda: iam.get_organizations_access_report(JobId=missing), "NoSuchEntity", 404,
                 f"The report with job ID {missing} cannot be found.")


def test_organizations_access_report_validation(iam):
    for path in ("o-a1b2c3d4e5", "not-an-entity-path-at-all", "o-A1B2C3D4E5/r-f6g7h8i9j0", "o-a1b2c3d4e5/r-f6g"):
        expect_error(lambda: iam.generate_organizations_access_report(EntityPath=path), "ValidationError", 400,
                     contains="entityPath")
    expect_error(lambda: iam.generate_organizations_access_report(), "ValidationError", 400,
                 "1 validation error detected: Value null at 'entityPath' failed to satisfy constraint: Member must not be null")
    expect_error(lambda: iam.generate_organizations_access_report(EntityPath=ENTITY_PATH, OrganizationsPolicyId="p-1"),
                 "ValidationError", 400, contains="organizationsPolicyId")
    job = iam.generate_organizations_access_report(EntityPath=ENTITY_PATH)["JobId"]
    expect_error(lambda: iam.get_organizations_access_report(JobId="short"), "ValidationError", 400,
                 contains="Member must have length greater than or equal to 36")
    expect_error(lambda: iam.get_organizations_access_report(JobId=job, SortKey="NEWEST"), "ValidationError", 400,
                 contains="Member must satisfy enum value set")
    expect_error(lambda: iam.get_organizations_access_report(JobId=job, MaxItems=0), "ValidationError", 400)
    expect_error(lambda: iam.get_organizations_access_report(JobId=job, Marker="bogus"), "ValidationError", 400,
                 "Invalid Marker.")


def test_no_delegation_requests(iam):
    listed = iam.list_delegation_requests()
    assert listed["DelegationRequests"] == [] and listed["isTruncated"] is False
    assert iam.list_delegation_requests(OwnerId="arn:aws:iam::123456789012:user/alice", MaxItems=5)[
        "DelegationRequests"] == []
    message = f"The delegation request with id {REQUEST_ID} cannot be found."
    expect_error(lambda: iam.get_delegation_request(DelegationRequestId=REQUEST_ID, DelegationPermissionCheck=True),
                 "NoSuchEntity", 404, message)
    for operation in ("accept_delegation_request", "associate_delegation_request", "send_delegation_token",
                      "reject_delegation_request", "update_delegation_request"):
        expect_error(lambda: getattr(iam, operation)(DelegationRequestId=REQUEST_ID), "NoSuchEntity", 404, message)
    expect_error(lambda: iam.reject_delegation_request(DelegationRequestId=REQUEST_ID, Notes="not needed"),
                 "NoSuchEntity", 404, message)


def test_delegation_request_validation(iam):
    expect_error(lambda: iam.get_delegation_request(DelegationRequestId="short"), "ValidationError", 400,
                 contains="Member must have length greater than or equal to 16")
    expect_error(lambda: iam.accept_delegation_request(DelegationRequestId="has spaces in the id"), "ValidationError", 400,
                 contains="Member must satisfy regular expression pattern: [\\w-]+")
    expect_error(lambda: iam.accept_delegation_request(), "ValidationError", 400, contains="Value null at 'delegationRequestId'")
    expect_error(lambda: iam.update_delegation_request(DelegationRequestId=REQUEST_ID, Notes="x" * 501), "ValidationError",
                 400, contains="Member must have length less than or equal to 500")
    expect_error(lambda: iam.list_delegation_requests(OwnerId="short"), "ValidationError", 400, contains="ownerId")
    expect_error(lambda: iam.list_delegation_requests(Marker="bogus"), "ValidationError", 400, "Invalid Marker.")
    expect_error(lambda: iam.list_delegation_requests(MaxItems=1001), "ValidationError", 400)


def test_creating_a_delegation_request_needs_partner_onboarding(shared_server, iam):
    error = expect_error(lambda: iam.create_delegation_request(**delegation_request()), "AccessDenied", 403)
    assert "iam:CreateDelegationRequest" in error["Message"] and shared_server.account_id in error["Message"]
    # The parameters are checked first, as the model says.
    for overrides, field in (({"SessionDuration": 100}, "sessionDuration"), ({"SessionDuration": 43201}, "sessionDuration"),
                             ({"NotificationChannel": "not a topic!"}, "notificationChannel"),
                             ({"RequestorWorkflowId": "abc"}, "requestorWorkflowId"),
                             ({"Description": "x" * 1001}, "description"),
                             ({"OwnerAccountId": "12345"}, "ownerAccountId"),
                             ({"RedirectUrl": "ftp://partner.example.com/"}, "redirectUrl"),
                             ({"Description": None}, "description"), ({"Permissions": None}, "permissions"),
                             ({"Permissions": {"Parameters": [{"Name": "abc", "Values": ["v"], "Type": "string"}]}},
                              "name"),
                             ({"Permissions": {"Parameters": [{"Name": "abcde", "Values": ["v"], "Type": "number"}]}},
                              "type")):
        error = expect_error(lambda: iam.create_delegation_request(**delegation_request(**overrides)), "ValidationError", 400)
        assert field in error["Message"], (overrides, error)
    assert iam.list_delegation_requests()["DelegationRequests"] == []


def test_outbound_web_identity_federation_state(server):
    iam = client(server)
    disabled = "Outbound identity federation is disabled for your AWS account."
    expect_error(iam.get_outbound_web_identity_federation_info, "FeatureDisabled", 404, disabled)
    expect_error(iam.disable_outbound_web_identity_federation, "FeatureDisabled", 404, disabled)
    issuer = iam.enable_outbound_web_identity_federation()["IssuerIdentifier"]
    assert re.fullmatch(r"https://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tokens\.sts\.global\.api\.aws",
                        issuer)
    error = expect_error(iam.enable_outbound_web_identity_federation, "FeatureEnabled", 409)
    assert "already enabled" in error["Message"]
    info = iam.get_outbound_web_identity_federation_info()
    assert info["IssuerIdentifier"] == issuer and info["JwtVendingEnabled"] is True
    iam.disable_outbound_web_identity_federation()
    info = iam.get_outbound_web_identity_federation_info()
    assert info["IssuerIdentifier"] == issuer and info["JwtVendingEnabled"] is False
    expect_error(iam.disable_outbound_web_identity_federation, "FeatureDisabled", 404, disabled)
    # The issuer is the account's: enabling again brings the same one back.
    assert iam.enable_outbound_web_identity_federation()["IssuerIdentifier"] == issuer


def test_outbound_federation_is_kept_across_restarts(warden_bin, tmp_path):
    from warden_server import WardenServer
    with WardenServer(warden_bin, data_dir=tmp_path / "data") as first:
        issuer = client(first).enable_outbound_web_identity_federation()["IssuerIdentifier"]
        client(first).set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
    with WardenServer(warden_bin, data_dir=tmp_path / "data") as second:
        iam = client(second)
        assert iam.get_outbound_web_identity_federation_info()["IssuerIdentifier"] == issuer
        assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 2


def test_security_token_service_preferences(server):
    iam = client(server)
    assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 1
    iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
    assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 2
    loose = client(server, validate=False)
    expect_error(lambda: loose.set_security_token_service_preferences(GlobalEndpointTokenVersion="v3Token"),
                 "ValidationError", 400,
                 "1 validation error detected: Value 'v3Token' at 'globalEndpointTokenVersion' failed to satisfy "
                 "constraint: Member must satisfy enum value set: [v1Token, v2Token]")
    expect_error(lambda: loose.set_security_token_service_preferences(), "ValidationError", 400,
                 contains="Value null at 'globalEndpointTokenVersion'")
    assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 2
    iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v1Token")
    assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 1


def test_authorization_through_the_gate(server):
    iam = client(server)
    reader = user_with_key(iam, inline=document(allow(["iam:GetOutboundWebIdentityFederationInfo",
                                                       "iam:ListDelegationRequests", "iam:GetAccountSummary"])))
    own = client(server, creds=reader)
    assert own.list_delegation_requests()["DelegationRequests"] == []
    expect_error(own.get_outbound_web_identity_federation_info, "FeatureDisabled", 404)
    for call, action in ((own.enable_outbound_web_identity_federation, "EnableOutboundWebIdentityFederation"),
                         (lambda: own.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token"),
                          "SetSecurityTokenServicePreferences"),
                         (own.list_organizations_features, "ListOrganizationsFeatures"),
                         (lambda: own.generate_organizations_access_report(EntityPath=ENTITY_PATH),
                          "GenerateOrganizationsAccessReport"),
                         (lambda: own.get_delegation_request(DelegationRequestId=REQUEST_ID), "GetDelegationRequest"),
                         (lambda: own.create_delegation_request(**delegation_request()), "CreateDelegationRequest")):
        expect_error(call, "AccessDenied", 403,
                     f"User: {reader['Arn']} is not authorized to perform: iam:{action} on resource: * because no "
                     f"identity-based policy allows the iam:{action} action")
    # The refused requests changed nothing.
    expect_error(own.get_outbound_web_identity_federation_info, "FeatureDisabled", 404)
    assert own.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 1


def test_every_response_matches_the_botocore_output_shape(server):
    iam = client(server)
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    job = iam.generate_organizations_access_report(EntityPath=ENTITY_PATH, OrganizationsPolicyId="p-policy123")["JobId"]
    iam.get_organizations_access_report(JobId=job)
    iam.list_delegation_requests()
    iam.enable_outbound_web_identity_federation()
    iam.get_outbound_web_identity_federation_info()
    iam.disable_outbound_web_identity_federation()
    iam.get_outbound_web_identity_federation_info()
    iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
    iam.get_account_summary()
    problems = []
    for operation, body in recorder.bodies:
        problems += check_response("iam", operation, body)
    assert not problems, "\n".join(problems)
    assert {operation for operation, _ in recorder.bodies} == {
        "GenerateOrganizationsAccessReport", "GetOrganizationsAccessReport", "ListDelegationRequests",
        "EnableOutboundWebIdentityFederation", "GetOutboundWebIdentityFederationInfo",
        "DisableOutboundWebIdentityFederation", "SetSecurityTokenServicePreferences", "GetAccountSummary"}


def test_reset_clears_certificates_and_account_settings(warden_bin, tmp_path):
    import requests
    from test_server_certificates import self_signed
    from warden_server import WardenServer
    with WardenServer(warden_bin, ephemeral=True) as ephemeral:
        iam = client(ephemeral)
        body, key = self_signed(tmp_path)
        iam.upload_server_certificate(ServerCertificateName="before-reset", CertificateBody=body, PrivateKey=key,
                                      Tags=[{"Key": "k", "Value": "v"}])
        iam.enable_outbound_web_identity_federation()
        iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
        job = iam.generate_organizations_access_report(EntityPath=ENTITY_PATH)["JobId"]
        assert requests.post(ephemeral.endpoint + "/moto-api/reset", timeout=30).status_code == 200
        assert iam.list_server_certificates()["ServerCertificateMetadataList"] == []
        summary = iam.get_account_summary()["SummaryMap"]
        assert summary["ServerCertificates"] == 0 and summary["GlobalEndpointTokenVersion"] == 1
        expect_error(iam.get_outbound_web_identity_federation_info, "FeatureDisabled", 404)
        expect_error(lambda: iam.get_organizations_access_report(JobId=job), "NoSuchEntity", 404)
        # The name is free again.
        iam.upload_server_certificate(ServerCertificateName="before-reset", CertificateBody=body, PrivateKey=key)
        assert iam.list_server_certificate_tags(ServerCertificateName="before-reset")["Tags"] == []

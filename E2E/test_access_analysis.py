"""Service last accessed (GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails[WithEntities]),
ListPoliciesGrantingServiceAccess and GetHumanReadableSummary (botocore `iam/2010-05-08`; IAM User Guide,
"Refining permissions using last accessed information"). Activity is what the server recorded after each
successful request of the users involved."""
import datetime
import time

import pytest

from helpers import (IAM_READ_ONLY, allow, client, document, expect_error, send, sign, unique, user_with_key,
                     xml_error)
from test_wire_shapes import Recorder, check_response


@pytest.fixture(scope="module")
def iam(shared_server):
    iam = shared_server.client("iam")
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    iam.recorder = recorder
    return iam


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id


def recent(when, seconds=120):
    return abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds()) < seconds


def report(iam, arn, granularity=None, **paging):
    extra = {"Granularity": granularity} if granularity else {}
    job = iam.generate_service_last_accessed_details(Arn=arn, **extra)["JobId"]
    assert len(job) == 36
    return job, iam.get_service_last_accessed_details(JobId=job, **paging)


def by_namespace(details):
    return {s["ServiceNamespace"]: s for s in details["ServicesLastAccessed"]}


def test_a_users_services_with_their_last_use(shared_server, iam):
    user = user_with_key(iam, managed=[IAM_READ_ONLY],
                         inline=document(allow(["ec2:DescribeInstances", "s3:GetObject"])))
    as_user = client(shared_server, "iam", user)
    as_user.list_users()
    client(shared_server, "ec2", user).describe_instances()
    job, details = report(iam, user["Arn"])
    assert (details["JobStatus"], details["JobType"]) == ("COMPLETED", "SERVICE_LEVEL")
    assert recent(details["JobCreationDate"]) and details["JobCompletionDate"] >= details["JobCreationDate"]
    assert details["IsTruncated"] is False
    services = by_namespace(details)
    assert [s["ServiceNamespace"] for s in details["ServicesLastAccessed"]] == ["ec2", "iam", "s3"]
    assert services["iam"]["ServiceName"] == "AWS Identity and Access Management (IAM)"
    for used in ("iam", "ec2"):
        entry = services[used]
        assert recent(entry["LastAuthenticated"])
        assert entry["LastAuthenticatedEntity"] == user["Arn"]
        assert entry["LastAuthenticatedRegion"] == "us-east-1"
        assert entry["TotalAuthenticatedEntities"] == 1
        assert "TrackedActionsLastAccessed" not in entry
    assert services["s3"]["TotalAuthenticatedEntities"] == 0
    assert "LastAuthenticated" not in services["s3"] and "LastAuthenticatedEntity" not in services["s3"]
    # Pages of one service.
    first = iam.get_service_last_accessed_details(JobId=job, MaxItems=1)
    assert first["IsTruncated"] is True and len(first["ServicesLastAccessed"]) == 1
    rest = iam.get_service_last_accessed_details(JobId=job, Marker=first["Marker"])
    assert [s["ServiceNamespace"] for s in first["ServicesLastAccessed"] + rest["ServicesLastAccessed"]] == ["ec2", "iam", "s3"]


def test_action_level_reports_tracked_actions(shared_server, iam, acct):
    user = user_with_key(iam, inline=document(allow(["iam:ListUsers", "iam:GetUser"]), allow("s3:GetObject")))
    as_user = client(shared_server, "iam", user)
    as_user.list_users()
    _, details = report(iam, user["Arn"], "ACTION_LEVEL")
    assert details["JobType"] == "ACTION_LEVEL"
    services = by_namespace(details)
    tracked = {a["ActionName"]: a for a in services["iam"]["TrackedActionsLastAccessed"]}
    assert sorted(tracked) == ["GetUser", "ListUsers"]
    assert tracked["ListUsers"]["LastAccessedEntity"] == user["Arn"]
    assert tracked["ListUsers"]["LastAccessedRegion"] == "us-east-1" and recent(tracked["ListUsers"]["LastAccessedTime"])
    assert tracked["GetUser"] == {"ActionName": "GetUser"}, "allowed but never used"
    assert "TrackedActionsLastAccessed" not in services["s3"], "Warden tracks the actions of the services it serves"


def test_only_successful_requests_count_once_a_minute(shared_server, iam, acct):
    user = user_with_key(iam, inline=document(allow(["iam:ListUsers", "iam:GetUser"], f"arn:aws:iam::{acct}:user/*")))
    as_user = client(shared_server, "iam", user)
    # Refused: GetUser is allowed on users, but GetUser on a missing name fails after the gate; the
    # refused request changes nothing, the failed one records nothing.
    expect_error(lambda: as_user.get_user(UserName=unique("missing")), "NoSuchEntity", 404)
    expect_error(lambda: as_user.list_groups(), "AccessDenied", 403)
    _, details = report(iam, user["Arn"], "ACTION_LEVEL")
    iam_entry = by_namespace(details)["iam"]
    assert iam_entry["TotalAuthenticatedEntities"] == 0 and "LastAuthenticated" not in iam_entry
    as_user.list_users()
    _, first = report(iam, user["Arn"])
    used = by_namespace(first)["iam"]["LastAuthenticated"]
    time.sleep(1.5)
    as_user.list_users()
    _, second = report(iam, user["Arn"])
    assert by_namespace(second)["iam"]["LastAuthenticated"] == used, "a second use within a minute is not recorded"


def test_group_and_policy_reports_count_their_users(shared_server, iam, acct):
    group = unique("lagroup")
    iam.create_group(GroupName=group)
    policy = iam.create_policy(PolicyName=unique("lapolicy"), PolicyDocument=document(allow(["iam:List*", "sqs:*"])))["Policy"]
    iam.attach_group_policy(GroupName=group, PolicyArn=policy["Arn"])
    first = user_with_key(iam, groups=[group])
    second = user_with_key(iam, groups=[group])
    outsider = user_with_key(iam, managed=[policy["Arn"]])
    client(shared_server, "iam", first).list_users()
    time.sleep(1.1)
    client(shared_server, "iam", second).list_groups()
    time.sleep(1.1)
    client(shared_server, "iam", outsider).list_policies(Scope="Local", MaxItems=1)
    group_arn = f"arn:aws:iam::{acct}:group/{group}"
    job, details = report(iam, group_arn)
    services = by_namespace(details)
    assert sorted(services) == ["iam", "sqs"]
    assert services["iam"]["TotalAuthenticatedEntities"] == 2
    assert services["iam"]["LastAuthenticatedEntity"] == second["Arn"], "the member who used it last"
    entities = iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="iam")
    assert entities["JobStatus"] == "COMPLETED" and entities["IsTruncated"] is False
    listed = [e["EntityInfo"]["Arn"] for e in entities["EntityDetailsList"]]
    assert listed == [second["Arn"], first["Arn"]], "the members that used it, most recent first"
    assert all(recent(e["LastAuthenticated"]) for e in entities["EntityDetailsList"])
    info = entities["EntityDetailsList"][0]["EntityInfo"]
    assert (info["Name"], info["Type"], info["Id"], info["Path"]) == (second["Name"], "USER", second["UserId"], "/")
    assert iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="sqs")["EntityDetailsList"] == [], \
        "allowed, never used"
    assert iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="ec2")["EntityDetailsList"] == []
    paged = iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="iam", MaxItems=1)
    assert paged["IsTruncated"] is True and len(paged["EntityDetailsList"]) == 1
    rest = iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="iam", Marker=paged["Marker"])
    assert [e["EntityInfo"]["Arn"] for e in paged["EntityDetailsList"] + rest["EntityDetailsList"]] == listed
    # The policy: attached to the group (two users) and to the outsider directly.
    job, by_policy = report(iam, policy["Arn"])
    assert by_namespace(by_policy)["iam"]["TotalAuthenticatedEntities"] == 3
    assert by_namespace(by_policy)["iam"]["LastAuthenticatedEntity"] == outsider["Arn"]
    names = {e["EntityInfo"]["Name"] for e in iam.get_service_last_accessed_details_with_entities(
        JobId=job, ServiceNamespace="iam")["EntityDetailsList"]}
    assert names == {first["Name"], second["Name"], outsider["Name"]}
    # An AWS managed policy nobody here uses: its services, never used.
    _, aws_managed = report(iam, "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess")
    assert [(s["ServiceNamespace"], s["TotalAuthenticatedEntities"]) for s in aws_managed["ServicesLastAccessed"]] == [("sqs", 0)]


def test_job_errors_and_a_failed_job(shared_server, iam, acct):
    raw = client(shared_server, validate=False)
    expect_error(lambda: iam.generate_service_last_accessed_details(Arn=f"arn:aws:iam::{acct}:user/nobody-at-all"),
                 "NoSuchEntity", 404, "The user with name nobody-at-all cannot be found.")
    expect_error(lambda: iam.generate_service_last_accessed_details(Arn=f"arn:aws:iam::{acct}:role/no-role"),
                 "NoSuchEntity", 404, "The role with name no-role cannot be found.")
    expect_error(lambda: iam.generate_service_last_accessed_details(Arn=f"arn:aws:iam::{acct}:policy/no-policy"),
                 "NoSuchEntity", 404, f"Policy arn:aws:iam::{acct}:policy/no-policy was not found.")
    expect_error(lambda: iam.generate_service_last_accessed_details(Arn="arn:aws:s3:::some-bucket-name"),
                 "InvalidInput", 400, "ARN arn:aws:s3:::some-bucket-name is not valid.")
    expect_error(lambda: raw.generate_service_last_accessed_details(Arn="arn:aws:iam::1:u/x"), "ValidationError", 400,
                 "1 validation error detected: Value 'arn:aws:iam::1:u/x' at 'arn' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 20")
    user = user_with_key(iam)
    expect_error(lambda: raw.generate_service_last_accessed_details(Arn=user["Arn"], Granularity="DAILY"), "ValidationError",
                 400, "1 validation error detected: Value 'DAILY' at 'granularity' failed to satisfy constraint: "
                 "Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]")
    expect_error(lambda: raw.get_service_last_accessed_details(JobId="short"), "ValidationError", 400,
                 "1 validation error detected: Value 'short' at 'jobId' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 36")
    unknown = "00000000-0000-0000-0000-000000000000"
    expect_error(lambda: iam.get_service_last_accessed_details(JobId=unknown), "NoSuchEntity", 404,
                 f"The job with id {unknown} cannot be found.")
    job = iam.generate_service_last_accessed_details(Arn=user["Arn"])["JobId"]
    # Only whoever generated a report reads it.
    reader = user_with_key(iam, inline=document(allow("iam:GetServiceLastAccessedDetails*")))
    expect_error(lambda: client(shared_server, "iam", reader).get_service_last_accessed_details(JobId=job), "NoSuchEntity",
                 404, f"The job with id {job} cannot be found.")
    expect_error(lambda: iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="not a namespace"),
                 "ValidationError", 400, "1 validation error detected: Value 'not a namespace' at 'serviceNamespace' failed "
                 "to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]*")
    iam.delete_access_key(UserName=user["Name"], AccessKeyId=user["AccessKeyId"])
    iam.delete_user(UserName=user["Name"])
    failed = iam.get_service_last_accessed_details(JobId=job)
    assert failed["JobStatus"] == "FAILED" and failed["ServicesLastAccessed"] == []
    assert failed["Error"] == {"Code": "NoSuchEntity", "Message": f"The user with name {user['Name']} cannot be found."}


def test_policies_granting_service_access(iam, acct):
    group = unique("grgroup")
    iam.create_group(GroupName=group)
    iam.put_group_policy(GroupName=group, PolicyName="everything-but-iam",
                         PolicyDocument=document({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}))
    customer = iam.create_policy(PolicyName=unique("grpol"), PolicyDocument=document(allow("s3:Get*")))["Policy"]
    iam.attach_group_policy(GroupName=group, PolicyArn=customer["Arn"])
    user = user_with_key(iam, managed=[IAM_READ_ONLY], inline=document(allow(["ec2:Describe*", "iam:GetUser"])),
                         groups=[group])
    answer = iam.list_policies_granting_service_access(Arn=user["Arn"], ServiceNamespaces=["iam", "ec2", "s3", "nosuchservice"])
    assert answer["IsTruncated"] is False
    entries = {e["ServiceNamespace"]: e["Policies"] for e in answer["PoliciesGrantingServiceAccess"]}
    assert [e["ServiceNamespace"] for e in answer["PoliciesGrantingServiceAccess"]] == ["iam", "ec2", "s3", "nosuchservice"]
    inline = {"PolicyName": "inline", "PolicyType": "INLINE", "EntityType": "USER", "EntityName": user["Name"]}
    group_inline = {"PolicyName": "everything-but-iam", "PolicyType": "INLINE", "EntityType": "GROUP", "EntityName": group}
    read_only = {"PolicyName": "IAMReadOnlyAccess", "PolicyType": "MANAGED", "PolicyArn": IAM_READ_ONLY}
    mine = {"PolicyName": customer["PolicyName"], "PolicyType": "MANAGED", "PolicyArn": customer["Arn"]}
    assert entries["iam"] == [inline, read_only]
    assert entries["ec2"] == [inline, group_inline]
    assert entries["s3"] == [group_inline, mine]
    assert entries["nosuchservice"] == [group_inline], "NotAction reaches services the catalog does not know"
    as_group = iam.list_policies_granting_service_access(Arn=f"arn:aws:iam::{acct}:group/{group}", ServiceNamespaces=["s3", "iam"])
    assert [(e["ServiceNamespace"], e["Policies"]) for e in as_group["PoliciesGrantingServiceAccess"]] == [
        ("s3", [group_inline, mine]), ("iam", [])]


def test_policies_granting_service_access_errors(shared_server, iam, acct):
    raw = client(shared_server, validate=False)
    user = user_with_key(iam)
    expect_error(lambda: raw.list_policies_granting_service_access(Arn=user["Arn"], ServiceNamespaces=[]), "ValidationError",
                 400, "1 validation error detected: Value '[...]' at 'serviceNamespaces' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 1")
    expect_error(lambda: raw.list_policies_granting_service_access(Arn=user["Arn"], ServiceNamespaces=["s3"] * 201),
                 "ValidationError", 400, "1 validation error detected: Value '[...]' at 'serviceNamespaces' failed to "
                 "satisfy constraint: Member must have length less than or equal to 200")
    expect_error(lambda: raw.list_policies_granting_service_access(Arn=user["Arn"], ServiceNamespaces=["s3!"]),
                 "ValidationError", 400, "1 validation error detected: Value 's3!' at 'serviceNamespaces.member' failed to "
                 "satisfy constraint: Member must satisfy regular expression pattern: [\\w-]*")
    expect_error(lambda: iam.list_policies_granting_service_access(Arn=IAM_READ_ONLY, ServiceNamespaces=["iam"]),
                 "InvalidInput", 400, f"ARN {IAM_READ_ONLY} is not valid.")
    expect_error(lambda: iam.list_policies_granting_service_access(Arn=f"arn:aws:iam::{acct}:user/not-there",
                                                                   ServiceNamespaces=["iam"]),
                 "NoSuchEntity", 404, "The user with name not-there cannot be found.")
    expect_error(lambda: iam.list_policies_granting_service_access(Arn=user["Arn"], ServiceNamespaces=["iam"], Marker="x"),
                 "ValidationError", 400, "Invalid Marker.")


def test_human_readable_summary_of_managed_policies(shared_server, iam, acct):
    summary = iam.get_human_readable_summary(EntityArn=IAM_READ_ONLY)
    assert (summary["SummaryState"], summary["Locale"]) == ("AVAILABLE", "en")
    content = summary["SummaryContent"]
    assert content.startswith("Policy summary: IAMReadOnlyAccess")
    assert "AWS Identity and Access Management (IAM)" in content and "Full: List; Limited: Read" in content
    customer = iam.create_policy(PolicyName=unique("hrs"), PolicyDocument=document(
        allow("s3:GetObject", "arn:aws:s3:::reports/*"), {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}))["Policy"]
    text = iam.get_human_readable_summary(EntityArn=customer["Arn"], Locale="en-US")
    assert text["Locale"] == "en-US" and "arn:aws:s3:::reports/*" in text["SummaryContent"]
    assert "Explicit deny" in text["SummaryContent"]
    french = iam.get_human_readable_summary(EntityArn=customer["Arn"], Locale="fr-FR")
    assert (french["SummaryState"], french["Locale"]) == ("NOT_SUPPORTED", "fr-FR") and "SummaryContent" not in french
    expect_error(lambda: iam.get_human_readable_summary(EntityArn=f"arn:aws:iam::{acct}:delegation-request/abc123"),
                 "NoSuchEntity", 404, "The delegation request abc123 cannot be found.")
    user = user_with_key(iam)
    expect_error(lambda: iam.get_human_readable_summary(EntityArn=user["Arn"]), "InvalidInput", 400,
                 f"Summaries are available for delegation requests and managed policies, not for {user['Arn']}.")
    expect_error(lambda: iam.get_human_readable_summary(EntityArn=f"arn:aws:iam::{acct}:policy/gone-policy"),
                 "NoSuchEntity", 404, f"Policy arn:aws:iam::{acct}:policy/gone-policy was not found.")
    raw = client(shared_server, validate=False)
    expect_error(lambda: raw.get_human_readable_summary(EntityArn=IAM_READ_ONLY, Locale="e"), "ValidationError", 400,
                 "1 validation error detected: Value 'e' at 'locale' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 2")


def test_the_gate_guards_each_operation(shared_server, iam, acct):
    target = user_with_key(iam)
    other = user_with_key(iam)
    analyst = user_with_key(iam, inline=document(
        allow(["iam:GenerateServiceLastAccessedDetails", "iam:ListPoliciesGrantingServiceAccess"], target["Arn"]),
        allow("iam:GetServiceLastAccessedDetails")))
    as_analyst = client(shared_server, "iam", analyst)
    job = as_analyst.generate_service_last_accessed_details(Arn=target["Arn"])["JobId"]
    assert as_analyst.get_service_last_accessed_details(JobId=job)["JobStatus"] == "COMPLETED"
    assert as_analyst.list_policies_granting_service_access(Arn=target["Arn"], ServiceNamespaces=["iam"])
    for operation, action, extra in [
            ("generate_service_last_accessed_details", "iam:GenerateServiceLastAccessedDetails", {}),
            ("list_policies_granting_service_access", "iam:ListPoliciesGrantingServiceAccess", {"ServiceNamespaces": ["iam"]})]:
        expect_error(lambda: getattr(as_analyst, operation)(Arn=other["Arn"], **extra), "AccessDenied", 403,
                     f"User: {analyst['Arn']} is not authorized to perform: {action} on resource: {other['Arn']} "
                     f"because no identity-based policy allows the {action} action")
    expect_error(lambda: as_analyst.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="iam"),
                 "AccessDenied", 403,
                 f"User: {analyst['Arn']} is not authorized to perform: iam:GetServiceLastAccessedDetailsWithEntities on "
                 "resource: * because no identity-based policy allows the iam:GetServiceLastAccessedDetailsWithEntities action")
    expect_error(lambda: as_analyst.get_human_readable_summary(EntityArn=IAM_READ_ONLY), "AccessDenied", 403,
                 f"User: {analyst['Arn']} is not authorized to perform: iam:GetHumanReadableSummary on resource: * "
                 "because no identity-based policy allows the iam:GetHumanReadableSummary action")


@pytest.mark.parametrize("params,code", [
    ({"Action": "SimulateCustomPolicy", "PolicyInputList.member.1": "[" * 5000 + "]" * 5000,
      "ActionNames.member.1": "s3:GetObject"}, "InvalidInput"),
    ({"Action": "SimulateCustomPolicy", "PolicyInputList.member.1": document(allow("*")), "ActionNames.member.1": "s3:X",
      "ContextEntries.member.1.ContextKeyName": "aws:x\u0000yz", "ContextEntries.member.1.ContextKeyType": "string",
      "ContextEntries.member.1.ContextKeyValues": "not-a-list"}, "ValidationError"),
    ({"Action": "SimulateCustomPolicy", "PolicyInputList.member.1": document(allow("*")), "ActionNames.member.1": "s3:X",
      "MaxItems": "9" * 30}, "ValidationError"),
    ({"Action": "SimulateCustomPolicy", "PolicyInputList.member.1": document(allow("*")), "ActionNames.member.2": "s3:X"},
     "ValidationError"),
    ({"Action": "GetServiceLastAccessedDetails", "JobId": "<" * 36}, "NoSuchEntity"),
    ({"Action": "ListPoliciesGrantingServiceAccess", "Arn": "arn:aws:iam::123456789012:user/x", "ServiceNamespaces": "s3"},
     "ValidationError"),
    ({"Action": "GetHumanReadableSummary", "EntityArn": "arn:aws:iam::aws:policy/" + "A" * 3000}, "ValidationError"),
    ({"Action": "GetContextKeysForPrincipalPolicy", "PolicySourceArn": "arn:aws:iam::123456789012:user/" + "/" * 50},
     "InvalidInput"),
    ({"Action": "GenerateServiceLastAccessedDetails", "Arn": "arn:aws:iam::aws:policy/"}, "InvalidInput"),
])
def test_hostile_inputs_get_a_4xx(shared_server, params, code):
    response = send(sign(shared_server, params=dict(params, Version="2010-05-08")))
    assert 400 <= response.status_code < 500, response.text
    assert xml_error(response)[0] == code


def test_every_response_matches_the_model(iam):
    problems = []
    operations = set()
    for operation, body in iam.recorder.bodies:
        operations.add(operation)
        problems += check_response("iam", operation, body)
    assert not problems, "\n".join(problems)
    assert operations >= {"GenerateServiceLastAccessedDetails", "GetServiceLastAccessedDetails",
                          "GetServiceLastAccessedDetailsWithEntities", "ListPoliciesGrantingServiceAccess",
                          "GetHumanReadableSummary"}

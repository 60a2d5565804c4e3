"""The audit trail: every API call becomes a CloudTrail-shaped event (AWS CloudTrail User Guide,
"CloudTrail record contents" and "userIdentity element"), readable through `cloudtrail:LookupEvents`
(botocore cloudtrail 2013-11-01) and `warden audit`. Secrets never reach the stored events.
"""
import json
import pathlib
import re
import sqlite3
import time

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from helpers import client, document, expect_error
from test_mfa_devices import create_device, enable, oathtool

PASSWORD = "Alice-Console-Passw0rd!"
NEW_PASSWORD = "Alice-Newer-Passw0rd!!"
WEB_TOKEN = "eyJhbGciOiJSUzI1NiJ9.not-a-real-token-but-secret.c2lnbmF0dXJl"
HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def audit_json(warden, server, *args):
    result = warden("audit", "--data-dir", str(server.data_dir), "--json", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def wait_for(predicate, timeout=5.0):
    """Events are written in batches (150 ms after the first); waits until `predicate()` is truthy."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() > deadline:
            return value
        time.sleep(0.1)


def lookup_all(trail, page_size=None, **kwargs):
    events, token = [], None
    while True:
        args = dict(kwargs)
        if page_size:
            args["MaxResults"] = page_size
        if token:
            args["NextToken"] = token
        page = trail.lookup_events(**args)
        events += page["Events"]
        token = page.get("NextToken")
        if not token:
            return events


@pytest.fixture
def scenario(server):
    """alice (policy with Sids), an MFA device, and her calls: allowed, denied, with and without MFA."""
    iam = client(server)
    policy = document(
        {"Sid": "ReadIAM", "Effect": "Allow", "Action": ["iam:ListUsers", "iam:GetUser"], "Resource": "*"},
        {"Sid": "EC2WithMFA", "Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*",
         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Sid": "OwnPassword", "Effect": "Allow", "Action": "iam:ChangePassword", "Resource": "*"},
        {"Sid": "NoDeletes", "Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"})
    iam.create_user(UserName="alice")
    iam.put_user_policy(UserName="alice", PolicyName="alice-inline", PolicyDocument=policy)
    key = iam.create_access_key(UserName="alice")["AccessKey"]
    iam.create_login_profile(UserName="alice", Password=PASSWORD)
    serial, seed = create_device(iam, name="alice")
    now = enable(iam, "alice", serial, seed)
    enable_codes = [oathtool(seed, now - 30), oathtool(seed, now)]
    alice = {"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}

    client(server, creds=alice).list_users()
    expect_error(lambda: client(server, "ec2", alice).describe_instances(), "UnauthorizedOperation", 403)
    expect_error(lambda: client(server, creds=alice).delete_user(UserName="alice"), "AccessDenied", 403)
    client(server, creds=alice).change_password(OldPassword=PASSWORD, NewPassword=NEW_PASSWORD)
    plain = client(server, "sts", alice).get_session_token()["Credentials"]
    expect_error(lambda: client(server, "ec2", plain).describe_instances(), "UnauthorizedOperation", 403)
    session_code = oathtool(seed, now + 30)
    with_mfa = client(server, "sts", alice).get_session_token(SerialNumber=serial, TokenCode=session_code)["Credentials"]
    client(server, "ec2", with_mfa).describe_instances()
    expect_error(lambda: client(server, "cloudtrail", alice).lookup_events(), "AccessDeniedException", 400)
    unsigned = boto3.client("sts", endpoint_url=server.endpoint, region_name="us-east-1",
                            config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}))
    with pytest.raises(Exception):
        unsigned.assume_role_with_web_identity(RoleArn=f"arn:aws:iam::{server.account_id}:role/nobody",
                                               RoleSessionName="web", WebIdentityToken=WEB_TOKEN)
    return {"alice": alice, "plain": plain, "mfa": with_mfa, "serial": serial,
            "codes": enable_codes + [session_code]}


def test_events_carry_cloudtrail_fields_and_the_gates_decision(server, warden, scenario):
    account = server.account_id
    names = ["ListUsers", "DescribeInstances", "DeleteUser", "ChangePassword", "GetSessionToken", "DescribeInstances",
             "GetSessionToken", "DescribeInstances", "LookupEvents"]
    events = wait_for(lambda: (lambda found: found if len(found) >= len(names) else None)(
        audit_json(warden, server, "--user", "alice")))
    assert events, "alice's calls reach the audit trail"
    assert [e["eventName"] for e in events] == names  # oldest first

    for event in events:
        assert event["eventVersion"] == "1.08"
        assert UUID.match(event["eventID"]) and UUID.match(event["requestID"])
        assert ISO_Z.match(event["eventTime"])
        assert event["awsRegion"] == "us-east-1"
        assert event["sourceIPAddress"] == "127.0.0.1"
        assert event["userAgent"].startswith("Boto3/")
        assert event["eventType"] == "AwsApiCall" and event["managementEvent"] is True
        assert event["recipientAccountId"] == account
        identity = event["userIdentity"]
        assert identity["type"] == "IAMUser"
        assert identity["userName"] == "alice"
        assert identity["arn"] == f"arn:aws:iam::{account}:user/alice"
        assert identity["accountId"] == account
        assert identity["principalId"].startswith("AIDA")

    list_users, denied_ec2, delete, change, plain_token, plain_ec2, mfa_token, mfa_ec2, lookup = events
    alice_key = scenario["alice"]["AccessKeyId"]

    assert list_users["eventSource"] == "iam.amazonaws.com" and list_users["readOnly"] is True
    assert list_users["userIdentity"]["accessKeyId"] == alice_key
    assert "sessionContext" not in list_users["userIdentity"]  # long-term keys: no session
    assert "errorCode" not in list_users
    assert list_users["wardenAuthorization"]["decision"] == "Allow"
    assert "alice-inline" in list_users["wardenAuthorization"]["decidedBy"]
    assert "Sid ReadIAM" in list_users["wardenAuthorization"]["decidedBy"]

    assert denied_ec2["eventSource"] == "ec2.amazonaws.com"
    assert denied_ec2["errorCode"] == "UnauthorizedOperation"
    assert denied_ec2["wardenAuthorization"]["decision"] == "Deny"
    assert denied_ec2["wardenAuthorization"]["decidedBy"].startswith("Implicitly denied")

    assert delete["errorCode"] == "AccessDenied" and delete["readOnly"] is False
    assert delete["errorMessage"].startswith(f"User: arn:aws:iam::{account}:user/alice is not authorized")
    assert delete["requestParameters"] == {"userName": "alice"}
    assert delete["wardenAuthorization"]["decision"] == "Deny"
    assert "Sid NoDeletes" in delete["wardenAuthorization"]["decidedBy"]
    assert delete["wardenAuthorization"]["decidedBy"].startswith("Explicitly denied")

    assert change["requestParameters"] == {"oldPassword": HIDDEN, "newPassword": HIDDEN}
    assert "Sid OwnPassword" in change["wardenAuthorization"]["decidedBy"]

    assert plain_token["eventSource"] == "sts.amazonaws.com"
    assert plain_token["requestParameters"] is None
    assert mfa_token["requestParameters"] == {"serialNumber": scenario["serial"], "tokenCode": HIDDEN}

    # Session credentials: the ASIA key and the session's MFA state (aws:MultiFactorAuthPresent).
    assert plain_ec2["userIdentity"]["accessKeyId"] == scenario["plain"]["AccessKeyId"]
    assert plain_ec2["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"] == "false"
    assert ISO_Z.match(plain_ec2["userIdentity"]["sessionContext"]["attributes"]["creationDate"])
    assert plain_ec2["errorCode"] == "UnauthorizedOperation"
    assert plain_ec2["wardenAuthorization"]["decision"] == "Deny"
    assert mfa_ec2["userIdentity"]["accessKeyId"] == scenario["mfa"]["AccessKeyId"]
    assert mfa_ec2["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"] == "true"
    assert "errorCode" not in mfa_ec2
    assert mfa_ec2["wardenAuthorization"]["decision"] == "Allow"
    assert "Sid EC2WithMFA" in mfa_ec2["wardenAuthorization"]["decidedBy"]

    assert lookup["eventSource"] == "cloudtrail.amazonaws.com"
    assert lookup["errorCode"] == "AccessDeniedException"
    assert lookup["wardenAuthorization"]["decision"] == "Deny"

    # Root's calls that carried secrets: the values are hidden, the other parameters kept.
    root_events = audit_json(warden, server, "--user", "root")
    by_name = {e["eventName"]: e for e in root_events}
    assert by_name["CreateLoginProfile"]["requestParameters"] == {"userName": "alice", "password": HIDDEN}
    assert by_name["EnableMFADevice"]["requestParameters"] == {
        "userName": "alice", "serialNumber": scenario["serial"], "authenticationCode1": HIDDEN,
        "authenticationCode2": HIDDEN}
    assert by_name["CreateUser"]["userIdentity"]["type"] == "Root"
    assert by_name["CreateUser"]["wardenAuthorization"] == {"decision": "Allow", "decidedBy": "Allowed: the root user"}

    # The unsigned STS call: a web identity user, its token hidden.
    web = audit_json(warden, server, "--action", "sts:AssumeRoleWithWebIdentity")
    assert len(web) == 1
    assert web[0]["userIdentity"]["type"] == "WebIdentityUser"
    assert web[0]["requestParameters"]["webIdentityToken"] == HIDDEN
    assert web[0]["requestParameters"]["roleSessionName"] == "web"
    assert web[0]["errorCode"]


@pytest.mark.sqlite_only  # greps the SQLite file's bytes
def test_no_secret_reaches_the_database(server, warden, scenario):
    wait_for(lambda: len(audit_json(warden, server, "--user", "alice")) >= 9)
    server.stop()  # writes what is buffered
    files = sorted(pathlib.Path(server.data_dir).glob("warden.sqlite*"))
    assert files
    raw = b"".join(f.read_bytes() for f in files)
    secrets = [PASSWORD, NEW_PASSWORD, WEB_TOKEN, server.secret_access_key, scenario["alice"]["SecretAccessKey"],
               scenario["plain"]["SecretAccessKey"], scenario["plain"]["SessionToken"],
               scenario["mfa"]["SecretAccessKey"], scenario["mfa"]["SessionToken"]]
    for secret in secrets:
        assert secret.encode() not in raw
    connection = sqlite3.connect(f"file:{files[0]}?mode=ro", uri=True)
    rows = connection.execute("SELECT data FROM audit_event").fetchall()
    connection.close()
    assert len(rows) == 16  # root: 6 calls, alice: 9, the unsigned STS call: 1
    text = "\n".join(row[0] for row in rows)
    assert HIDDEN in text
    for secret in secrets:
        assert secret not in text
    for code in scenario["codes"]:
        assert f'"{code}"' not in text
        assert f'"{code}"'.encode() not in raw


def test_lookup_events_filters_and_pages(server, scenario):
    trail = client(server, "cloudtrail")
    alice_events = wait_for(lambda: (lambda found: found if len(found) >= 9 else None)(
        lookup_all(trail, LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "alice"}])))
    assert alice_events and len(alice_events) == 9
    assert all(e["Username"] == "alice" for e in alice_events)
    times = [e["EventTime"] for e in alice_events]
    assert times == sorted(times, reverse=True)  # newest first
    paged = lookup_all(trail, page_size=2, LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "alice"}])
    assert [e["EventId"] for e in paged] == [e["EventId"] for e in alice_events]

    first = alice_events[0]
    assert first["EventName"] == "LookupEvents" and first["EventSource"] == "cloudtrail.amazonaws.com"
    assert first["ReadOnly"] == "true" and first["AccessKeyId"] == scenario["alice"]["AccessKeyId"]
    cloud = json.loads(first["CloudTrailEvent"])
    assert cloud["eventID"] == first["EventId"] and cloud["userIdentity"]["userName"] == "alice"

    def names(key, value):
        return [e["EventName"] for e in lookup_all(trail, LookupAttributes=[{"AttributeKey": key, "AttributeValue": value}])]

    assert names("EventName", "DescribeInstances") == ["DescribeInstances"] * 3
    assert set(names("EventSource", "ec2.amazonaws.com")) == {"DescribeInstances"}
    assert names("AccessKeyId", scenario["mfa"]["AccessKeyId"]) == ["DescribeInstances"]
    assert "ListUsers" not in names("ReadOnly", "false")
    assert "DeleteUser" in names("ResourceName", "alice")
    event_id = alice_events[3]["EventId"]
    assert [e["EventId"] for e in lookup_all(trail, LookupAttributes=[{"AttributeKey": "EventId", "AttributeValue": event_id}])] == [event_id]

    future = int(time.time()) + 3600
    assert trail.lookup_events(StartTime=future)["Events"] == []
    assert len(lookup_all(trail, StartTime=int(time.time()) - 3600, EndTime=future)) >= 16

    unchecked = client(server, "cloudtrail", validate=False)
    expect_error(lambda: unchecked.lookup_events(MaxResults=51), "InvalidMaxResultsException", 400)
    expect_error(lambda: unchecked.lookup_events(MaxResults=0), "InvalidMaxResultsException", 400)
    expect_error(lambda: trail.lookup_events(StartTime=future, EndTime=future - 10), "InvalidTimeRangeException", 400)
    expect_error(lambda: trail.lookup_events(LookupAttributes=[
        {"AttributeKey": "Username", "AttributeValue": "alice"},
        {"AttributeKey": "EventName", "AttributeValue": "ListUsers"}]), "InvalidLookupAttributesException", 400)
    expect_error(lambda: trail.lookup_events(NextToken="not-a-token"), "InvalidNextTokenException", 400)
    # Refused before the gate: still a JSON error body that botocore reads.
    wrong = client(server, "cloudtrail", {"AccessKeyId": scenario["alice"]["AccessKeyId"], "SecretAccessKey": "x" * 40})
    expect_error(lambda: wrong.lookup_events(), "SignatureDoesNotMatch", 403)
    unknown = client(server, "cloudtrail", {"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "x" * 40})
    expect_error(lambda: unknown.lookup_events(), "InvalidClientTokenId", 403)


def test_warden_audit_filters_and_table(server, warden, scenario):
    wait_for(lambda: len(audit_json(warden, server, "--user", "alice")) >= 9)
    denied = audit_json(warden, server, "--action", "ec2:DescribeInstances", "--decision", "deny")
    assert [e["userIdentity"]["userName"] for e in denied] == ["alice", "alice"]
    assert all(e["errorCode"] == "UnauthorizedOperation" for e in denied)
    assert [e["eventName"] for e in audit_json(warden, server, "--user", "alice", "--action", "ChangePassword")] == ["ChangePassword"]
    assert len(audit_json(warden, server, "--user", "alice", "--since", "1h")) == 9
    assert audit_json(warden, server, "--user", "alice", "--until", "2001-01-01T00:00:00Z") == []
    assert len(audit_json(warden, server, "--user", "alice", "--max", "2")) == 2

    result = warden("audit", "--data-dir", str(server.data_dir), "--user", "alice", "--action", "ec2:DescribeInstances")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["TIME", "USER", "EVENT", "DECISION", "MFA", "ERROR"]
    rows = [line.split() for line in lines[1:]]
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("alice", "ec2:DescribeInstances", "Deny", "false", "UnauthorizedOperation"),
        ("alice", "ec2:DescribeInstances", "Deny", "false", "UnauthorizedOperation"),
        ("alice", "ec2:DescribeInstances", "Allow", "true", "-")]
    assert "EC2WithMFA" in lines[-1]

    bad = warden("audit", "--data-dir", str(server.data_dir), "--since", "yesterday")
    assert bad.returncode != 0 and "--since" in bad.stderr
    missing = pathlib.Path(server.data_dir).parent / "no-such-data"
    absent = warden("audit", "--data-dir", str(missing))
    assert absent.returncode != 0 and "no Warden database" in absent.stderr
    assert not missing.exists()


def test_buffered_events_are_written_at_shutdown(server, warden):
    client(server).create_user(UserName="last-call")
    server.stop()
    events = audit_json(warden, server, "--action", "iam:CreateUser")
    assert [e["requestParameters"] for e in events] == [{"userName": "last-call"}]


TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."


@pytest.mark.parametrize("body,operation,code", [
    (b"not json", "LookupEvents", "SerializationException"),
    (b"[1, 2]", "LookupEvents", "SerializationException"),
    (b'{"MaxResults": "ten"}', "LookupEvents", "SerializationException"),
    (b"[" * 100_000, "LookupEvents", "SerializationException"),
    (b'{"LookupAttributes": [{"AttributeKey": "Nope", "AttributeValue": "x"}]}', "LookupEvents",
     "InvalidLookupAttributesException"),
    (b'{"LookupAttributes": [{"AttributeKey": "Username"}]}', "LookupEvents", "InvalidLookupAttributesException"),
    (b'{"LookupAttributes": [{"AttributeKey": "ReadOnly", "AttributeValue": "maybe"}]}', "LookupEvents",
     "InvalidLookupAttributesException"),
    (b'{"LookupAttributes": [{"AttributeKey": "Username", "AttributeValue": "' + b"a" * 2001 + b'"}]}', "LookupEvents",
     "InvalidLookupAttributesException"),
    (b'{"EventCategory": "data"}', "LookupEvents", "InvalidEventCategoryException"),
    (b'{"NextToken": "MXx4fHl8eg=="}', "LookupEvents", "InvalidNextTokenException"),
    (b"{}", "CreateTrail", "UnknownOperationException"),
])
def test_lookup_events_refuses_hostile_bodies_with_json_errors(shared_server, body, operation, code):
    from helpers import send, sign
    request = sign(shared_server, body=body, service="cloudtrail",
                   headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation})
    response = send(request)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert response.json()["__type"] == code
    assert response.json()["message"]


def test_lookup_events_for_insights_is_empty(shared_server):
    trail = client(shared_server, "cloudtrail")
    client(shared_server).list_users()
    assert trail.lookup_events(EventCategory="insight")["Events"] == []


def test_console_sign_in_failures_are_recorded_without_the_typed_secret(server, warden, console_admin):
    from console_http import ConsoleHTTP
    account = server.account_id
    browser = ConsoleHTTP(server.endpoint)
    typo = "Admin-Passw0rd!-typed-as-user-name"
    assert browser.sign_in(account, "Admin", "wrong-password").status_code == 401
    assert browser.sign_in(account, typo, "whatever").status_code == 401
    assert browser.sign_in(account, *console_admin, headers={"User-Agent": "audit-test-browser/1.0"}).status_code == 200
    events = wait_for(lambda: (lambda found: found if len(found) >= 3 else None)(
        audit_json(warden, server, "--action", "signin:ConsoleLogin")))
    assert [e["responseElements"]["ConsoleLogin"] for e in events] == ["Failure", "Failure", "Success"]
    wrong_password, unknown_user, success = events
    for event in events:
        assert event["eventSource"] == "signin.amazonaws.com" and event["eventType"] == "AwsConsoleSignIn"
        assert event["recipientAccountId"] == account
        assert event["additionalEventData"]["MFAUsed"] == "No"
    assert wrong_password["userIdentity"]["userName"] == "Admin"
    assert wrong_password["errorMessage"] == "Failed authentication"
    # A name that matches no user may be a password typed in the wrong field: CloudTrail hides it.
    assert unknown_user["userIdentity"]["userName"] == HIDDEN
    assert success["userIdentity"]["arn"] == f"arn:aws:iam::{account}:user/Admin"
    assert success["userAgent"] == "audit-test-browser/1.0"
    assert "errorMessage" not in success
    everything = warden("audit", "--data-dir", str(server.data_dir), "--json").stdout
    assert typo not in everything and "wrong-password" not in everything and console_admin[1] not in everything


def test_concurrent_calls_are_all_recorded_once(server, warden):
    """Many clients at once: batches of 100 are written as they fill, and no event is lost or doubled."""
    from concurrent.futures import ThreadPoolExecutor
    iam = client(server)

    def calls(worker):
        own = client(server)
        for _ in range(50):
            own.list_users(MaxItems=1)
    iam.list_users()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(calls, range(6)))
    expected = 6 * 50 + 1
    events = wait_for(lambda: (lambda found: found if len(found) >= expected else None)(
        audit_json(warden, server, "--action", "iam:ListUsers")))
    assert events and len(events) == expected
    assert len({e["eventID"] for e in events}) == expected
    assert len({e["requestID"] for e in events}) == expected
    times = [e["eventTime"] for e in events]
    assert times == sorted(times)

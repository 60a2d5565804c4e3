"""STS GetSessionToken and GetCallerIdentity (iam-facts §5; botocore `sts/2011-06-15`; the
GetSessionToken API reference: session credentials without MFA cannot call IAM, and cannot call STS
APIs other than AssumeRole and GetCallerIdentity)."""
import datetime
import re

import pytest
import requests
from botocore.exceptions import ClientError

from helpers import IAM_READ_ONLY, INVALID_TOKEN, client, deny, document, expect_error, unique, user_with_key

MFA_FAILED = ("MultiFactorAuthentication failed, unable to validate MFA code.  "
              "Please verify your MFA serial number is valid and associated with this user.")


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def reader(iam):
    return user_with_key(iam, managed=[IAM_READ_ONLY])


@pytest.fixture(scope="module")
def session(shared_server, reader):
    return client(shared_server, "sts", reader).get_session_token()["Credentials"]


def seconds_until(expiration):
    return (expiration - datetime.datetime.now(datetime.timezone.utc)).total_seconds()


def test_get_session_token_returns_temporary_credentials(session):
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", session["AccessKeyId"]), session["AccessKeyId"]
    assert len(session["SecretAccessKey"]) == 40
    assert session["SessionToken"]
    # IAM users get 43,200 seconds (12 hours) by default.
    assert 43_200 - 120 <= seconds_until(session["Expiration"]) <= 43_200 + 120


def test_session_credentials_identify_the_user(shared_server, reader, session):
    identity = client(shared_server, "sts", session).get_caller_identity()
    assert identity == {"UserId": reader["UserId"], "Account": shared_server.account_id, "Arn": reader["Arn"],
                        "ResponseMetadata": identity["ResponseMetadata"]}


def test_session_credentials_without_mfa_cannot_call_iam(shared_server, session):
    # GetSessionToken API reference: "You cannot call any IAM API operations unless MFA authentication
    # information is included in the request." Observed answer: InvalidClientTokenId, 403.
    expect_error(lambda: client(shared_server, "iam", session).list_users(), "InvalidClientTokenId", 403, INVALID_TOKEN)


def test_session_credentials_keep_the_users_permissions_limits(shared_server, reader, session):
    # Whatever IAM allows a non-MFA session, it is never more than the user has.
    name = unique("viasession")
    with pytest.raises(ClientError) as info:
        client(shared_server, "iam", session).create_user(UserName=name)
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert info.value.response["Error"]["Code"] in ("AccessDenied", "InvalidClientTokenId")
    expect_error(lambda: shared_server.client("iam").get_user(UserName=name), "NoSuchEntity", 404)


def test_the_session_token_is_required_and_must_match(shared_server, session):
    without = {k: v for k, v in session.items() if k != "SessionToken"}
    expect_error(lambda: client(shared_server, "sts", without).get_caller_identity(), "InvalidClientTokenId", 403,
                 INVALID_TOKEN)
    token = session["SessionToken"]
    wrong = dict(session, SessionToken=token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    expect_error(lambda: client(shared_server, "sts", wrong).get_caller_identity(), "InvalidClientTokenId", 403,
                 INVALID_TOKEN)
    other_secret = dict(session, SecretAccessKey="z" * 40)
    expect_error(lambda: client(shared_server, "sts", other_secret).get_caller_identity(), "SignatureDoesNotMatch", 403)


def test_a_session_cannot_get_another_session(shared_server, session):
    expect_error(lambda: client(shared_server, "sts", session).get_session_token(), "AccessDenied", 403)


@pytest.mark.parametrize("duration, constraint", [
    (899, "Member must have value greater than or equal to 900"),
    (129_601, "Member must have value less than or equal to 129600"),
])
def test_duration_out_of_range_is_a_validation_error(shared_server, reader, duration, constraint):
    sts = client(shared_server, "sts", reader, validate=False)
    expect_error(lambda: sts.get_session_token(DurationSeconds=duration), "ValidationError", 400,
                 f"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: {constraint}")


@pytest.mark.parametrize("duration", [900, 129_600])
def test_duration_bounds_are_accepted(shared_server, reader, duration):
    credentials = client(shared_server, "sts", reader).get_session_token(DurationSeconds=duration)["Credentials"]
    assert duration - 120 <= seconds_until(credentials["Expiration"]) <= duration + 120


def test_root_sessions_last_at_most_an_hour(shared_server):
    sts = client(shared_server, "sts", validate=False)
    credentials = sts.get_session_token()["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    assert 3600 - 120 <= seconds_until(credentials["Expiration"]) <= 3600 + 120, "root's default is one hour"
    identity = client(shared_server, "sts", credentials).get_caller_identity()
    assert identity["Arn"] == f"arn:aws:iam::{shared_server.account_id}:root"


def test_root_sessions_longer_than_an_hour_are_cut_to_an_hour(shared_server):
    # botocore sts model, DurationSeconds: "Sessions for Amazon Web Services account owners are restricted to a
    # maximum of 3,600 seconds (one hour). If the duration is longer than one hour, the session for Amazon Web
    # Services account owners defaults to one hour."
    credentials = shared_server.client("sts").get_session_token(DurationSeconds=7200)["Credentials"]
    assert 3600 - 120 <= seconds_until(credentials["Expiration"]) <= 3600 + 120


def test_mfa_code_without_a_device_is_access_denied(shared_server, reader):
    sts = client(shared_server, "sts", reader)
    serial = f"arn:aws:iam::{shared_server.account_id}:mfa/{reader['Name']}"
    expect_error(lambda: sts.get_session_token(SerialNumber=serial, TokenCode="123456"), "AccessDenied", 403, MFA_FAILED)


def test_token_code_must_be_six_digits(shared_server, reader):
    sts = client(shared_server, "sts", reader, validate=False)
    serial = f"arn:aws:iam::{shared_server.account_id}:mfa/{reader['Name']}"
    expect_error(lambda: sts.get_session_token(SerialNumber=serial, TokenCode="12"), "ValidationError", 400)


def test_presigned_url_with_session_credentials(shared_server, reader, session):
    url = client(shared_server, "sts", session).generate_presigned_url("get_caller_identity", HttpMethod="GET")
    assert "X-Amz-Security-Token=" in url
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, response.text
    assert f"<Arn>{reader['Arn']}</Arn>" in response.text
    without_token = re.sub(r"&?X-Amz-Security-Token=[^&]*", "", url)
    assert requests.get(without_token, timeout=30).status_code == 403


def test_get_session_token_needs_no_permission(shared_server, iam):
    nobody = user_with_key(iam, inline=document(deny("*")))  # policies cannot block it, not even a Deny
    credentials = client(shared_server, "sts", nobody).get_session_token(DurationSeconds=900)["Credentials"]
    assert client(shared_server, "sts", credentials).get_caller_identity()["Arn"] == nobody["Arn"]


def test_cli_get_session_token_and_use_it(shared_server, reader):
    _, issued, _ = shared_server.cli("sts", "get-session-token", "--duration-seconds", "900",
                                     access_key_id=reader["AccessKeyId"], secret_access_key=reader["SecretAccessKey"])
    credentials = issued["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA") and len(credentials["AccessKeyId"]) == 20
    _, identity, _ = shared_server.cli("sts", "get-caller-identity", access_key_id=credentials["AccessKeyId"],
                                       secret_access_key=credentials["SecretAccessKey"],
                                       session_token=credentials["SessionToken"])
    assert identity["Arn"] == reader["Arn"]
    code, _, stderr = shared_server.cli("sts", "get-caller-identity", access_key_id=credentials["AccessKeyId"],
                                        secret_access_key=credentials["SecretAccessKey"], check=False)
    assert code != 0 and "InvalidClientTokenId" in stderr

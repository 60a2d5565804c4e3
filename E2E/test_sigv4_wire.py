"""SigV4 and the Query protocol on the wire, with hand-made requests (`requests` + botocore's
`SigV4Auth`): signatures, clock skew, presigned URLs, error envelopes and hostile bodies
(iam-facts §4.1–4.2, §7)."""
import datetime
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
import requests

from helpers import (INVALID_TOKEN, SIGNATURE_MISMATCH, assert_wire_error, client, send, sign, utc_now, xml_error)

LIST_USERS = {"Action": "ListUsers", "Version": "2010-05-08"}
IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"


def test_a_correctly_signed_post_succeeds_with_a_request_id(shared_server):
    response = send(sign(shared_server, params=LIST_USERS))
    assert response.status_code == 200, response.text
    root = ET.fromstring(response.content)
    assert root.tag == f"{IAM_NS}ListUsersResponse"
    assert root.find(f"{IAM_NS}ListUsersResult/{IAM_NS}IsTruncated") is not None
    request_id = root.findtext(f"{IAM_NS}ResponseMetadata/{IAM_NS}RequestId")
    assert request_id and response.headers["x-amzn-RequestId"] == request_id


def test_a_get_with_a_query_string_is_accepted(shared_server):
    response = send(sign(shared_server, method="GET", query="Action=ListUsers&Version=2010-05-08&MaxItems=1"))
    assert response.status_code == 200, response.text
    assert ET.fromstring(response.content).tag == f"{IAM_NS}ListUsersResponse"
    assert response.headers.get("x-amzn-RequestId")


def test_a_tampered_signature_does_not_match(shared_server):
    request = sign(shared_server, params=LIST_USERS)
    authorization = request.headers["Authorization"]
    last = authorization[-1]
    tampered = authorization[:-1] + ("0" if last != "0" else "1")
    response = send(request, headers={"Authorization": tampered})
    assert_wire_error(response, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)


def test_a_body_changed_after_signing_does_not_match(shared_server):
    request = sign(shared_server, params=LIST_USERS)
    response = send(request, body="Action=ListUsers&Version=2010-05-08&MaxItems=1")
    assert_wire_error(response, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)
    response = send(request, body="Action=CreateUser&Version=2010-05-08&UserName=intruder")
    assert_wire_error(response, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)
    expect_missing = send(sign(shared_server, params={"Action": "GetUser", "Version": "2010-05-08", "UserName": "intruder"}))
    assert_wire_error(expect_missing, "NoSuchEntity", 404)


def test_a_changed_signed_header_does_not_match(shared_server):
    request = sign(shared_server, params=LIST_USERS)
    response = send(request, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_wire_error(response, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)


def test_a_wrong_secret_does_not_match(shared_server):
    response = send(sign(shared_server, params=LIST_USERS, secret="x" * 40))
    assert_wire_error(response, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)


@pytest.mark.parametrize("minutes, phrase", [(-20, "Signature expired: "), (20, "Signature not yet current: ")])
def test_clock_skew_beyond_15_minutes_is_refused(shared_server, minutes, phrase):
    when = utc_now() + datetime.timedelta(minutes=minutes)
    response = send(sign(shared_server, params=LIST_USERS, when=when))
    message = assert_wire_error(response, "RequestExpired", 400)
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    assert message.startswith(phrase + stamp), message
    assert message.endswith("- 15 min.)" if minutes < 0 else "+ 15 min.)"), message


@pytest.mark.parametrize("minutes", [-10, 10])
def test_clock_skew_within_15_minutes_is_accepted(shared_server, minutes):
    response = send(sign(shared_server, params=LIST_USERS, when=utc_now() + datetime.timedelta(minutes=minutes)))
    assert response.status_code == 200, response.text


def test_no_authorization_is_a_missing_token(shared_server):
    response = requests.post(shared_server.endpoint + "/", data=LIST_USERS, timeout=30)
    assert_wire_error(response, "MissingAuthenticationToken", 403, "Request is missing Authentication Token")
    response = requests.get(shared_server.endpoint + "/?Action=ListUsers&Version=2010-05-08", timeout=30)
    assert_wire_error(response, "MissingAuthenticationToken", 403)


@pytest.mark.parametrize("header", [
    "garbage",
    "AWS4-HMAC-SHA256",
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20150830/us-east-1/iam/aws4_request",
    "AWS4-HMAC-SHA256 Credential=only/three/parts, SignedHeaders=host;x-amz-date, Signature=abcd",
])
def test_a_malformed_authorization_header_is_an_incomplete_signature(shared_server, header):
    request = sign(shared_server, params=LIST_USERS)
    response = send(request, headers={"Authorization": header})
    assert_wire_error(response, "IncompleteSignature", 400)


def test_a_missing_date_is_an_incomplete_signature(shared_server):
    request = sign(shared_server, params=LIST_USERS)
    response = send(request, headers={"X-Amz-Date": None})
    message = assert_wire_error(response, "IncompleteSignature", 400)
    assert "X-Amz-Date" in message


def test_header_and_query_signatures_must_not_be_mixed(shared_server):
    url = shared_server.client("sts").generate_presigned_url("get_caller_identity", HttpMethod="GET")
    header = sign(shared_server, params=LIST_USERS).headers["Authorization"]
    response = requests.get(url, headers={"Authorization": header}, timeout=30)
    assert_wire_error(response, "IncompleteSignature", 400)


def test_an_unknown_access_key_is_an_invalid_client_token(shared_server):
    response = send(sign(shared_server, params=LIST_USERS, access_key="AKIAIOSFODNN7EXAMPLE"))
    assert_wire_error(response, "InvalidClientTokenId", 403, INVALID_TOKEN)


def test_an_unknown_action_is_invalid(shared_server):
    response = send(sign(shared_server, params={"Action": "FrobnicateUsers", "Version": "2010-05-08"}))
    message = assert_wire_error(response, "InvalidAction", 400)
    assert "FrobnicateUsers" in message
    # An STS action signed for IAM is not an IAM action either.
    response = send(sign(shared_server, params={"Action": "GetSessionToken", "Version": "2010-05-08"}))
    assert_wire_error(response, "InvalidAction", 400)


def test_a_request_without_an_action_is_a_client_error(shared_server):
    response = send(sign(shared_server, params={"Version": "2010-05-08"}))
    assert 400 <= response.status_code < 500
    xml_error(response)


def test_a_presigned_get_caller_identity_url_works(shared_server):
    sts = shared_server.client("sts")
    # As `aws eks get-token` does: presigned for GET (the default would sign the model's POST).
    url = sts.generate_presigned_url("get_caller_identity", ExpiresIn=300, HttpMethod="GET")
    assert "X-Amz-Signature=" in url and "Authorization" not in url
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, response.text
    ns = "{https://sts.amazonaws.com/doc/2011-06-15/}"
    root = ET.fromstring(response.content)
    assert root.findtext(f"{ns}GetCallerIdentityResult/{ns}Arn") == f"arn:aws:iam::{shared_server.account_id}:root"
    assert response.headers.get("x-amzn-RequestId")
    tampered = url.replace("Action=GetCallerIdentity", "Action=GetSessionToken")
    assert tampered != url
    assert_wire_error(requests.get(tampered, timeout=30), "SignatureDoesNotMatch", 403)
    # The method is signed: a URL presigned for POST does not work as a GET, and does as a POST.
    post_url = sts.generate_presigned_url("get_caller_identity", ExpiresIn=300)
    assert_wire_error(requests.get(post_url, timeout=30), "SignatureDoesNotMatch", 403)
    assert requests.post(post_url, timeout=30).status_code == 200


def test_an_expired_presigned_url_is_refused(shared_server):
    sts = shared_server.client("sts")
    two_hours_ago = utc_now() - datetime.timedelta(hours=2)
    with mock.patch("botocore.auth.get_current_datetime", return_value=two_hours_ago):
        url = sts.generate_presigned_url("get_caller_identity", ExpiresIn=3600, HttpMethod="GET")
    response = requests.get(url, timeout=30)
    assert response.status_code in (400, 403), response.text
    code, _, _, _ = xml_error(response)
    assert code == "RequestExpired"


def test_error_bodies_are_aws_error_responses(shared_server):
    response = send(sign(shared_server, params={"Action": "GetUser", "Version": "2010-05-08", "UserName": "nobody-here"}))
    assert response.status_code == 404
    root = ET.fromstring(response.content)
    assert root.tag == f"{IAM_NS}ErrorResponse"
    error = root.find(f"{IAM_NS}Error")
    assert [child.tag[len(IAM_NS):] for child in error][:3] == ["Type", "Code", "Message"]
    assert error.findtext(f"{IAM_NS}Type") == "Sender"
    assert error.findtext(f"{IAM_NS}Code") == "NoSuchEntity"
    assert error.findtext(f"{IAM_NS}Message") == "The user with name nobody-here cannot be found."
    assert root.findtext(f"{IAM_NS}RequestId") == response.headers["x-amzn-RequestId"]


def test_request_ids_are_unique_per_response(shared_server):
    ids = {send(sign(shared_server, params=LIST_USERS)).headers["x-amzn-RequestId"] for _ in range(5)}
    ids |= {requests.post(shared_server.endpoint + "/", data=LIST_USERS, timeout=30).headers["x-amzn-RequestId"]
            for _ in range(3)}
    assert len(ids) == 8


@pytest.mark.parametrize("body", [
    "Action=ListUsers&%ZZ",
    "Action=ListUsers&Version=2010-05-08&MaxItems=%",
    "Action=ListUsers&Version=2010-05-08&Marker=%FF%FE",
    "Action=ListUsers&Version=2010-05-08&MaxItems=abc",
    "Action=ListUsers&Version=2010-05-08&MaxItems=99999999999999999999999",
])
def test_malformed_form_bodies_are_400_with_an_aws_error_body(shared_server, body):
    response = send(sign(shared_server, body=body))
    assert response.status_code == 400, (response.status_code, response.text)
    xml_error(response)


@pytest.mark.parametrize("body", [
    "Action=ListUsers&Version=2010-05-08&=empty-name",
    "Action=ListUsers&Action=ListUsers&Version=2010-05-08",
    "Action=CreateUser&Version=2010-05-08&UserName=gappy&Tags.member.1.Key=k&Tags.member.3.Key=gap",
    "\x00\x01\x02",
    "&&&",
])
def test_odd_form_bodies_never_cause_a_server_error(shared_server, body):
    response = send(sign(shared_server, body=body))
    assert response.status_code < 500, (response.status_code, response.text)
    assert response.headers.get("x-amzn-RequestId")
    if response.status_code >= 400:
        xml_error(response)


def test_a_2_mb_body_is_refused_with_a_client_error(shared_server):
    body = "Action=ListUsers&Version=2010-05-08&Padding=" + "a" * (2 * 1024 * 1024)
    try:
        response = send(sign(shared_server, body=body))
    except requests.ConnectionError:
        pytest.fail("the server dropped the connection instead of answering 4xx")
    assert 400 <= response.status_code < 500, response.status_code
    xml_error(response)
    assert send(sign(shared_server, params=LIST_USERS)).status_code == 200, "the server still serves"


def test_a_session_token_with_a_long_term_key_is_invalid(shared_server):
    response = send(sign(shared_server, params=LIST_USERS, token="not-a-real-session-token"))
    assert_wire_error(response, "InvalidClientTokenId", 403, INVALID_TOKEN)


def test_sts_is_routed_by_the_credential_scope(shared_server):
    response = send(sign(shared_server, params={"Action": "GetCallerIdentity", "Version": "2011-06-15"}, service="sts"))
    assert response.status_code == 200, response.text
    assert "GetCallerIdentityResponse" in response.text
    errors = send(sign(shared_server, params={"Action": "GetCallerIdentity", "Version": "2011-06-15"}, service="sts",
                       secret="y" * 40))
    assert_wire_error(errors, "SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH)
    assert "sts.amazonaws.com/doc/2011-06-15/" in errors.text


def test_boto3_and_the_wire_agree_on_the_root_identity(shared_server):
    identity = client(shared_server, "sts").get_caller_identity()
    assert identity["Arn"] == f"arn:aws:iam::{shared_server.account_id}:root"
    assert identity["UserId"] == shared_server.account_id

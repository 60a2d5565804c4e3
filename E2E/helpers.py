"""Helpers shared by the IAM/STS end-to-end suites: error assertions, policy documents, users with
keys, and hand-signed SigV4 requests (botocore's `SigV4Auth` over `requests`)."""
import datetime
import json
import pathlib
import uuid
import xml.etree.ElementTree as ET
from unittest import mock
from urllib.parse import urlencode

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

REFERENCE = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "reference"
IAM_READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
IAM_FULL = "arn:aws:iam::aws:policy/IAMFullAccess"
EC2_FULL = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
INVALID_TOKEN = "The security token included in the request is invalid."
SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. "
                      "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")


def unique(prefix="e2e"):
    """A name no other test uses (IAM names are case-insensitive, so lowercase hex is enough)."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def client(server, service="iam", creds=None, validate=True):
    """A boto3 client; `creds` is a dict from `user_with_key` or a session's `Credentials`.
    `validate=False` turns off botocore's client-side checks so out-of-range values reach the server."""
    creds = creds or {}
    return boto3.client(
        service, endpoint_url=server.endpoint, region_name="us-east-1",
        aws_access_key_id=creds.get("AccessKeyId", server.access_key_id),
        aws_secret_access_key=creds.get("SecretAccessKey", server.secret_access_key),
        aws_session_token=creds.get("SessionToken"),
        config=Config(retries={"max_attempts": 1}, parameter_validation=validate))


def expect_error(call, code, status, message=None, contains=None):
    """Runs `call()`, which must fail with `code`, HTTP `status` and (if given) exactly `message`."""
    with pytest.raises(ClientError) as info:
        call()
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    if message is not None:
        assert response["Error"]["Message"] == message
    if contains is not None:
        assert contains in response["Error"]["Message"], response["Error"]["Message"]
    return response["Error"]


def document(*statements, version="2012-10-17"):
    return json.dumps({"Version": version, "Statement": list(statements)})


def allow(action, resource="*"):
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def deny(action, resource="*"):
    return {"Effect": "Deny", "Action": action, "Resource": resource}


def user_with_key(iam, name=None, managed=(), inline=None, groups=(), boundary=None, path="/"):
    """Creates a user (root's client), attaches `managed` ARNs, puts `inline` (a document string),
    adds it to `groups`, and gives it an access key. Returns the key as a dict plus Name/Arn/UserId."""
    name = name or unique("user")
    args = {"UserName": name, "Path": path}
    if boundary:
        args["PermissionsBoundary"] = boundary
    user = iam.create_user(**args)["User"]
    for arn in managed:
        iam.attach_user_policy(UserName=name, PolicyArn=arn)
    if inline:
        iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=inline)
    for group in groups:
        iam.add_user_to_group(GroupName=group, UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"Name": name, "Arn": user["Arn"], "UserId": user["UserId"],
            "AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}


# ---- SigV4 on the wire ----------------------------------------------------------------------

def sign(server, body=None, params=None, method="POST", service="iam", access_key=None, secret=None, token=None,
         when=None, headers=None, query=None, region="us-east-1"):
    """An `AWSRequest` signed with SigV4 (header auth). `params` is form-encoded into the body;
    `query` goes into the URL; `when` (naive UTC datetime) replaces the signing clock."""
    if body is None and params is not None:
        body = urlencode(params)
    url = server.endpoint + "/" + (f"?{query}" if query else "")
    all_headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"} if method == "POST" else {}
    all_headers.update(headers or {})
    data = (body or b"") if method == "POST" else None
    request = AWSRequest(method=method, url=url, data=data, headers=all_headers)
    creds = Credentials(access_key or server.access_key_id, secret or server.secret_access_key, token)
    signer = SigV4Auth(creds, service, region)
    if when is None:
        signer.add_auth(request)
    else:
        with mock.patch("botocore.auth.get_current_datetime", return_value=when):
            signer.add_auth(request)
    return request


def send(request, body=None, headers=None):
    """Sends a signed `AWSRequest`, optionally with a different body or extra/changed headers."""
    prepared = request.prepare()
    all_headers = dict(prepared.headers)
    all_headers.update(headers or {})
    data = prepared.body if body is None else body
    return requests.request(prepared.method, prepared.url, headers=all_headers, data=data, timeout=30)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def xml_error(response):
    """Checks the AWS Query error envelope and returns (Code, Message, Type, RequestId)."""
    assert response.headers.get("x-amzn-RequestId"), response.headers
    root = ET.fromstring(response.content)
    assert root.tag.endswith("ErrorResponse"), response.text
    ns = root.tag[: -len("ErrorResponse")]
    error = root.find(f"{ns}Error")
    assert error is not None, response.text
    fields = {child.tag[len(ns):]: (child.text or "") for child in error}
    request_id = root.findtext(f"{ns}RequestId")
    assert request_id, response.text
    assert request_id == response.headers["x-amzn-RequestId"]
    return fields.get("Code"), fields.get("Message"), fields.get("Type"), request_id


def assert_wire_error(response, code, status, message=None):
    assert response.status_code == status, (response.status_code, response.text)
    got_code, got_message, got_type, _ = xml_error(response)
    assert got_code == code, response.text
    assert got_type == ("Sender" if status < 500 else "Receiver")
    if message is not None:
        assert got_message == message
    return got_message

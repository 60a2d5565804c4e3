"""Bad input is expected (house rule 5): every operation Warden serves, called with missing,
empty, oversized and mistyped parameters, answers a 4xx with an AWS error body, never a 5xx,
and the server stays up."""
import re
import xml.etree.ElementTree as ET

import botocore.session
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SESSION = botocore.session.get_session()
SERVED = {
    "iam": "Sources/IAMServices/Authorization/APIOperation.swift",
    "ec2": "Sources/IAMServices/EC2/EC2Operation.swift",
}


def served_operations(service):
    import pathlib
    root = pathlib.Path(__file__).resolve().parent.parent
    text = (root / SERVED[service]).read_text()
    names = set(re.findall(r'= "([A-Z][A-Za-z0-9]+)"', text))
    model = SESSION.get_service_model(service)
    return sorted(name for name in names if name in model.operation_names)


def send(server, service, params, version):
    body = "&".join(f"{k}={requests.utils.quote(str(v), safe='')}" for k, v in params.items())
    request = AWSRequest(method="POST", url=server.endpoint + "/", data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(server.access_key_id, server.secret_access_key), service, "us-east-1").add_auth(request)
    return requests.post(server.endpoint + "/", data=body, headers=dict(request.headers), timeout=30)


def variants(service, operation):
    model = SESSION.get_service_model(service).operation_model(operation)
    version = "2016-11-15" if service == "ec2" else "2010-05-08"
    base = {"Action": operation, "Version": version}
    yield dict(base)
    members = model.input_shape.members if model.input_shape else {}
    for name, shape in members.items():
        wire = shape.serialization.get("name", name) if service == "ec2" else name
        wire = wire[0].upper() + wire[1:]
        for junk in ("", "x" * 3000, "-1", "abc", "\u00ff\u0001", "arn:aws:iam::000000000000:policy/../../x", "${aws:username}"):
            if shape.type_name in ("list", "structure", "map"):
                yield {**base, f"{wire}.1": junk, f"{wire}.member.1": junk}
            else:
                yield {**base, wire: junk}


@pytest.mark.parametrize("service", ["iam", "ec2"])
def test_hostile_parameters_never_cause_a_5xx(shared_server, service):
    operations = served_operations(service)
    assert len(operations) >= (50 if service == "iam" else 20)
    failures = []
    count = 0
    for operation in operations:
        for params in variants(service, operation):
            response = send(shared_server, service, params, params["Version"])
            count += 1
            if response.status_code >= 500:
                failures.append(f"{operation} {list(params)[2:]}: {response.status_code} {response.text[:200]}")
                continue
            if response.status_code >= 400:
                root = ET.fromstring(response.text)
                code = root.find(".//{*}Code")
                if code is None:
                    code = root.find(".//Code")
                assert code is not None and code.text, response.text[:300]
    assert not failures, "\n".join(failures[:20])
    assert count > 300
    # Still serving.
    assert send(shared_server, "sts", {"Action": "GetCallerIdentity", "Version": "2011-06-15"}, "").status_code == 200

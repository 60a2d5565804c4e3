"""Walks botocore's IAM and STS models and calls every operation on the server as the account root,
with parameters built from the model's input shapes. An operation is implemented when the server
recognises it: any answer but InvalidAction / NotImplemented (a validation error or NoSuchEntity for
made-up names is fine: it means the operation ran its checks).

Issue 8's acceptance is 176/176 IAM and 11/11 STS. Until then NOT_YET lists the operations still
missing: the test fails if one of them starts working (update the list) or if any other operation
stops working (a regression)."""
import gzip
import json
import pathlib

import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError
import boto3

MODELS = pathlib.Path(botocore.__file__).parent / "data"

NOT_YET = set("""

""".split())


def model(service):
    path = next((MODELS / service).glob("*/service-2.json.gz"))
    return json.loads(gzip.open(path).read())


def sample(shapes, name, depth=0):
    """A value for a shape that satisfies botocore's client-side checks (lengths, enums, patterns aside)."""
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        return {member: sample(shapes, spec["shape"], depth + 1) for member, spec in shape.get("members", {}).items()
                if member in shape.get("required", []) and depth < 4}
    if kind == "list":
        return [sample(shapes, shape["member"]["shape"], depth + 1)] if shape.get("min", 0) > 0 else []
    if kind == "map":
        return {}
    if kind == "string":
        if "enum" in shape:
            return shape["enum"][0]
        length = max(shape.get("min", 1), 1)
        text = "arn:aws:iam::123456789012:role/warden-walk" if length >= 20 else "walk"
        return (text + "x" * length)[: max(length, min(len(text), shape.get("max", 2048)))]
    if kind in ("integer", "long"):
        return shape.get("min", 1) if shape.get("min", 1) > 0 else 1
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return "2026-01-01T00:00:00Z"
    if kind == "blob":
        return b"walk"
    return None


def operations():
    for service in ("iam", "sts"):
        spec = model(service)
        for name, operation in spec["operations"].items():
            yield service, name, operation, spec["shapes"]


@pytest.mark.parametrize("service,name,operation,shapes", list(operations()), ids=lambda value: value if isinstance(value, str) else "")
def test_operation_is_recognised(shared_server, service, name, operation, shapes):
    client = boto3.client(service, endpoint_url=shared_server.endpoint, region_name="us-east-1",
                          aws_access_key_id=shared_server.access_key_id,
                          aws_secret_access_key=shared_server.secret_access_key,
                          config=Config(retries={"max_attempts": 1}, parameter_validation=False))
    parameters = sample(shapes, operation["input"]["shape"]) if "input" in operation else {}
    method = getattr(client, botocore.xform_name(name))
    try:
        method(**parameters)
        code = None
    except ClientError as error:
        code = error.response["Error"]["Code"]
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] < 500, (name, error.response)
    except ParamValidationError:
        pytest.fail(f"the sample parameters for {name} do not pass botocore's checks")
    # Unsigned operations (AssumeRoleWithSAML/WebIdentity) are refused before routing until the
    # endpoint accepts them unsigned.
    recognised = code not in ("InvalidAction", "NotImplemented", "MissingAuthenticationToken", "IncompleteSignature")
    if name in NOT_YET:
        assert not recognised, f"{name} now works: remove it from NOT_YET"
    else:
        assert recognised, f"{name} answered {code}"


def test_counts_match_the_models():
    iam, sts = model("iam")["operations"], model("sts")["operations"]
    assert len(iam) == 176 and len(sts) == 11
    implemented_iam = len([n for n in iam if n not in NOT_YET])
    implemented_sts = len([n for n in sts if n not in NOT_YET])
    print(f"implemented: IAM {implemented_iam}/176, STS {implemented_sts}/11")
    assert NOT_YET <= set(iam) | set(sts)

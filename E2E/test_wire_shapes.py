"""Every response Warden sends is checked element by element against botocore's output shapes
(the wire spec): each XML element must be a member of its shape, lists and maps use the model's
member/entry names, required members are present, and scalars parse as their types."""
import json
import xml.etree.ElementTree as ET

import botocore.session
import pytest

MODELS = {name: botocore.session.get_session().get_service_model(name) for name in ("iam", "sts")}


def strip(tag):
    return tag.split("}", 1)[-1]


def check_shape(element, shape, path, problems):
    kind = shape.type_name
    if kind == "structure":
        members = {}
        for name, member in shape.members.items():
            members[member.serialization.get("name", name)] = member
        seen = set()
        for child in element:
            tag = strip(child.tag)
            if tag not in members:
                problems.append(f"{path}/{tag}: not a member of {shape.name}")
                continue
            if tag in seen:
                problems.append(f"{path}/{tag}: repeated")
            seen.add(tag)
            check_shape(child, members[tag], f"{path}/{tag}", problems)
        for name in shape.required_members:
            wire = shape.members[name].serialization.get("name", name)
            if wire not in seen:
                problems.append(f"{path}: required member {wire} of {shape.name} missing")
    elif kind == "list":
        member_name = shape.member.serialization.get("name", "member")
        for child in element:
            if strip(child.tag) != member_name:
                problems.append(f"{path}/{strip(child.tag)}: list items must be <{member_name}>")
            else:
                check_shape(child, shape.member, f"{path}/{member_name}", problems)
    elif kind == "map":
        for entry in element:
            if strip(entry.tag) != "entry":
                problems.append(f"{path}/{strip(entry.tag)}: map items must be <entry>")
                continue
            tags = [strip(c.tag) for c in entry]
            if tags != ["key", "value"]:
                problems.append(f"{path}/entry: expected key, value; found {tags}")
            for child in entry:
                sub = shape.key if strip(child.tag) == "key" else shape.value
                check_shape(child, sub, f"{path}/entry/{strip(child.tag)}", problems)
    else:
        text = element.text or ""
        if len(element):
            problems.append(f"{path}: scalar {shape.name} has child elements")
        elif kind == "boolean" and text not in ("true", "false"):
            problems.append(f"{path}: boolean is {text!r}")
        elif kind in ("integer", "long") and not text.lstrip("-").isdigit():
            problems.append(f"{path}: integer is {text!r}")
        elif kind == "timestamp" and not (len(text) >= 20 and text[10] == "T" and text.endswith("Z")):
            problems.append(f"{path}: timestamp is {text!r}")
        elif kind == "string" and "enum" in shape.metadata and text not in shape.metadata["enum"]:
            problems.append(f"{path}: {text!r} not in enum {shape.metadata['enum']}")


def check_response(service, operation, body):
    model = MODELS[service]
    op = model.operation_model(operation)
    root = ET.fromstring(body)
    problems = []
    assert strip(root.tag) == f"{operation}Response", body[:200]
    assert root.tag.startswith("{" + model.metadata["xmlNamespace"]), root.tag
    children = [strip(c.tag) for c in root]
    assert children[-1] == "ResponseMetadata", children
    if op.output_shape is None:
        assert children == ["ResponseMetadata"], children
        return problems
    result = root.find(f"{{*}}{op.output_shape.serialization.get('resultWrapper', operation + 'Result')}")
    assert result is not None, f"{operation}: no result wrapper in {children}"
    check_shape(result, op.output_shape, operation, problems)
    return problems


class Recorder:
    """Captures each raw HTTP body botocore receives, per operation."""

    def __init__(self):
        self.bodies = []

    def __call__(self, http_response, parsed, model, **kwargs):
        if http_response.status_code == 200:
            self.bodies.append((model.name, http_response.content.decode()))


POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]})


def test_every_response_matches_the_botocore_output_shape(server):
    recorders = {}
    clients = {}
    for service in ("iam", "sts"):
        clients[service] = server.client(service)
        recorders[service] = Recorder()
        clients[service].meta.events.register("after-call", recorders[service])
    iam, sts = clients["iam"], clients["sts"]
    acct = server.account_id
    iam.create_user(UserName="shape-user", Path="/team/", Tags=[{"Key": "team", "Value": "blue"}],
                    PermissionsBoundary="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.get_user(UserName="shape-user")
    iam.list_users()
    iam.update_user(UserName="shape-user", NewPath="/team2/")
    iam.tag_user(UserName="shape-user", Tags=[{"Key": "cost", "Value": "1"}])
    iam.list_user_tags(UserName="shape-user")
    iam.untag_user(UserName="shape-user", TagKeys=["cost"])
    iam.create_group(GroupName="shape-group")
    iam.add_user_to_group(GroupName="shape-group", UserName="shape-user")
    iam.get_group(GroupName="shape-group")
    iam.list_groups()
    iam.list_groups_for_user(UserName="shape-user")
    arn = iam.create_policy(PolicyName="shape-policy", PolicyDocument=POLICY, Description="d",
                            Tags=[{"Key": "k", "Value": "v"}])["Policy"]["Arn"]
    iam.get_policy(PolicyArn=arn)
    iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AmazonEC2FullAccess")
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=POLICY, SetAsDefault=True)
    iam.get_policy_version(PolicyArn=arn, VersionId="v1")
    iam.list_policy_versions(PolicyArn=arn)
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v1")
    iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    iam.list_policies(Scope="Local")
    iam.list_policies(Scope="AWS", MaxItems=5)
    iam.list_policy_tags(PolicyArn=arn)
    iam.attach_user_policy(UserName="shape-user", PolicyArn=arn)
    iam.attach_group_policy(GroupName="shape-group", PolicyArn="arn:aws:iam::aws:policy/AmazonEC2FullAccess")
    iam.list_attached_user_policies(UserName="shape-user")
    iam.list_attached_group_policies(GroupName="shape-group")
    iam.list_entities_for_policy(PolicyArn=arn)
    iam.put_user_policy(UserName="shape-user", PolicyName="inline", PolicyDocument=POLICY)
    iam.get_user_policy(UserName="shape-user", PolicyName="inline")
    iam.list_user_policies(UserName="shape-user")
    iam.put_group_policy(GroupName="shape-group", PolicyName="ginline", PolicyDocument=POLICY)
    iam.get_group_policy(GroupName="shape-group", PolicyName="ginline")
    iam.list_group_policies(GroupName="shape-group")
    iam.get_account_authorization_details()
    iam.get_account_summary()
    iam.create_account_alias(AccountAlias=f"shape-{acct}")
    iam.list_account_aliases()
    key = iam.create_access_key(UserName="shape-user")["AccessKey"]
    iam.list_access_keys(UserName="shape-user")
    iam.update_access_key(UserName="shape-user", AccessKeyId=key["AccessKeyId"], Status="Inactive")
    iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])
    sts.get_caller_identity()
    sts.get_session_token(DurationSeconds=900)
    iam.delete_access_key(UserName="shape-user", AccessKeyId=key["AccessKeyId"])
    iam.delete_user_policy(UserName="shape-user", PolicyName="inline")
    iam.detach_user_policy(UserName="shape-user", PolicyArn=arn)
    iam.delete_policy(PolicyArn=arn)

    problems = []
    checked = set()
    for service, recorder in recorders.items():
        for operation, body in recorder.bodies:
            checked.add(operation)
            problems += check_response(service, operation, body)
    assert not problems, "\n".join(problems)
    assert len(checked) >= 45, sorted(checked)


def test_error_body_is_the_query_error_envelope(server):
    import requests
    response = requests.post(server.endpoint, data="Action=ListUsers&Version=2010-05-08", timeout=10,
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 403
    root = ET.fromstring(response.text)
    assert strip(root.tag) == "ErrorResponse"
    error = root.find("{*}Error")
    assert [strip(c.tag) for c in error] == ["Type", "Code", "Message"]
    assert error.find("{*}Type").text == "Sender"
    assert error.find("{*}Code").text == "MissingAuthenticationToken"
    assert root.find("{*}RequestId").text == response.headers["x-amzn-RequestId"]

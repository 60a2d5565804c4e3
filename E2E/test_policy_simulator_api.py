"""SimulateCustomPolicy, SimulatePrincipalPolicy and GetContextKeysFor{Custom,Principal}Policy over the
wire (botocore `iam/2010-05-08`; AWS CLI examples `simulate-custom-policy.rst`, `simulate-principal-policy.rst`;
API reference `EvaluationResult`: one result per action, the most restrictive decision on top and each
resource in `ResourceSpecificResults`)."""
import json

import pytest

from helpers import (IAM_READ_ONLY, REFERENCE, allow, client, deny, document, expect_error, unique, user_with_key)
from test_wire_shapes import Recorder, check_response

# The AWS CLI documentation's example, character for character.
DYNAMO_AFTER_2018 = ('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*",'
                     '"Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}')
SYNTAX = "Syntax errors in policy."


def current_time(value):
    return [{"ContextKeyName": "aws:CurrentTime", "ContextKeyValues": [value], "ContextKeyType": "date"}]


def positions(statement):
    return ((statement["StartPosition"]["Line"], statement["StartPosition"]["Column"]),
            (statement["EndPosition"]["Line"], statement["EndPosition"]["Column"]))


def sources(result):
    return [(s["SourcePolicyId"], s["SourcePolicyType"]) for s in result["MatchedStatements"]]


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


def test_the_aws_cli_examples(iam):
    allowed = iam.simulate_custom_policy(PolicyInputList=[DYNAMO_AFTER_2018], ActionNames=["dynamodb:CreateBackup"],
                                         ContextEntries=current_time("2019-04-25T11:00:00Z"))["EvaluationResults"]
    assert len(allowed) == 1
    result = allowed[0]
    assert (result["EvalActionName"], result["EvalResourceName"], result["EvalDecision"]) == (
        "dynamodb:CreateBackup", "*", "allowed")
    assert sources(result) == [("PolicyInputList.1", "none")]
    # AWS's numbers for this very text: the statement runs from column 38 to column 167 of line 1.
    assert positions(result["MatchedStatements"][0]) == ((1, 38), (1, 167))
    assert result["MissingContextValues"] == []
    assert "ResourceSpecificResults" not in result and "EvalDecisionDetails" not in result
    before = iam.simulate_custom_policy(PolicyInputList=[DYNAMO_AFTER_2018], ActionNames=["dynamodb:CreateBackup"],
                                        ContextEntries=current_time("2014-04-25T11:00:00Z"))["EvaluationResults"][0]
    assert (before["EvalDecision"], before["MatchedStatements"], before["MissingContextValues"]) == ("implicitDeny", [], [])
    unknown = iam.simulate_custom_policy(PolicyInputList=[DYNAMO_AFTER_2018],
                                         ActionNames=["dynamodb:CreateBackup"])["EvaluationResults"][0]
    assert (unknown["EvalDecision"], unknown["MissingContextValues"]) == ("implicitDeny", ["aws:CurrentTime"])


def test_positions_in_a_pretty_printed_document(iam):
    text = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "List", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*"}]}, indent=4)
    lines = text.split("\n")
    opening = [i + 1 for i, line in enumerate(lines) if line == "        {"]
    closing = [i + 1 for i, line in enumerate(lines) if line.startswith("        }")]
    result = iam.simulate_custom_policy(PolicyInputList=[text], ActionNames=["s3:GetObject"])["EvaluationResults"][0]
    # Every Allow that applies is listed; the columns are just after `{` and just after `}` (both at column 9).
    assert [positions(s) for s in result["MatchedStatements"]] == [
        ((opening[0], 10), (closing[0], 10)), ((opening[1], 10), (closing[1], 10))]
    listing = iam.simulate_custom_policy(PolicyInputList=[text], ActionNames=["s3:ListBucket"])["EvaluationResults"][0]
    assert [positions(s) for s in listing["MatchedStatements"]] == [((opening[1], 10), (closing[1], 10))]


def test_an_explicit_deny_is_the_only_matched_statement(iam):
    everything = document(allow("s3:*"))
    no_delete = document(allow("s3:ListBucket"), deny("s3:DeleteBucket"))
    results = iam.simulate_custom_policy(PolicyInputList=[everything, no_delete],
                                         ActionNames=["s3:DeleteBucket", "s3:ListBucket", "ec2:RunInstances"])["EvaluationResults"]
    decisions = {r["EvalActionName"]: r for r in results}
    assert [r["EvalActionName"] for r in results] == ["s3:DeleteBucket", "s3:ListBucket", "ec2:RunInstances"]
    assert decisions["s3:DeleteBucket"]["EvalDecision"] == "explicitDeny"
    assert sources(decisions["s3:DeleteBucket"]) == [("PolicyInputList.2", "none")]
    assert decisions["s3:ListBucket"]["EvalDecision"] == "allowed"
    assert sources(decisions["s3:ListBucket"]) == [("PolicyInputList.1", "none"), ("PolicyInputList.2", "none")]
    assert (decisions["ec2:RunInstances"]["EvalDecision"], decisions["ec2:RunInstances"]["MatchedStatements"]) == (
        "implicitDeny", [])


def test_resources_give_one_result_per_action_with_the_most_restrictive_decision(iam):
    policy = document(allow("s3:GetObject", "arn:aws:s3:::team/*"), deny("s3:GetObject", "arn:aws:s3:::team/secret/*"))
    resources = ["arn:aws:s3:::team/a.txt", "arn:aws:s3:::other/b.txt", "arn:aws:s3:::team/secret/c.txt"]
    results = iam.simulate_custom_policy(PolicyInputList=[policy], ActionNames=["s3:GetObject"],
                                         ResourceArns=resources)["EvaluationResults"]
    assert len(results) == 1
    result = results[0]
    assert result["EvalDecision"] == "explicitDeny"
    assert result["EvalResourceName"] == resources[0]
    assert result["EvalDecisionDetails"] == {}, "same account, named resources: present and empty"
    per = {r["EvalResourceName"]: r for r in result["ResourceSpecificResults"]}
    assert [r["EvalResourceName"] for r in result["ResourceSpecificResults"]] == resources
    assert per[resources[0]]["EvalResourceDecision"] == "allowed"
    assert per[resources[1]]["EvalResourceDecision"] == "implicitDeny"
    assert per[resources[2]]["EvalResourceDecision"] == "explicitDeny"
    assert len(per[resources[2]]["MatchedStatements"]) == 1
    assert sources(result) == [("PolicyInputList.1", "none")]
    assert positions(result["MatchedStatements"][0]) == positions(per[resources[2]]["MatchedStatements"][0])
    only_allowed = iam.simulate_custom_policy(PolicyInputList=[policy], ActionNames=["s3:GetObject"],
                                              ResourceArns=resources[:1])["EvaluationResults"][0]
    assert only_allowed["EvalDecision"] == "allowed"


def test_permissions_boundary_caps_the_policies(iam):
    boundary = document(allow("s3:Get*"))
    results = iam.simulate_custom_policy(PolicyInputList=[document(allow("s3:*"))], PermissionsBoundaryPolicyInputList=[boundary],
                                         ActionNames=["s3:GetObject", "s3:PutObject"])["EvaluationResults"]
    get, put = results
    assert get["EvalDecision"] == "allowed" and get["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": True}
    assert sources(get) == [("PolicyInputList.1", "none")], "the boundary's statement is not a deciding one"
    assert put["EvalDecision"] == "implicitDeny" and put["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}
    without = iam.simulate_custom_policy(PolicyInputList=[document(allow("s3:*"))], ActionNames=["s3:PutObject"])
    assert "PermissionsBoundaryDecisionDetail" not in without["EvaluationResults"][0]
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=[document(allow("s3:*"))],
                                                    PermissionsBoundaryPolicyInputList=[boundary, boundary],
                                                    ActionNames=["s3:GetObject"]),
                 "InvalidInput", 400, "Only one permissions boundary policy can be simulated.")


def test_resource_policy_names_the_caller(iam, acct):
    bob = f"arn:aws:iam::{acct}:user/bob"
    bucket_policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": bob}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"}]})
    unrelated = document(allow("sqs:SendMessage"))
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=[unrelated], ActionNames=["s3:GetObject"],
                                                    ResourceArns=["arn:aws:s3:::shared/x"], ResourcePolicy=bucket_policy),
                 "InvalidInput", 400, "CallerArn must be specified when a ResourcePolicy is specified.")
    result = iam.simulate_custom_policy(PolicyInputList=[unrelated], ActionNames=["s3:GetObject"], CallerArn=bob,
                                        ResourceArns=["arn:aws:s3:::shared/x"], ResourcePolicy=bucket_policy,
                                        ResourceOwner=f"arn:aws:iam::{acct}:root")["EvaluationResults"][0]
    assert result["EvalDecision"] == "allowed"
    assert sources(result) == [("ResourcePolicy", "resource")]
    stranger = iam.simulate_custom_policy(PolicyInputList=[unrelated], ActionNames=["s3:GetObject"],
                                          CallerArn=f"arn:aws:iam::{acct}:user/eve", ResourceArns=["arn:aws:s3:::shared/x"],
                                          ResourcePolicy=bucket_policy)["EvaluationResults"][0]
    assert stranger["EvalDecision"] == "implicitDeny"


@pytest.mark.parametrize("key,operator,policy_value,kind,given,expected", [
    ("aws:MultiFactorAuthAge", "NumericLessThan", "3600", "numeric", ["120"], "allowed"),
    ("aws:MultiFactorAuthAge", "NumericLessThan", "3600", "numeric", ["7200"], "implicitDeny"),
    ("aws:MultiFactorAuthPresent", "Bool", "true", "boolean", ["TRUE"], "allowed"),
    ("aws:SourceIp", "IpAddress", "203.0.113.0/24", "ip", ["203.0.113.7"], "allowed"),
    ("aws:SourceIp", "IpAddress", "203.0.113.0/24", "ip", ["198.51.100.1"], "implicitDeny"),
    ("aws:CurrentTime", "DateLessThan", "2030-01-01T00:00:00Z", "date", ["1700000000"], "allowed"),
    ("s3:x-amz-content-sha256", "BinaryEquals", "QUJD", "binary", ["QUJD"], "allowed"),
    ("aws:TagKeys", "ForAllValues:StringEquals", ["team", "cost"], "stringList", ["team", "cost"], "allowed"),
    ("aws:TagKeys", "ForAllValues:StringEquals", ["team", "cost"], "stringList", ["team", "owner"], "implicitDeny"),
    ("aws:TagKeys", "ForAnyValue:StringEquals", ["team"], "stringList", [], "implicitDeny"),
    ("aws:SourceIp", "IpAddress", "10.0.0.0/8", "ipList", ["10.1.2.3", "192.0.2.1"], "allowed"),
])
def test_context_entries_of_every_type(iam, key, operator, policy_value, kind, given, expected):
    policy = document({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                       "Condition": {operator: {key: policy_value}}})
    result = iam.simulate_custom_policy(PolicyInputList=[policy], ActionNames=["s3:GetObject"], ContextEntries=[
        {"ContextKeyName": key, "ContextKeyValues": given, "ContextKeyType": kind}])["EvaluationResults"][0]
    assert result["EvalDecision"] == expected
    assert result["MissingContextValues"] == []


@pytest.mark.parametrize("kind,values,message", [
    ("numeric", ["ten"], "Invalid value ten for context key aws:SomeKey of type numeric."),
    ("boolean", ["maybe"], "Invalid value maybe for context key aws:SomeKey of type boolean."),
    ("ip", ["300.1.1.1"], "Invalid value 300.1.1.1 for context key aws:SomeKey of type ip."),
    ("date", ["yesterday"], "Invalid value yesterday for context key aws:SomeKey of type date."),
    ("binary", ["not base64!"], "Invalid value not base64! for context key aws:SomeKey of type binary."),
    ("dateList", ["2020-01-01", "later"], "Invalid value later for context key aws:SomeKey of type dateList."),
    ("string", ["a", "b"], "Context key aws:SomeKey of type string needs exactly one value; use stringList for several."),
])
def test_context_values_must_have_their_type(iam, kind, values, message):
    expect_error(lambda: iam.simulate_custom_policy(
        PolicyInputList=[document(allow("s3:GetObject"))], ActionNames=["s3:GetObject"],
        ContextEntries=[{"ContextKeyName": "aws:SomeKey", "ContextKeyValues": values, "ContextKeyType": kind}]),
        "InvalidInput", 400, message)


def test_missing_context_values_include_policy_variables(iam, acct):
    own = document(allow("iam:GetUser", "arn:aws:iam::*:user/${aws:username}"))
    target = f"arn:aws:iam::{acct}:user/bob"
    missing = iam.simulate_custom_policy(PolicyInputList=[own], ActionNames=["iam:GetUser"],
                                         ResourceArns=[target])["EvaluationResults"][0]
    assert (missing["EvalDecision"], missing["MissingContextValues"]) == ("implicitDeny", ["aws:username"])
    assert missing["ResourceSpecificResults"][0]["MissingContextValues"] == ["aws:username"]
    given = iam.simulate_custom_policy(PolicyInputList=[own], ActionNames=["iam:GetUser"], ResourceArns=[target],
                                       ContextEntries=[{"ContextKeyName": "aws:username", "ContextKeyValues": ["bob"],
                                                        "ContextKeyType": "string"}])["EvaluationResults"][0]
    assert (given["EvalDecision"], given["MissingContextValues"]) == ("allowed", [])


def test_pagination_of_results(iam):
    actions = [f"s3:{name}" for name in ("GetObject", "PutObject", "DeleteObject", "ListBucket", "GetBucketAcl")]
    first = iam.simulate_custom_policy(PolicyInputList=[document(allow("s3:Get*"))], ActionNames=actions, MaxItems=2)
    assert first["IsTruncated"] is True and len(first["EvaluationResults"]) == 2
    pages = iam.get_paginator("simulate_custom_policy").paginate(
        PolicyInputList=[document(allow("s3:Get*"))], ActionNames=actions, PaginationConfig={"PageSize": 2})
    seen = [r["EvalActionName"] for page in pages for r in page["EvaluationResults"]]
    assert seen == actions
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=[document(allow("s3:*"))], ActionNames=actions,
                                                    Marker="bogus"), "ValidationError", 400, "Invalid Marker.")


def test_invalid_requests(shared_server, iam, acct):
    raw = client(shared_server, validate=False)
    ok = [document(allow("s3:*"))]
    expect_error(lambda: raw.simulate_custom_policy(PolicyInputList=ok), "ValidationError", 400,
                 "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null")
    expect_error(lambda: raw.simulate_custom_policy(ActionNames=["s3:GetObject"]), "ValidationError", 400,
                 "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null")
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=['{"Version": "2012-10-17", "Statement": ['],
                                                    ActionNames=["s3:GetObject"]), "InvalidInput", 400, SYNTAX)
    with_principal = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]})
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=[with_principal], ActionNames=["s3:GetObject"]),
                 "InvalidInput", 400, "Policy document should not specify a principal.")
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:*"]), "InvalidInput", 400,
                 "Action s3:* contains a wildcard: the simulator evaluates single actions.")
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=ok, ActionNames=["GetObject"]), "InvalidInput", 400,
                 "Action GetObject must be of the form service:ActionName.")
    expect_error(lambda: raw.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3"]), "ValidationError", 400,
                 "1 validation error detected: Value 's3' at 'actionNames.1.member' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 3")
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:GetObject"], ResourceArns=["bucket"]),
                 "InvalidInput", 400, 'Resource bucket must be in ARN format or "*".')
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:GetObject"],
                                                    CallerArn=f"arn:aws:iam::{acct}:role/r"),
                 "InvalidInput", 400, f"CallerArn arn:aws:iam::{acct}:role/r is not the ARN of an IAM user.")
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:GetObject"], ResourceOwner="me"),
                 "InvalidInput", 400, "ResourceOwner me is not an account ARN (arn:aws:iam::ACCOUNT-ID:root).")
    expect_error(lambda: iam.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:GetObject"],
                                                    ResourceHandlingOption="EC2-Classic"),
                 "InvalidInput", 400, "ResourceHandlingOption EC2-Classic is not one of EC2-VPC-InstanceStore, "
                 "EC2-VPC-InstanceStore-Subnet, EC2-VPC-EBS, EC2-VPC-EBS-Subnet.")
    expect_error(lambda: raw.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:GetObject"], MaxItems=0),
                 "ValidationError", 400, "1 validation error detected: Value '0' at 'maxItems' failed to satisfy "
                 "constraint: Member must have value between 1 and 1000")
    expect_error(lambda: raw.simulate_custom_policy(PolicyInputList=ok, ActionNames=["s3:GetObject"], ContextEntries=[
        {"ContextKeyName": "aws:x", "ContextKeyValues": ["1"], "ContextKeyType": "integer"}]), "ValidationError", 400,
        "1 validation error detected: Value 'integer' at 'contextEntries.1.member.contextKeyType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [string, stringList, numeric, numericList, boolean, "
        "booleanList, ip, ipList, binary, binaryList, date, dateList]")
    expect_error(lambda: raw.simulate_custom_policy(PolicyInputList=["{\u0001}"], ActionNames=["s3:GetObject"]),
                 "ValidationError", 400, "1 validation error detected: Value '...' at 'policyInputList.1.member' failed "
                 "to satisfy constraint: Member must satisfy regular expression pattern: "
                 "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")


def test_principal_policies_with_their_sources(shared_server, iam, acct):
    group = unique("simgroup")
    iam.create_group(GroupName=group)
    iam.put_group_policy(GroupName=group, PolicyName="gp", PolicyDocument=document(allow("sqs:SendMessage")))
    customer = iam.create_policy(PolicyName=unique("simpol"), PolicyDocument=document(allow("sns:Publish")))["Policy"]
    iam.attach_group_policy(GroupName=group, PolicyArn=customer["Arn"])
    boundary = iam.create_policy(PolicyName=unique("simbound"),
                                 PolicyDocument=document(allow(["iam:*", "sqs:*", "s3:*"])))["Policy"]["Arn"]
    user = user_with_key(iam, managed=[IAM_READ_ONLY], inline=document(allow("s3:GetObject"), deny("s3:DeleteObject")),
                         groups=[group], boundary=boundary)
    arn = user["Arn"]
    results = {r["EvalActionName"]: r for r in iam.simulate_principal_policy(
        PolicySourceArn=arn, ActionNames=["iam:GetUser", "s3:GetObject", "s3:DeleteObject", "sqs:SendMessage",
                                          "sns:Publish", "ec2:RunInstances"])["EvaluationResults"]}
    assert sources(results["iam:GetUser"]) == [("IAMReadOnlyAccess", "aws-managed")]
    assert sources(results["s3:GetObject"]) == [(f"user_{user['Name']}_inline", "user")]
    assert results["s3:DeleteObject"]["EvalDecision"] == "explicitDeny"
    assert sources(results["sqs:SendMessage"]) == [(f"group_{group}_gp", "group")]
    sns = results["sns:Publish"]
    assert (sns["EvalDecision"], sns["MatchedStatements"]) == ("implicitDeny", []), "the boundary leaves out sns"
    assert sns["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}
    assert results["iam:GetUser"]["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": True}
    assert results["ec2:RunInstances"]["EvalDecision"] == "implicitDeny"
    # A boundary given in the request replaces the user's; extra documents join the user's policies.
    replaced = iam.simulate_principal_policy(
        PolicySourceArn=arn, ActionNames=["sns:Publish", "ec2:RunInstances"],
        PermissionsBoundaryPolicyInputList=[document(allow(["sns:*", "ec2:*"]))],
        PolicyInputList=[document(allow("ec2:RunInstances"))])["EvaluationResults"]
    assert [(r["EvalDecision"], sources(r)) for r in replaced] == [
        ("allowed", [(customer["PolicyName"], "user-managed")]), ("allowed", [("PolicyInputList.1", "none")])]
    # A group's own policies only; its members' are not included.
    as_group = iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{acct}:group/{group}",
                                             ActionNames=["sqs:SendMessage", "s3:GetObject"])["EvaluationResults"]
    assert [r["EvalDecision"] for r in as_group] == ["allowed", "implicitDeny"]
    assert "PermissionsBoundaryDecisionDetail" not in as_group[0]


def test_principal_resource_policy_uses_the_user_as_caller(iam, acct):
    user = user_with_key(iam)
    bucket_policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": user["Arn"]}, "Action": "s3:GetObject", "Resource": "*"}]})
    result = iam.simulate_principal_policy(PolicySourceArn=user["Arn"], ActionNames=["s3:GetObject"],
                                           ResourceArns=["arn:aws:s3:::b/k"], ResourcePolicy=bucket_policy)
    assert result["EvaluationResults"][0]["EvalDecision"] == "allowed"
    group = unique("rpgroup")
    iam.create_group(GroupName=group)
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{acct}:group/{group}",
                                                       ActionNames=["s3:GetObject"], ResourcePolicy=bucket_policy),
                 "InvalidInput", 400,
                 "CallerArn must be specified when a ResourcePolicy is specified and PolicySourceArn is not a user.")


def test_principal_errors(iam, acct):
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{acct}:user/nobody-here",
                                                       ActionNames=["s3:GetObject"]),
                 "NoSuchEntity", 404, "The user with name nobody-here cannot be found.")
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{acct}:group/no-group",
                                                       ActionNames=["s3:GetObject"]),
                 "NoSuchEntity", 404, "The group with name no-group cannot be found.")
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn=IAM_READ_ONLY, ActionNames=["s3:GetObject"]),
                 "InvalidInput", 400, f"ARN {IAM_READ_ONLY} is not valid.")
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn="arn:aws:iam::999999999999:user/x",
                                                       ActionNames=["s3:GetObject"]),
                 "NoSuchEntity", 404, "The user with name x cannot be found.")
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn="not-an-arn-but-long-enough", ActionNames=["s3:GetObject"]),
                 "InvalidInput", 400, "ARN not-an-arn-but-long-enough is not valid.")


def test_context_keys_for_custom_and_principal_policies(iam, acct):
    force_mfa = (REFERENCE / "policies" / "Force_MFA.json").read_text()
    assert iam.get_context_keys_for_custom_policy(PolicyInputList=[force_mfa])["ContextKeyNames"] == [
        "aws:username", "aws:MultiFactorAuthPresent"]
    # Keys are listed once (case-insensitively), spelled as first written, in document order.
    conditions = document(
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:PrincipalTag/team}/*",
         "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "StringEquals": {"s3:prefix": "${aws:username}/"}}},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"AWS:SOURCEIP": "10.0.0.0/8"}}})
    assert iam.get_context_keys_for_custom_policy(PolicyInputList=[conditions, DYNAMO_AFTER_2018])["ContextKeyNames"] == [
        "aws:PrincipalTag/team", "aws:SourceIp", "s3:prefix", "aws:username", "aws:CurrentTime"]
    old = json.dumps({"Version": "2008-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}"}]})
    assert iam.get_context_keys_for_custom_policy(PolicyInputList=[old])["ContextKeyNames"] == [], \
        "no policy variables before Version 2012-10-17"
    group = unique("ckgroup")
    iam.create_group(GroupName=group)
    iam.put_group_policy(GroupName=group, PolicyName="g", PolicyDocument=DYNAMO_AFTER_2018)
    user = user_with_key(iam, inline=force_mfa, groups=[group])
    keys = iam.get_context_keys_for_principal_policy(PolicySourceArn=user["Arn"],
                                                     PolicyInputList=[conditions])["ContextKeyNames"]
    assert keys == ["aws:username", "aws:MultiFactorAuthPresent", "aws:CurrentTime", "aws:PrincipalTag/team", "aws:SourceIp",
                    "s3:prefix"]
    assert iam.get_context_keys_for_principal_policy(PolicySourceArn=f"arn:aws:iam::{acct}:group/{group}")[
        "ContextKeyNames"] == ["aws:CurrentTime"]
    expect_error(lambda: iam.get_context_keys_for_custom_policy(PolicyInputList=["{}"]), "InvalidInput", 400, SYNTAX)
    expect_error(lambda: iam.get_context_keys_for_principal_policy(PolicySourceArn=f"arn:aws:iam::{acct}:user/ghost-user"),
                 "NoSuchEntity", 404, "The user with name ghost-user cannot be found.")


def test_the_gate_guards_each_operation(shared_server, iam, acct):
    other = user_with_key(iam, inline=document(allow("s3:*")))
    custom_only = user_with_key(iam, inline=document(allow(["iam:SimulateCustomPolicy", "iam:GetContextKeysForCustomPolicy"])))
    as_custom = client(shared_server, "iam", custom_only)
    assert as_custom.simulate_custom_policy(PolicyInputList=[document(allow("s3:*"))],
                                            ActionNames=["s3:GetObject"])["EvaluationResults"][0]["EvalDecision"] == "allowed"
    assert as_custom.get_context_keys_for_custom_policy(PolicyInputList=[DYNAMO_AFTER_2018])["ContextKeyNames"] == [
        "aws:CurrentTime"]
    for operation, action in [("simulate_principal_policy", "iam:SimulatePrincipalPolicy"),
                              ("get_context_keys_for_principal_policy", "iam:GetContextKeysForPrincipalPolicy")]:
        extra = {"ActionNames": ["s3:GetObject"]} if operation.startswith("simulate") else {}
        expect_error(lambda: getattr(as_custom, operation)(PolicySourceArn=other["Arn"], **extra), "AccessDenied", 403,
                     f"User: {custom_only['Arn']} is not authorized to perform: {action} on resource: {other['Arn']} "
                     f"because no identity-based policy allows the {action} action")
    # Allowed on one user only (the resource is the PolicySourceArn).
    scoped = user_with_key(iam, inline=document(allow("iam:SimulatePrincipalPolicy", other["Arn"])))
    as_scoped = client(shared_server, "iam", scoped)
    assert as_scoped.simulate_principal_policy(PolicySourceArn=other["Arn"], ActionNames=["s3:GetObject"])[
        "EvaluationResults"][0]["EvalDecision"] == "allowed"
    expect_error(lambda: as_scoped.simulate_principal_policy(PolicySourceArn=custom_only["Arn"], ActionNames=["s3:GetObject"]),
                 "AccessDenied", 403)


def test_every_response_matches_the_model(iam):
    problems = []
    operations = set()
    for operation, body in iam.recorder.bodies:
        operations.add(operation)
        problems += check_response("iam", operation, body)
    assert not problems, "\n".join(problems)
    assert operations >= {"SimulateCustomPolicy", "SimulatePrincipalPolicy", "GetContextKeysForCustomPolicy",
                          "GetContextKeysForPrincipalPolicy"}

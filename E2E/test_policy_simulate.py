"""`warden policy simulate`: the tutorial table of iam-facts §0, as MFAUser with Force_MFA and
AmazonEC2FullAccess, for long-term keys (no MFA key), a session without MFA, and a session with MFA.
Expected decisions are the table's, written out here by hand."""
import json
import re

import pytest

ACCT = "123456789012"
ME = f"arn:aws:iam::{ACCT}:user/MFAUser"
EC2 = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
DENY = ("ExplicitDeny", "Force_MFA#DenyAllExceptListedIfNoMFA")
IMPLICIT = ("ImplicitDeny", None)

# (action, resource, extra context, decision without MFA, decision with MFA)
TABLE = [
    ("ec2:DescribeInstances", "*", [], DENY, ("Allow", "AmazonEC2FullAccess#0")),
    ("iam:CreateVirtualMFADevice", f"arn:aws:iam::{ACCT}:mfa/MFAUser", [],
     ("Allow", "Force_MFA#AllowManageOwnVirtualMFADevice"), ("Allow", "Force_MFA#AllowManageOwnVirtualMFADevice")),
    ("iam:EnableMFADevice", ME, [], ("Allow", "Force_MFA#AllowManageOwnUserMFA"), ("Allow", "Force_MFA#AllowManageOwnUserMFA")),
    ("iam:ResyncMFADevice", ME, [], ("Allow", "Force_MFA#AllowManageOwnUserMFA"), ("Allow", "Force_MFA#AllowManageOwnUserMFA")),
    ("iam:ListMFADevices", ME, [], ("Allow", "Force_MFA#AllowManageOwnUserMFA"), ("Allow", "Force_MFA#AllowManageOwnUserMFA")),
    ("iam:ListVirtualMFADevices", "*", [], ("Allow", "Force_MFA#AllowViewAccountInfo"), ("Allow", "Force_MFA#AllowViewAccountInfo")),
    ("iam:GetUser", ME, [], ("Allow", "Force_MFA#AllowManageOwnPasswords"), ("Allow", "Force_MFA#AllowManageOwnPasswords")),
    # Not denied by Force_MFA (it is in NotAction); nothing allows it either: the server skips
    # authorization for GetSessionToken (iam-facts §5), the engine reports the implicit deny.
    ("sts:GetSessionToken", "*", [], IMPLICIT, IMPLICIT),
    ("iam:ChangePassword", ME, [], DENY, ("Allow", "Force_MFA#AllowManageOwnPasswords")),
    ("iam:GetAccountPasswordPolicy", "*", [], DENY, ("Allow", "Force_MFA#AllowViewAccountInfo")),
    ("iam:CreateAccessKey", ME, [], DENY, ("Allow", "Force_MFA#AllowManageOwnAccessKeys")),
    ("iam:ListAccessKeys", ME, [], DENY, ("Allow", "Force_MFA#AllowManageOwnAccessKeys")),
    ("iam:DeactivateMFADevice", ME, [], DENY, ("Allow", "Force_MFA#AllowManageOwnUserMFA")),
    ("iam:DeleteVirtualMFADevice", f"arn:aws:iam::{ACCT}:mfa/MFAUser", [], DENY, IMPLICIT),
    ("iam:ChangePassword", f"arn:aws:iam::{ACCT}:user/Bob", [], DENY, IMPLICIT),
    ("s3:ListAllMyBuckets", "*", [], DENY, IMPLICIT),
    ("cloudwatch:PutMetricData", "*", [], DENY, ("Allow", "AmazonEC2FullAccess#2")),
    ("elasticloadbalancing:DescribeLoadBalancers", "*", [], DENY, ("Allow", "AmazonEC2FullAccess#1")),
    ("autoscaling:DescribeAutoScalingGroups", "*", [], DENY, ("Allow", "AmazonEC2FullAccess#3")),
    ("iam:CreateServiceLinkedRole", "*", ["iam:AWSServiceName=spot.amazonaws.com"], DENY, ("Allow", "AmazonEC2FullAccess#4")),
    ("iam:CreateServiceLinkedRole", "*", ["iam:AWSServiceName=rds.amazonaws.com"], DENY, IMPLICIT),
]

# How the caller signed in: long-term keys carry no MFA key at all; sessions carry true/false.
CREDENTIALS = {
    "long-term-keys": ([], False),
    "session-without-mfa": (["aws:MultiFactorAuthPresent=false"], False),
    "session-with-mfa": (["aws:MultiFactorAuthPresent=true", "aws:MultiFactorAuthAge=30"], True),
}


def simulate(warden, force_mfa_path, action, resource, context):
    args = ["policy", "simulate", "--policy", force_mfa_path, EC2, "--action", action, "--resource", resource,
            "--principal", ME]
    for pair in context:
        args += ["--context", pair]
    result = warden(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    decision = re.search(r"^decision: (\w+)$", result.stdout, re.M).group(1)
    decided = re.search(r"^decided by: (\S+)", result.stdout, re.M)
    return decision, decided.group(1) if decided and decision != "ImplicitDeny" else None


@pytest.mark.parametrize("credentials", CREDENTIALS)
@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row[0]}:{row[1].rsplit(':', 1)[-1]}{''.join(row[2])}")
def test_tutorial_table(warden, force_mfa_path, row, credentials):
    action, resource, extra, without_mfa, with_mfa = row
    context, mfa = CREDENTIALS[credentials]
    expected = with_mfa if mfa else without_mfa
    assert simulate(warden, force_mfa_path, action, resource, context + extra) == expected


def test_explanation_names_every_statement(warden, force_mfa_path):
    result = warden("policy", "simulate", "--policy", force_mfa_path, EC2, "--action", "s3:ListAllMyBuckets",
                    "--principal", ME, "--context", "aws:MultiFactorAuthPresent=true")
    assert "reason: no identity-based policy allows the action" in result.stdout
    assert "Force_MFA#DenyAllExceptListedIfNoMFA Deny: condition BoolIfExists on `aws:MultiFactorAuthPresent` is false" in result.stdout
    assert "AmazonEC2FullAccess#0 Allow: action not matched" in result.stdout


def test_batch_mode_streams_decisions_in_order(warden, force_mfa_path, tmp_path):
    with open(force_mfa_path) as f:
        force_mfa = json.load(f)
    policy_set = tmp_path / "policies.json"
    policy_set.write_text(json.dumps({"Force_MFA": force_mfa}))
    lines = []
    for i, (action, resource, extra, without_mfa, with_mfa) in enumerate(TABLE):
        context = {"aws:username": "MFAUser"}
        for pair in extra:
            key, value = pair.split("=", 1)
            context[key] = value
        for mfa in (False, True):
            lines.append({"id": f"{i}-{mfa}", "policies": ["Force_MFA", "AmazonEC2FullAccess"], "boundary": None,
                          "action": action, "resource": resource,
                          "context": {**context, "aws:MultiFactorAuthPresent": mfa}})
    requests = tmp_path / "requests.jsonl"
    requests.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = warden("policy", "simulate", "--batch", str(requests), "--policy-set", str(policy_set))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [line["id"] for line in lines]
    for o in out:
        i, mfa = o["id"].split("-")
        expected = TABLE[int(i)][4 if mfa == "True" else 3]
        assert (o["decision"], o["decided_by"]) == expected, o
    assert re.search(r"\d+ decisions, 0 failed lines in [\d.]+ s \(\d+ lines/s\)", result.stderr)


def test_batch_mode_reports_bad_lines_and_exits_1(warden, tmp_path):
    policy_set = tmp_path / "policies.json"
    policy_set.write_text(json.dumps({"AllowAll": {"Version": "2012-10-17",
                                                   "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}))
    requests = tmp_path / "requests.jsonl"
    requests.write_text('{"id": "a", "policies": ["AllowAll"], "action": "s3:GetObject", "resource": "*"}\n'
                        '{"id": "b", "policies": ["Missing"], "action": "s3:GetObject", "resource": "*"}\n'
                        'not json\n'
                        '{"id": 4, "policies": ["AllowAll"], "action": "s3:GetObject", "resource": "*", "boundary": "AllowAll"}\n')
    result = warden("policy", "simulate", "--batch", str(requests), "--policy-set", str(policy_set))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {"id": "a", "decision": "Allow", "decided_by": "AllowAll#0"}
    assert out[1]["id"] == "b" and "unknown policy `Missing`" in out[1]["error"]
    assert out[2]["id"] is None and "error" in out[2]
    assert out[3] == {"id": 4, "decision": "Allow", "decided_by": "AllowAll#0"}

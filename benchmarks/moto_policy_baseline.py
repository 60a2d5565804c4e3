#!/usr/bin/env python3
"""Speed baseline for `warden bench policy`: moto's own policy evaluator (moto.iam.access_control,
the one moto_server uses when it enforces IAM) on the tutorial principal's requests, in one thread.

moto's evaluator is not AWS-exact (for example, a statement whose condition is false answers
DENIED), so only its speed is compared, never its decisions. Prints decisions per second.
"""
import json
import pathlib
import sys
import time

from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.iam.aws_managed_policies import aws_managed_policies_data

ROOT = pathlib.Path(__file__).resolve().parent.parent
force_mfa = (ROOT.parent / "shared" / "reference" / "policies" / "Force_MFA.json").read_text()
managed = json.loads(aws_managed_policies_data)
ec2_full = json.dumps(managed["AmazonEC2FullAccess"]["Document"])

ACCT = "123456789012"
ME = f"arn:aws:iam::{ACCT}:user/MFAUser"
# Same mix as `warden bench policy`'s tutorial workload. moto substitutes no policy variables, so
# requests on the user's own ARN are evaluated against the literal `${aws:username}` pattern.
REQUESTS = [
    ("ec2:DescribeInstances", "*", "true"),
    ("ec2:RunInstances", f"arn:aws:ec2:us-east-1:{ACCT}:instance/*", "true"),
    ("ec2:DescribeInstances", "*", None),
    ("ec2:DescribeInstances", "*", "false"),
    ("iam:GetUser", ME, "false"),
    ("iam:ChangePassword", ME, "true"),
    ("iam:CreateVirtualMFADevice", f"arn:aws:iam::{ACCT}:mfa/MFAUser", "false"),
    ("s3:ListAllMyBuckets", "*", "true"),
]


def decide(policies, action, resource, mfa):
    context = {"aws:username": "MFAUser"}
    if mfa is not None:
        context["aws:MultiFactorAuthPresent"] = mfa
    permitted = False
    for policy in policies:
        result = policy.is_action_permitted(action, resource, incoming_condition_values=context)
        if result == PermissionResult.DENIED:
            return False
        permitted = permitted or result == PermissionResult.PERMITTED
    return permitted


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    policies = [IAMPolicy(force_mfa), IAMPolicy(ec2_full)]
    decisions = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for action, resource, mfa in REQUESTS:
            decide(policies, action, resource, mfa)
        decisions += len(REQUESTS)
    elapsed = time.perf_counter() - start
    print(f"moto {__import__('moto').__version__} tutorial decisions/s: {decisions / elapsed:.0f}")


if __name__ == "__main__":
    main()

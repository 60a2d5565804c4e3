"""The analysis operations on roles: the simulator and context keys read a role's policies."""
import json

from helpers import client, unique


def test_simulate_principal_policy_for_a_role(server):
    iam = client(server)
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    role = iam.create_role(RoleName=unique("sim"), AssumeRolePolicyDocument=trust)["Role"]
    iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn="arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess")
    results = iam.simulate_principal_policy(PolicySourceArn=role["Arn"],
                                            ActionNames=["ec2:DescribeInstances", "iam:ListUsers"])["EvaluationResults"]
    decisions = {r["EvalActionName"]: r["EvalDecision"] for r in results}
    assert decisions == {"ec2:DescribeInstances": "allowed", "iam:ListUsers": "implicitDeny"}
    allowed = next(r for r in results if r["EvalActionName"] == "ec2:DescribeInstances")
    assert allowed["MatchedStatements"][0]["SourcePolicyId"] == "AmazonEC2ReadOnlyAccess"
    from helpers import expect_error
    expect_error(lambda: iam.simulate_principal_policy(PolicySourceArn=role["Arn"].replace(role["RoleName"], "no-such-role"),
                                                       ActionNames=["ec2:DescribeInstances"]), "NoSuchEntity", 404)

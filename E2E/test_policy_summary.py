"""`warden policy summary`: the IAM console's policy summary (per service: access level, resources, request
conditions) for the tutorial's EC2MFA group, Force_MFA + AmazonEC2FullAccess.

Expected shape from the AWS IAM User Guide, "Policy summary (list of services)" and "Access levels in policy
summaries" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary.html):
Explicit deny and Allow sections, "Full access" when every action of a service is covered, "Limited: ..." when
only some are.
"""
import json

EC2_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"


def row_line(output, service_name):
    """The first line of the table row for a service (rows start with the service name after the indent)."""
    for line in output.splitlines():
        if line.startswith("  " + service_name + "  "):
            return line
    raise AssertionError(f"no row for {service_name!r} in:\n{output}")


def section(output, title):
    """The lines of one section, from its heading to the next blank line."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return "\n".join(lines[start:end])


def test_tutorial_group_summary(warden, force_mfa_path):
    result = warden("policy", "summary", force_mfa_path, EC2_FULL_ACCESS, "--actions")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert out.startswith("Policy summary: Force_MFA, AmazonEC2FullAccess\n")

    allow = section(out, "Allow (")
    assert "Full access" in row_line(allow, "Amazon EC2")
    iam = row_line(allow, "AWS Identity and Access Management (IAM)")
    assert "Limited: " in iam and "Full access" not in iam

    # The deny of Force_MFA is one "All services" row, not 445 service rows, with the MFA condition.
    deny = section(out, "Explicit deny")
    all_services = row_line(deny, "All services")
    assert "All actions except:" in all_services
    assert "aws:MultiFactorAuthPresent is false (BoolIfExists)" in all_services
    for excepted in ("iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"):
        assert "  " + excepted in deny
    assert "iam:ChangePassword" not in deny

    # The IAM drill-down lists the self-service actions with their access level and resource.
    drill = out[out.index("[Allow] AWS Identity and Access Management (IAM) (iam)"):]
    drill = drill.split("\n\n")[0]
    lines = drill.splitlines()
    change = next(line for line in lines if " ChangePassword " in line)
    assert "Permissions management" in change and "arn:aws:iam::*:user/${aws:username}" in change
    assert any(" CreateVirtualMFADevice " in line and "arn:aws:iam::*:mfa/*" in line for line in lines)
    assert not any("DeleteVirtualMFADevice" in line for line in lines)


def test_tutorial_group_summary_as_json(warden, force_mfa_path):
    result = warden("policy", "summary", force_mfa_path, "AmazonEC2FullAccess", "--json", "--actions")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    assert summary["policies"] == ["Force_MFA", "AmazonEC2FullAccess"]
    rows = {(r["section"], r["service"]): r for r in summary["rows"]}
    assert rows[("Allow", "ec2")]["access_level"] == "Full access"
    iam = rows[("Allow", "iam")]
    assert iam["access_level"].startswith("Limited: ")
    actions = {a["action"] for a in iam["actions"]}
    assert {"iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice"} <= actions
    deny = rows[("Explicit deny", "*")]
    assert deny["not_action"] is True
    assert [c["text"] for c in deny["conditions"]] == ["aws:MultiFactorAuthPresent is false (BoolIfExists)"]


def test_unknown_policy_is_a_usage_error(warden):
    result = warden("policy", "summary", "/nonexistent/policy.json")
    assert result.returncode != 0
    assert "neither a readable file nor an AWS managed policy" in result.stderr

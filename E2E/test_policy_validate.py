"""`warden policy validate`: grammar and content findings with locations, exit 1 on any error."""
import json


def test_force_mfa_has_no_errors(warden, force_mfa_path):
    result = warden("policy", "validate", force_mfa_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout
    assert "0 error(s)" in result.stdout


def location_of(text, needle):
    """1-based line and column of the first occurrence of needle, computed from the text itself."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def test_trailing_comma_reports_location_and_exits_1(warden, tmp_path):
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*",}\n  ]\n}\n'
    path = tmp_path / "trailing.json"
    path.write_text(text)
    result = warden("policy", "validate", str(path))
    assert result.returncode == 1
    line, column = location_of(text, ",}")
    # The error points at the `}` that follows the trailing comma.
    assert f"trailing:{line}:{column + 1}: ERROR" in result.stdout, result.stdout
    assert "Syntax errors in policy." in result.stdout


def test_unknown_operator_reports_location_in_json(warden, tmp_path):
    text = ('{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Deny", "Action": "*", "Resource": "*",\n'
            '    "Condition": {"StringEqualz": {"aws:username": "bob"}}\n  }\n}\n')
    path = tmp_path / "operator.json"
    path.write_text(text)
    result = warden("policy", "validate", str(path), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    finding = report["findings"][0]
    line, column = location_of(text, '"StringEqualz"')
    assert (finding["line"], finding["column"]) == (line, column)
    assert finding["aws_error"] == "MalformedPolicyDocument"
    assert finding["pointer"] == "/Statement/Condition/StringEqualz"
    assert "StringEqualz" in finding["detail"]


def test_managed_policy_by_name_and_arn(warden):
    for name in ("AmazonEC2FullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"):
        result = warden("policy", "validate", name)
        assert result.returncode == 0, result.stdout + result.stderr


def test_principal_in_identity_policy_is_an_error_but_fine_in_resource_policy(warden, tmp_path):
    path = tmp_path / "bucket.json"
    path.write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]}))
    identity = warden("policy", "validate", str(path))
    assert identity.returncode == 1
    assert "Policy document should not specify a principal." in identity.stdout
    resource = warden("policy", "validate", str(path), "--type", "resource")
    assert resource.returncode == 0, resource.stdout


def test_oversized_policy_reports_the_quota(warden, tmp_path):
    statements = [{"Sid": f"S{i}", "Effect": "Allow", "Action": f"s3:GetObject{i}", "Resource": "*"} for i in range(120)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"Version": "2012-10-17", "Statement": statements}))
    result = warden("policy", "validate", str(path), "--json")
    assert result.returncode == 1
    codes = {f["aws_error"] for f in json.loads(result.stdout)["findings"]}
    assert "LimitExceeded" in codes


def test_unknown_file_is_a_usage_error(warden):
    result = warden("policy", "validate", "/nonexistent/policy.json")
    assert result.returncode != 0
    assert "neither a readable file nor an AWS managed policy" in result.stderr

"""`warden policy validate` findings in the manner of IAM Access Analyzer's ValidatePolicy
(ERROR, SECURITY_WARNING, WARNING, SUGGESTION, each with a code and a location), and Warden's MFA
findings on the tutorial's Force_MFA policy (iam-facts §0 caveats, §1.1, §3).

Unknown actions are ERRORs, as in Access Analyzer's policy validation check reference ("Error –
Invalid action", issue code INVALID_ACTION: "The action {{action}} does not exist."), so
`warden policy validate` exits 1 on them. IAM itself still accepts such a policy: CreatePolicy
rejects only what AWS rejects, which the last test checks over the wire."""
import json
import subprocess

from conftest import ROOT
from helpers import allow, document, unique


def location_of(text, needle, start=0):
    """1-based line and column of the first occurrence of needle at or after start."""
    offset = text.index(needle, start)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def statement_location(text, sid):
    """Where the statement object with this Sid begins (its `{`)."""
    offset = text.rindex("{", 0, text.index(f'"Sid": "{sid}"'))
    return location_of(text, "{", offset)


def test_force_mfa_has_no_error_and_explains_the_lockout_caveat(warden_bin, force_mfa_path):
    # The command, run from the checkout as written.
    result = subprocess.run([warden_bin, "policy", "validate", "../shared/reference/policies/Force_MFA.json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout
    text = open(force_mfa_path).read()
    line, column = statement_location(text, "DenyAllExceptListedIfNoMFA")
    lockout = [entry for entry in result.stdout.splitlines() if "[mfaDeviceLockout]" in entry]
    assert len(lockout) == 1, result.stdout
    assert lockout[0].startswith(f"Force_MFA:{line}:{column}: WARNING [mfaDeviceLockout] ")
    # The caveat: a cancelled assignment leaves a device the user can neither re-create nor delete.
    for words in ("iam:DeleteVirtualMFADevice", "EntityAlreadyExists", "administrator", "DenyAllExceptListedIfNoMFA"):
        assert words in lockout[0], lockout[0]
    # Force_MFA deliberately keeps users without MFA from changing an expired password.
    assert f"Force_MFA:{line}:{column}: SUGGESTION [mfaPasswordChange] " in result.stdout
    assert "Force_MFA: 0 error(s), 2 warning(s) as an identity policy" in result.stdout


def test_bool_instead_of_boolifexists_reports_the_mfa_key_location(warden, force_mfa_path, tmp_path):
    text = open(force_mfa_path).read().replace('"BoolIfExists": {', '"Bool": {')
    path = tmp_path / "force_mfa_bool.json"
    path.write_text(text)
    result = warden("policy", "validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    line, column = location_of(text, '"aws:MultiFactorAuthPresent"')
    assert f"force_mfa_bool:{line}:{column}: SECURITY_WARNING [mfaBoolWithoutIfexists] " in result.stdout, result.stdout

    report = json.loads(warden("policy", "validate", str(path), "--json").stdout)
    finding = next(f for f in report["findings"] if f["code"] == "mfaBoolWithoutIfexists")
    assert (finding["line"], finding["column"]) == (line, column)
    assert finding["severity"] == "SECURITY_WARNING"
    assert finding["pointer"] == "/Statement/8/Condition/Bool/aws:MultiFactorAuthPresent"
    assert finding["aws_error"] is None


def test_fixing_the_caveats_silences_the_mfa_findings(warden, force_mfa_path, tmp_path):
    policy = json.loads(open(force_mfa_path).read())
    deny = policy["Statement"][-1]
    deny["NotAction"] += ["iam:DeleteVirtualMFADevice", "iam:ChangePassword", "iam:GetAccountPasswordPolicy"]
    policy["Statement"].insert(0, {"Sid": "AllowDeleteOwnVirtualMFADevice", "Effect": "Allow",
                                   "Action": "iam:DeleteVirtualMFADevice",
                                   "Resource": "arn:aws:iam::*:mfa/${aws:username}"})
    path = tmp_path / "recoverable.json"
    path.write_text(json.dumps(policy, indent=2))
    result = warden("policy", "validate", str(path))
    assert result.returncode == 0
    assert result.stdout.strip() == "recoverable: 0 error(s), 0 warning(s) as an identity policy"


def test_unknown_action_is_an_error_and_exits_1(warden, tmp_path):
    text = ('{\n  "Version": "2012-10-17",\n  "Statement": [\n'
            '    {"Effect": "Allow", "Action": ["iam:GetUser", "iam:GetUsr"], "Resource": "*"}\n  ]\n}\n')
    path = tmp_path / "typo.json"
    path.write_text(text)
    result = warden("policy", "validate", str(path))
    assert result.returncode == 1, result.stdout
    line, column = location_of(text, '"iam:GetUsr"')
    assert (f"typo:{line}:{column}: ERROR [unknownAction] `iam:GetUsr` in `Action` is not an action of `iam`, "
            "did you mean `iam:GetUser`") in result.stdout
    report = json.loads(warden("policy", "validate", str(path), "--json").stdout)
    assert report["errors"] == 1
    # Not an AWS rejection: no AWS error code.
    assert report["findings"][0]["aws_error"] is None


def test_other_finding_families(warden, tmp_path):
    text = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Everything", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
        {"Sid": "Reads", "Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "*",
         "Condition": {"DateGreaterThan": {"aws:username": "2024-01-01T00:00:00Z"},
                       "StringEquals": {"aws:PrincipalTag/team": "web-*"}}},
        {"Sid": "Dead", "Effect": "Deny", "NotAction": "*", "Resource": "*"},
        {"Sid": "Again", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::uploads/*"},
    ]}, indent=2)
    path = tmp_path / "mixed.json"
    path.write_text(text)
    result = warden("policy", "validate", str(path), "--json")
    assert result.returncode == 0, result.stdout
    found = {(f["severity"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("SECURITY_WARNING", "allowNotAction"), ("SUGGESTION", "redundantAction"),
                     ("WARNING", "conditionTypeMismatch"), ("WARNING", "wildcardWithoutLike"),
                     ("SUGGESTION", "redundantStatement"), ("WARNING", "statementNeverMatches")}


def test_managed_policies_have_no_errors(warden):
    for name in ("ReadOnlyAccess", "AdministratorAccess", "AmazonEC2FullAccess", "IAMUserChangePassword",
                 "PowerUserAccess"):
        result = warden("policy", "validate", name)
        assert result.returncode == 0, result.stdout + result.stderr
        assert ": ERROR [" not in result.stdout


def test_iam_still_accepts_what_the_linter_calls_an_error(server):
    """CreatePolicy keeps AWS's semantics: an unknown action is not MalformedPolicyDocument."""
    iam = server.client("iam")
    policy = iam.create_policy(PolicyName=unique("typo"), PolicyDocument=document(allow("iam:GetUsr")))["Policy"]
    assert policy["DefaultVersionId"] == "v1"

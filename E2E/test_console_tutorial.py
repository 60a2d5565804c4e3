"""The console tutorial, end to end in headless Chromium against the real server.

Step 1 (admin, in the browser): create Force_MFA in the JSON editor, group EC2MFA with
AmazonEC2FullAccess + Force_MFA, user MFAUser with a console password in that group.
Step 3 (MFAUser): EC2 denied; assign a virtual MFA device from the QR code (decoded with zbarimg,
codes from oathtool); sign out; sign in with a code; launch and stop an instance; S3 still denied.
Screenshots of every step go to E2E/artifacts/ (WARDEN_ARTIFACTS).
"""
import json
import time
import urllib.parse

import pytest

from console_http import totp
from warden_server import WardenServer

MFA_USER_PASSWORD = "MFAUser-Passw0rd!"


@pytest.fixture
def server(warden_bin, tmp_path):
    """This module's server logs at debug level, so the test can check that no secret reaches the log."""
    with WardenServer(warden_bin, data_dir=tmp_path / "data", log_level="debug") as running:
        yield running


def set_textarea(browser, css, text):
    """Pastes `text` into a textarea (as a user pasting would), firing the input event."""
    element = browser.find(css)
    browser.driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", element, text)


def test_console_tutorial(server, console_admin, browser_factory, force_mfa_path, tmp_path, warden):
    iam = server.client("iam")
    ec2 = server.client("ec2")
    account = server.account_id
    force_mfa_text = open(force_mfa_path).read()
    browser = browser_factory()

    # ---- Step 1: the administrator, in the browser.
    browser.open(f"/{account}/console")
    assert browser.find("#account").get_attribute("value") == account
    browser.screenshot("00-signin")
    browser.sign_in(account, *console_admin)
    assert browser.path.startswith("/console/home")
    browser.screenshot("01-admin-home")

    # 1.1 Force_MFA from the JSON editor: findings are shown inline, the summary before saving.
    browser.open("/console/iam/policies/new")
    set_textarea(browser, "#policy-json", force_mfa_text)
    browser.click("#policy-check")
    findings = [f.get_attribute("data-code") for f in browser.find_all("#policy-findings .finding")]
    assert findings, "the validator's findings are shown under the editor"
    assert all("Line " in f.text for f in browser.find_all("#policy-findings .finding"))
    browser.driver.execute_script("document.getElementById('policy-findings').scrollIntoView({block: 'end'})")
    browser.screenshot("02-policy-json-editor", full_page=False)
    browser.click("#policy-next")
    assert browser.exists("#policy-summary"), browser.source[:2000]
    browser.fill("#policy-name", "Force_MFA")
    browser.screenshot("03-policy-review")
    browser.click("#policy-create")
    policy_arn = f"arn:aws:iam::{account}:policy/Force_MFA"
    policy = iam.get_policy(PolicyArn=policy_arn)["Policy"]
    stored = iam.get_policy_version(PolicyArn=policy_arn, VersionId=policy["DefaultVersionId"])["PolicyVersion"]["Document"]
    if isinstance(stored, str):
        stored = json.loads(urllib.parse.unquote(stored))
    assert stored == json.loads(force_mfa_text)

    # 1.2 Group EC2MFA with AmazonEC2FullAccess and Force_MFA, found through the search box.
    browser.open("/console/iam/groups/new")
    browser.fill("#group-name", "EC2MFA")
    search = browser.find("input[data-filter='policy-table']")
    search.send_keys("AmazonEC2FullAccess")
    browser.click("#policy-AmazonEC2FullAccess")
    search.clear()
    search.send_keys("Force_MFA")
    browser.click("#policy-Force_MFA")
    browser.screenshot("04-group-create")
    browser.click("#create-group")
    attached = {p["PolicyName"] for p in iam.list_attached_group_policies(GroupName="EC2MFA")["AttachedPolicies"]}
    assert attached == {"AmazonEC2FullAccess", "Force_MFA"}

    # 1.3 User MFAUser with a console password (no reset) in EC2MFA, no policies of its own.
    browser.open("/console/iam/users/new")
    browser.fill("#user-name", "MFAUser")
    browser.click("#console-access")
    browser.fill("#console-password", MFA_USER_PASSWORD)
    if browser.find("#require-reset").is_selected():
        browser.click("#require-reset")
    browser.click("#group-EC2MFA")
    browser.screenshot("05-user-create")
    browser.click("#create-user")
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="MFAUser")["Groups"]] == ["EC2MFA"]
    assert iam.list_attached_user_policies(UserName="MFAUser")["AttachedPolicies"] == []
    assert iam.get_login_profile(UserName="MFAUser")["LoginProfile"]["PasswordResetRequired"] is False
    browser.sign_out()
    assert browser.path.startswith("/console")

    # ---- Step 3: MFAUser without MFA: EC2 is denied by Force_MFA.
    browser.sign_in(account, "MFAUser", MFA_USER_PASSWORD)
    assert browser.path.startswith("/console/home")
    assert "Signed in without MFA" in browser.text("#identity-mfa")
    browser.open("/console/ec2/instances")
    denial = browser.text("#denial-message")
    assert f"User: arn:aws:iam::{account}:user/MFAUser is not authorized to perform: ec2:DescribeInstances" in denial
    assert "with an explicit deny in an identity-based policy" in denial
    assert "Force_MFA" in browser.text("#denial-explanation")
    assert "DenyAllExceptListedIfNoMFA" in browser.text("#denial-explanation")
    assert not browser.exists("#instances-table")
    browser.screenshot("06-ec2-denied-without-mfa")

    # 3.1 My Security Credentials: assign a virtual MFA device from the QR code.
    browser.open("/console/home")
    browser.click("#user-menu")
    browser.click("#my-security-credentials")
    assert browser.path == "/console/security-credentials"
    assert browser.exists("#access-keys-denied")  # Force_MFA: no key management before MFA.
    browser.click("#assign-mfa")
    browser.fill("#mfa-device-name", "MFAUser")
    browser.click("#mfa-next")
    uri = browser.qr_secret("#mfa-qr", tmp_path)
    assert uri.startswith("otpauth://totp/")
    secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
    assert not browser.find("#mfa-secret").is_displayed()
    browser.click("#show-secret")
    assert browser.text("#mfa-secret") == secret
    browser.screenshot("07-mfa-wizard-qr")
    # A wrong pair keeps the wizard (same QR) and explains late codes.
    browser.fill("#mfa-code1", "000000" if totp(secret, -30) != "000000" else "111111")
    browser.fill("#mfa-code2", "000000" if totp(secret) != "000000" else "111111")
    browser.click("#mfa-assign-submit")
    assert browser.exists("#mfa-late") and browser.exists("#mfa-qr")
    assert browser.qr_secret("#mfa-qr", tmp_path) == uri
    browser.fill("#mfa-code1", totp(secret, -30))
    browser.fill("#mfa-code2", totp(secret))
    browser.click("#mfa-assign-submit")
    assert browser.path.startswith("/console/security-credentials")
    assert "MFA device assigned" in browser.text("#notice")
    devices = iam.list_mfa_devices(UserName="MFAUser")["MFADevices"]
    assert [d["SerialNumber"] for d in devices] == [f"arn:aws:iam::{account}:mfa/MFAUser"]
    browser.screenshot("08-mfa-assigned")

    # 3.2 Sign out, sign in again with a code.
    browser.sign_out()
    browser.sign_in(account, "MFAUser", MFA_USER_PASSWORD)
    assert browser.path == "/console/mfa"
    browser.screenshot("09-mfa-prompt")
    browser.fill("#mfa-code", totp(secret, 30))
    browser.click("#mfa-submit")
    assert browser.path.startswith("/console/home")
    assert "Signed in with MFA" in browser.text("#identity-mfa")
    session_token = browser.cookie("warden-session")["value"]
    assert len(session_token) == 64

    # 3.3 EC2 now works fully: launch an instance, see it, stop it.
    browser.open("/console/ec2/instances")
    assert not browser.exists("#denial")
    browser.click("#launch-instance")
    browser.fill("#launch-name", "tutorial-instance")
    browser.click("#launch-submit")
    assert not browser.exists("#denial"), browser.text("#denial")
    reservations = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["tutorial-instance"]}])["Reservations"]
    instance_id = reservations[0]["Instances"][0]["InstanceId"]
    browser.open("/console/ec2/instances")
    assert browser.exists(f"#stop-{instance_id}") or browser.exists(f"#start-{instance_id}")
    browser.screenshot("10-ec2-instances-with-mfa")
    browser.open("/console/ec2/instances")
    if not browser.exists(f"#stop-{instance_id}"):
        # Still pending: a describe settles it; reload until the Stop button shows (bounded).
        for _ in range(10):
            browser.open("/console/ec2/instances")
            if browser.exists(f"#stop-{instance_id}"):
                break
    browser.click(f"#stop-{instance_id}")
    state = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]["State"]["Name"]
    assert state in ("stopping", "stopped")

    # 3.4 Other services still say access denied.
    browser.open("/console/services/s3")
    assert "is not authorized to perform: s3:ListAllMyBuckets" in browser.text("#denial-message")
    browser.screenshot("11-s3-denied")

    # No secret seen in this run reached the server's (debug) log.
    log = "".join(server.output)
    for secret_text in (secret, MFA_USER_PASSWORD, console_admin[1], server.secret_access_key, session_token):
        assert secret_text not in log

    # ---- Acceptance (issue 9, audit trail): `warden audit --user MFAUser` on the same data directory
    # lists the EC2 call denied before MFA (mfaAuthenticated false), then the allowed one (true).
    def audit(*args):
        result = warden("audit", "--data-dir", str(server.data_dir), "--user", "MFAUser", *args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def ec2_events():
        return [json.loads(line) for line in audit("--action", "ec2:DescribeInstances", "--json").splitlines()]

    deadline = time.time() + 5
    while not any(e.get("wardenAuthorization", {}).get("decision") == "Allow" for e in ec2_events()):
        assert time.time() < deadline, "the allowed DescribeInstances call reaches the audit trail"
        time.sleep(0.1)
    events = ec2_events()
    decisions = [(e["wardenAuthorization"]["decision"], e["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"])
                 for e in events]
    assert decisions[0] == ("Deny", "false")
    first_allow = decisions.index(("Allow", "true"))
    assert all(d == ("Deny", "false") for d in decisions[:first_allow])
    assert ("Deny", "false") not in decisions[first_allow:]
    denied, allowed = events[0], events[first_allow]
    for event in (denied, allowed):
        assert event["eventSource"] == "ec2.amazonaws.com" and event["eventName"] == "DescribeInstances"
        assert event["userIdentity"]["type"] == "IAMUser" and event["userIdentity"]["userName"] == "MFAUser"
        assert event["userIdentity"]["arn"] == f"arn:aws:iam::{account}:user/MFAUser"
        assert event["userIdentity"]["sessionCredentialFromConsole"] == "true"
        assert "HeadlessChrome" in event["userAgent"] or "Chrome" in event["userAgent"]
    assert denied["errorCode"] == "UnauthorizedOperation"
    assert "Force_MFA" in denied["wardenAuthorization"]["decidedBy"]
    assert "DenyAllExceptListedIfNoMFA" in denied["wardenAuthorization"]["decidedBy"]
    assert "errorCode" not in allowed
    assert "AmazonEC2FullAccess" in allowed["wardenAuthorization"]["decidedBy"]
    assert denied["eventTime"] <= allowed["eventTime"]

    # The same in the readable table, in the same order.
    rows = [line.split() for line in audit("--action", "ec2:DescribeInstances").splitlines()[1:]]
    table = [(r[1], r[2], r[3], r[4]) for r in rows]
    assert table[0] == ("MFAUser", "ec2:DescribeInstances", "Deny", "false")
    assert table.index(("MFAUser", "ec2:DescribeInstances", "Allow", "true")) == first_allow
    assert len(table) == len(events)

    # Console sign-ins: without MFA first, with MFA after; and the sign-outs.
    logins = [json.loads(line) for line in audit("--action", "signin:ConsoleLogin", "--json").splitlines()]
    assert [(e["responseElements"]["ConsoleLogin"], e["additionalEventData"]["MFAUsed"]) for e in logins] == [
        ("Success", "No"), ("Success", "Yes")]
    assert all(e["eventType"] == "AwsConsoleSignIn" for e in logins)
    assert len(audit("--action", "signin:ConsoleLogout", "--json").splitlines()) == 1
    # Nothing secret in the trail's table (the password, the TOTP seed).
    full = audit("--json")
    assert MFA_USER_PASSWORD not in full and secret not in full


"""Several nodes (issue 9): two `warden serve` processes on one store behave as one service. Users,
console sessions, TOTP replay protection, sign-in throttles and the MFA wizard live in the store; a
policy change on one node reaches the other's caches within a second. And `warden backup`/`restore`."""
import base64
import os
import re
import shutil
import threading
import time

import pytest
from botocore.exceptions import ClientError

from console_http import ConsoleHTTP, message, totp
from warden_server import WardenServer

PASSWORD = "Corr3ct-Horse!"
READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"


def user_with_key(iam, name, password=None):
    iam.create_user(UserName=name)
    if password:
        iam.create_login_profile(UserName=name, Password=password)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def error_code(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"]


def test_user_created_on_a_is_visible_on_b_at_once_and_signs_in_on_b(two_nodes):
    a, b = two_nodes
    assert a.endpoint != b.endpoint
    a.client("iam").create_user(UserName="alice", Tags=[{"Key": "team", "Value": "blue"}])
    a.client("iam").create_login_profile(UserName="alice", Password=PASSWORD)
    user = b.client("iam").get_user(UserName="alice")["User"]
    assert user["UserName"] == "alice"
    assert user["Tags"] == [{"Key": "team", "Value": "blue"}]
    page = ConsoleHTTP(b.endpoint).sign_in(b.account_id, "alice", PASSWORD)
    assert page.status_code == 200
    assert page.url == b.endpoint + "/console/home"


def test_console_session_made_on_a_works_on_b_and_sign_out_on_b_ends_it_on_a(two_nodes):
    a, b = two_nodes
    a.client("iam").create_user(UserName="bea")
    a.client("iam").create_login_profile(UserName="bea", Password=PASSWORD)
    on_a = ConsoleHTTP(a.endpoint)
    assert on_a.sign_in(a.account_id, "bea", PASSWORD).url.endswith("/console/home")
    cookie = on_a.session_cookie()
    assert cookie
    on_b = ConsoleHTTP(b.endpoint)
    on_b.http.cookies.set("warden-session", cookie)
    home = on_b.get("/console/home")
    assert home.status_code == 200 and home.url == b.endpoint + "/console/home"
    assert "bea @ " in home.text
    # The session's CSRF token (stored with it) is accepted on B: sign out there.
    csrf = on_b.csrf()
    assert csrf
    on_b.post("/console/signout", {"csrf": csrf})
    assert on_a.get("/console/home").url.endswith("/console")


def test_totp_code_used_on_a_is_rejected_on_b(two_nodes):
    a, b = two_nodes
    iam = a.client("iam")
    key_id, secret_key = user_with_key(iam, "carl")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="carl")["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode()
    serial = device["SerialNumber"]
    # Enabled with the previous and the current code (no drift); the next step's code is still unused
    # and within the ±1 step GetSessionToken accepts.
    iam.enable_mfa_device(UserName="carl", SerialNumber=serial, AuthenticationCode1=totp(seed, -30),
                          AuthenticationCode2=totp(seed))
    code = totp(seed, 30)
    sts_a = a.client("sts", access_key_id=key_id, secret_access_key=secret_key)
    sts_b = b.client("sts", access_key_id=key_id, secret_access_key=secret_key)
    credentials = sts_a.get_session_token(SerialNumber=serial, TokenCode=code)["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    with pytest.raises(ClientError) as replayed:
        sts_b.get_session_token(SerialNumber=serial, TokenCode=code)
    assert replayed.value.response["Error"]["Code"] == "AccessDenied"
    assert replayed.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    # The session made on A works on B.
    session = b.client("sts", access_key_id=credentials["AccessKeyId"], secret_access_key=credentials["SecretAccessKey"],
                       session_token=credentials["SessionToken"])
    assert session.get_caller_identity()["Arn"].endswith(":user/carl")


def wait_on(node_call, expect_allowed, limit=1.0):
    """Polls `node_call` until it is allowed (or denied); returns the seconds it took. Stops at `limit` + 1 s."""
    started = time.monotonic()
    while True:
        try:
            node_call()
            allowed = True
        except ClientError as error:
            assert error.response["Error"]["Code"] == "AccessDenied"
            allowed = False
        elapsed = time.monotonic() - started
        if allowed == expect_allowed or elapsed > limit + 1.0:
            return elapsed, allowed
        time.sleep(0.02)


def test_policy_changes_on_a_take_effect_on_b_within_one_second(two_nodes):
    a, b = two_nodes
    iam_a = a.client("iam")
    key_id, secret_key = user_with_key(iam_a, "dora")
    iam_a.create_group(GroupName="readers")
    iam_a.attach_group_policy(GroupName="readers", PolicyArn=READ_ONLY)
    dora_on_b = b.client("iam", access_key_id=key_id, secret_access_key=secret_key)
    # B authorizes (and caches dora's policy set) before each change.
    assert error_code(lambda: dora_on_b.list_users()) == "AccessDenied"

    steps = [
        ("attach", lambda: iam_a.attach_user_policy(UserName="dora", PolicyArn=READ_ONLY), True),
        ("detach", lambda: iam_a.detach_user_policy(UserName="dora", PolicyArn=READ_ONLY), False),
        ("membership", lambda: iam_a.add_user_to_group(GroupName="readers", UserName="dora"), True),
        ("deny", lambda: iam_a.put_user_policy(UserName="dora", PolicyName="no-list", PolicyDocument=(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:ListUsers","Resource":"*"}]}')), False),
    ]
    for name, change, allowed_after in steps:
        change()
        elapsed, allowed = wait_on(dora_on_b.list_users, allowed_after)
        assert allowed == allowed_after, f"{name}: B still answers as before after {elapsed:.2f} s"
        assert elapsed < 1.0, f"{name}: B took {elapsed:.2f} s"


def test_mfa_wizard_started_on_a_is_finished_on_b(two_nodes):
    a, b = two_nodes
    iam = a.client("iam")
    iam.create_user(UserName="erin")
    iam.create_login_profile(UserName="erin", Password=PASSWORD)
    iam.attach_user_policy(UserName="erin", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    on_a = ConsoleHTTP(a.endpoint)
    assert on_a.sign_in(a.account_id, "erin", PASSWORD).url.endswith("/console/home")
    csrf = on_a.csrf()
    step2 = on_a.post("/console/security-credentials/mfa/assign", {"csrf": csrf, "device_name": "erin", "type": "virtual"})
    assert step2.status_code == 200
    seed = message(step2.text, "mfa-secret")
    serial = re.search(r'name="serial" value="([^"]+)"', step2.text).group(1)
    assert seed and serial == f"arn:aws:iam::{a.account_id}:mfa/erin"

    on_b = ConsoleHTTP(b.endpoint)
    on_b.http.cookies.set("warden-session", on_a.session_cookie())
    # Back to step 1 and Next again, on B: the device made on A is still waiting, with its secret.
    again = on_b.post("/console/security-credentials/mfa/assign", {"csrf": csrf, "device_name": "erin", "type": "virtual"})
    assert again.status_code == 200
    assert message(again.text, "mfa-secret") == seed
    # Wrong codes on B show the same QR code and secret again.
    late = on_b.post("/console/security-credentials/mfa/enable", {"csrf": csrf, "serial": serial, "code1": "000000",
                                                                  "code2": "000000"})
    assert late.status_code in (400, 403)
    assert 'id="mfa-late"' in late.text
    assert message(late.text, "mfa-secret") == seed
    done = on_b.post("/console/security-credentials/mfa/enable", {"csrf": csrf, "serial": serial,
                                                                  "code1": totp(seed, -30), "code2": totp(seed)})
    assert done.url.startswith(b.endpoint + "/console/security-credentials")
    assert "MFA device assigned" in done.text
    devices = iam.list_mfa_devices(UserName="erin")["MFADevices"]
    assert [d["SerialNumber"] for d in devices] == [serial]


def test_sign_in_failures_on_a_throttle_the_user_on_b(two_nodes):
    a, b = two_nodes
    a.client("iam").create_user(UserName="fred")
    a.client("iam").create_login_profile(UserName="fred", Password=PASSWORD)
    for _ in range(5):
        assert ConsoleHTTP(a.endpoint).sign_in(a.account_id, "fred", "Wr0ng-Password!").status_code == 401
    blocked = ConsoleHTTP(b.endpoint).sign_in(b.account_id, "fred", PASSWORD)
    assert blocked.status_code == 401
    assert "Too many failed sign-in attempts" in message(blocked.text, "signin-error")


# Backup and restore are for the SQLite store (PostgreSQL has pg_dump): these servers stay on SQLite.
SQLITE = ["--database", ""]


def test_backup_while_serving_then_restore_into_a_new_data_dir(warden_bin, warden, tmp_path):
    data = tmp_path / "data"
    with WardenServer(warden_bin, data_dir=data, extra_args=SQLITE) as running:
        iam = running.client("iam")
        key_id, secret_key = user_with_key(iam, "gina")
        # Writes keep going on the server while the backup runs.
        stop = threading.Event()

        def write_load():
            i = 0
            while not stop.is_set():
                iam.create_user(UserName=f"load{i}")
                i += 1
        writer = threading.Thread(target=write_load)
        writer.start()
        try:
            backup = warden("backup", "--data-dir", str(data), "--output", str(tmp_path / "warden.bak"))
        finally:
            stop.set()
            writer.join()
        assert backup.returncode == 0, backup.stderr
        assert "does not contain the master key" in backup.stdout
        assert (tmp_path / "warden.bak").stat().st_mode & 0o777 == 0o600
        assert not list(tmp_path.glob("warden.bak.partial*"))
        # A database in use is not replaced, even with --force.
        refused = warden("restore", "--data-dir", str(data), "--input", str(tmp_path / "warden.bak"), "--force")
        assert refused.returncode != 0 and "in use" in refused.stderr
        account_id = running.account_id

    (tmp_path / "junk.bak").write_text("not a database\n")
    junk = warden("restore", "--data-dir", str(tmp_path / "other"), "--input", str(tmp_path / "junk.bak"))
    assert junk.returncode != 0 and "not an SQLite database" in junk.stderr

    restored = tmp_path / "restored"
    result = warden("restore", "--data-dir", str(restored), "--input", str(tmp_path / "warden.bak"))
    assert result.returncode == 0, result.stderr
    assert "master.key does not exist" in result.stdout
    # A master key that is not the backup's is noticed.
    other_key = tmp_path / "other-key"
    other_key.mkdir()
    wrong = warden("restore", "--data-dir", str(other_key), "--input", str(tmp_path / "warden.bak"))
    assert wrong.returncode == 0, wrong.stderr
    (other_key / "warden.sqlite").unlink()
    (other_key / "master.key").write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    wrong = warden("restore", "--data-dir", str(other_key), "--input", str(tmp_path / "warden.bak"))
    assert wrong.returncode == 0, wrong.stderr
    assert "does not open the restored secrets" in wrong.stdout
    shutil.copy(data / "master.key", restored / "master.key")
    shutil.copy(data / "root-credentials", restored / "root-credentials")
    again = warden("restore", "--data-dir", str(restored), "--input", str(tmp_path / "warden.bak"))
    assert again.returncode != 0 and "--force" in again.stderr
    forced = warden("restore", "--data-dir", str(restored), "--input", str(tmp_path / "warden.bak"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "WARNING" not in forced.stdout
    with WardenServer(warden_bin, data_dir=restored, extra_args=SQLITE) as back:
        assert back.account_id == account_id
        gina = back.client("sts", access_key_id=key_id, secret_access_key=secret_key)
        assert gina.get_caller_identity()["Arn"] == f"arn:aws:iam::{account_id}:user/gina"
        assert back.client("iam").get_user(UserName="gina")["User"]["UserName"] == "gina"

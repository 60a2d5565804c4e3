"""Console sign-in security: generic errors, throttling, MFA step, forced password change, CSRF,
cookie flags, sign-out, sessions that survive a restart, root sign-in, sign-in links."""
import re
import subprocess

import pytest

from console_http import ConsoleHTTP, message, totp
from warden_server import WardenServer

PASSWORD = "Corr3ct-Horse!"


def make_user(server, name, password=PASSWORD, reset=False, policies=()):
    iam = server.client("iam")
    iam.create_user(UserName=name)
    iam.create_login_profile(UserName=name, Password=password, PasswordResetRequired=reset)
    for arn in policies:
        iam.attach_user_policy(UserName=name, PolicyArn=arn)
    return iam


def enable_mfa(iam, user_name):
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=user_name)["VirtualMFADevice"]
    secret = device["Base32StringSeed"].decode()
    iam.enable_mfa_device(UserName=user_name, SerialNumber=device["SerialNumber"],
                          AuthenticationCode1=totp(secret, -30), AuthenticationCode2=totp(secret))
    return secret


def test_unknown_user_wrong_password_and_unknown_account_get_the_same_answer(server):
    make_user(server, "alice")
    answers = []
    for account, user, password in [(server.account_id, "alice", "wrong-Passw0rd"), (server.account_id, "nobody", PASSWORD),
                                    ("999999999999", "alice", PASSWORD)]:
        console = ConsoleHTTP(server.endpoint)
        page = console.sign_in(account, user, password)
        answers.append((page.status_code, message(page.text, "signin-error")))
        assert console.session_cookie() is None
    assert answers[0] == (401, "Your authentication information is incorrect. Please try again.")
    assert answers[1] == answers[0] and answers[2] == answers[0]


def test_repeated_failures_are_throttled_per_user(server):
    make_user(server, "bob")
    console = ConsoleHTTP(server.endpoint)
    for _ in range(5):
        assert console.sign_in(server.account_id, "bob", "nope-Nope-1").status_code == 401
    blocked = console.sign_in(server.account_id, "bob", PASSWORD)
    assert blocked.status_code == 401
    assert "Too many failed sign-in attempts" in message(blocked.text, "signin-error")
    assert console.session_cookie() is None
    # Another user from the same client is not blocked by bob's failures (per-client limit is higher).
    make_user(server, "carol")
    assert ConsoleHTTP(server.endpoint).sign_in(server.account_id, "carol", PASSWORD).url.endswith("/console/home")


def test_mfa_user_gets_code_page_wrong_code_is_generic_and_right_code_signs_in(server):
    iam = make_user(server, "dave")
    secret = enable_mfa(iam, "dave")
    console = ConsoleHTTP(server.endpoint)
    page = console.sign_in(server.account_id, "dave", PASSWORD)
    assert page.url.endswith("/console/mfa")
    # Until the code is given, no other page is reachable.
    assert console.get("/console/home").url.endswith("/console/mfa")
    csrf = re.search(r'name="csrf" value="(\w+)"', page.text).group(1)
    wrong = console.post("/console/mfa", {"csrf": csrf, "code": "000000" if totp(secret, 30) != "000000" else "111111"})
    assert wrong.status_code == 401
    assert message(wrong.text, "mfa-error") == "Your authentication information is incorrect. Please try again."
    home = console.post("/console/mfa", {"csrf": csrf, "code": totp(secret, 30)})
    assert home.url.endswith("/console/home")
    assert "Signed in with MFA" in home.text
    # PasswordLastUsed is recorded (and visible through the API at once).
    assert "PasswordLastUsed" in iam.get_user(UserName="dave")["User"]


def test_password_reset_required_forces_a_change_that_follows_the_policy(server):
    iam = make_user(server, "erin", reset=True, policies=["arn:aws:iam::aws:policy/IAMUserChangePassword"])
    iam.update_account_password_policy(MinimumPasswordLength=12, RequireNumbers=True)
    console = ConsoleHTTP(server.endpoint)
    page = console.sign_in(server.account_id, "erin", PASSWORD)
    assert page.url.endswith("/console/change-password")
    assert "At least 12 characters." in page.text and "At least one number (0-9)." in page.text
    assert console.get("/console/iam").url.endswith("/console/change-password")
    csrf = re.search(r'name="csrf" value="(\w+)"', page.text).group(1)
    short = console.post("/console/change-password", {"csrf": csrf, "old_password": PASSWORD, "new_password": "short1",
                                                      "confirm_password": "short1"})
    assert short.status_code == 400 and "password policy" in message(short.text, "password-error")
    done = console.post("/console/change-password", {"csrf": csrf, "old_password": PASSWORD,
                                                     "new_password": "A-much-longer-passw0rd", "confirm_password": "A-much-longer-passw0rd"})
    assert "/console/home?notice=" in done.url and "Your password was changed." in done.text
    assert iam.get_login_profile(UserName="erin")["LoginProfile"]["PasswordResetRequired"] is False
    assert ConsoleHTTP(server.endpoint).sign_in(server.account_id, "erin", "A-much-longer-passw0rd").url.endswith("/console/home")


def test_post_without_csrf_token_is_refused_and_changes_nothing(server):
    iam = make_user(server, "gina", policies=["arn:aws:iam::aws:policy/IAMFullAccess"])
    console = ConsoleHTTP(server.endpoint)
    console.sign_in(server.account_id, "gina", PASSWORD)
    refused = console.post("/console/security-credentials/access-keys", {"op": "create"})
    assert refused.status_code == 403
    assert "security token is missing" in refused.text
    wrong = console.post("/console/security-credentials/access-keys", {"op": "create", "csrf": "0" * 64})
    assert wrong.status_code == 403
    assert iam.list_access_keys(UserName="gina")["AccessKeyMetadata"] == []
    # The same form with the token works.
    made = console.post("/console/security-credentials/access-keys", {"op": "create", "csrf": console.csrf()})
    assert made.status_code == 200
    assert len(iam.list_access_keys(UserName="gina")["AccessKeyMetadata"]) == 1
    # The sign-in form itself is protected by its double-submit token.
    fresh = ConsoleHTTP(server.endpoint)
    forged = fresh.post("/console/signin", {"account": server.account_id, "username": "gina", "password": PASSWORD})
    assert forged.status_code == 403 and fresh.session_cookie() is None


def test_session_cookie_flags_and_secure_behind_tls(server):
    make_user(server, "hank")
    console = ConsoleHTTP(server.endpoint)
    answer = console.sign_in(server.account_id, "hank", PASSWORD, allow_redirects=False)
    assert answer.status_code == 303
    cookie = [value for name, value in answer.raw.headers.items() if name.lower() == "set-cookie" and "warden-session=" in value]
    assert len(cookie) == 1
    flags = [part.strip() for part in cookie[0].split(";")]
    assert "HttpOnly" in flags and "SameSite=Strict" in flags and "Path=/console" in flags
    assert "Secure" not in flags
    assert len(flags[0].split("=", 1)[1]) == 64
    behind_tls = ConsoleHTTP(server.endpoint)
    answer = behind_tls.sign_in(server.account_id, "hank", PASSWORD, allow_redirects=False,
                                headers={"X-Forwarded-Proto": "https"})
    cookie = [value for name, value in answer.raw.headers.items() if name.lower() == "set-cookie" and "warden-session=" in value]
    assert "Secure" in [part.strip() for part in cookie[0].split(";")]
    page = console.get("/console/home")
    assert page.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_sign_out_invalidates_the_session_on_the_server(server):
    make_user(server, "ivy")
    console = ConsoleHTTP(server.endpoint)
    console.sign_in(server.account_id, "ivy", PASSWORD)
    token = console.session_cookie()
    assert console.get("/console/home").url.endswith("/console/home")
    console.post("/console/signout", {"csrf": console.csrf()})
    # Replaying the old cookie no longer works.
    replay = ConsoleHTTP(server.endpoint)
    replay.http.cookies.set("warden-session", token, path="/console")
    assert replay.get("/console/home").url.endswith("/console")
    assert "Sign in to Warden" in replay.get("/console/home").text


def test_sessions_survive_a_restart(warden_bin, tmp_path):
    data = tmp_path / "data"
    with WardenServer(warden_bin, data_dir=data) as first:
        make_user(first, "jack")
        console = ConsoleHTTP(first.endpoint)
        console.sign_in(first.account_id, "jack", PASSWORD)
        token = console.session_cookie()
    with WardenServer(warden_bin, data_dir=data) as second:
        again = ConsoleHTTP(second.endpoint)
        again.http.cookies.set("warden-session", token, path="/console")
        page = again.get("/console/home")
        assert page.url.endswith("/console/home") and "arn:aws:iam::%s:user/jack" % second.account_id in page.text


def test_root_sign_in_with_the_password_set_by_warden(warden_bin, warden, tmp_path):
    data = tmp_path / "data"
    with WardenServer(warden_bin, data_dir=data) as running:
        weak = warden("root-password", "--data-dir", str(data), stdin="short\n")
        assert weak.returncode != 0 and "8 to 128" in weak.stderr
        made = warden("root-password", "--data-dir", str(data), stdin="Root-Passw0rd-1\n")
        assert made.returncode == 0, made.stderr
        console = ConsoleHTTP(running.endpoint)
        assert console.sign_in(running.account_id, None, "wrong-Passw0rd", root=True).status_code == 401
        page = console.sign_in(running.account_id, None, "Root-Passw0rd-1", root=True)
        assert page.url.endswith("/console/home")
        assert "arn:aws:iam::%s:root" % running.account_id in page.text


def test_sign_in_link_with_alias_and_account_id(server):
    make_user(server, "kate")
    server.client("iam").create_account_alias(AccountAlias="example-corp")
    console = ConsoleHTTP(server.endpoint)
    link = console.get("/example-corp/console")
    assert link.url.endswith("/console?account=example-corp")
    assert 'value="example-corp"' in link.text
    assert console.sign_in("example-corp", "kate", PASSWORD).url.endswith("/console/home")
    assert ConsoleHTTP(server.endpoint).get("/%s/console" % server.account_id).url.endswith("/console?account=%s" % server.account_id)


@pytest.mark.parametrize("body", ["%zz=1", "a=" + "x" * 300_000], ids=["bad-percent-encoding", "oversized"])
def test_malformed_or_oversized_forms_are_refused_with_4xx(server, body):
    console = ConsoleHTTP(server.endpoint)
    answer = console.http.post(server.endpoint + "/console/signin", data=body,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= answer.status_code < 500

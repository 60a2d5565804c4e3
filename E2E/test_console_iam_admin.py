"""Console IAM admin pages (issue 7): users, groups, the IAM dashboard and account settings,
driven through headless Chromium and checked through the API (boto3)."""
import json

import pytest
import requests
from botocore.exceptions import ClientError
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword"
EC2_READ = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"
EC2_FULL = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"


def sign_in(browser, account, user, password):
    """Signs in and waits for the answer (the password check takes a moment)."""
    browser.sign_in(account, user, password)
    WebDriverWait(browser.driver, 15).until(lambda driver: "/console?account=" not in driver.current_url)
    return browser


def admin_browser(server, browser_factory, console_admin):
    browser = sign_in(browser_factory(), server.account_id, *console_admin)
    assert browser.path == "/console/home"
    return browser


def submit(browser, css, accept=False):
    """Presses a submit button (accepting its `data-confirm` dialog) and waits for the next page."""
    old = browser.find("html")
    browser.click(css)
    if accept:
        WebDriverWait(browser.driver, 5).until(EC.alert_is_present())
        browser.driver.switch_to.alert.accept()
    browser.wait_for_new_page(old)
    return browser


def visible_rows(browser, table):
    """The text of each row the search box left visible (one script call, not one per row)."""
    return browser.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => r.textContent)", f"#{table} tbody tr")


def search(browser, box, text):
    browser.fill(box, text)


def confirm(browser, css):
    """Presses a button whose form asks `data-confirm`, and accepts the dialog."""
    submit(browser, css, accept=True)


def session_of(browser):
    """A requests session carrying the browser's console cookie."""
    session = requests.Session()
    for cookie in browser.driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"], path=cookie.get("path", "/"))
    return session


def no_such_user(iam, name):
    with pytest.raises(ClientError) as info:
        iam.get_user(UserName=name)
    return info.value.response["Error"]["Code"] == "NoSuchEntity"


def test_create_user_with_console_access_then_forced_password_change(server, browser_factory, console_admin):
    iam = server.client("iam")
    iam.create_group(GroupName="Developers")
    iam.create_group(GroupName="Testers")
    b = admin_browser(server, browser_factory, console_admin)

    b.open("/console/iam/users/new")
    # Every attachable policy is listed (about 1,400 AWS managed ones, paged through Marker).
    assert len(b.find_all("#policy-table tbody tr")) > 1000
    b.fill("#user-name", "alice")
    b.click("#console-access")
    b.fill("#console-password", "Alice-Initial-Passw0rd!")
    assert b.find("#require-reset").is_selected()  # checked by default, as in the AWS console
    b.click("#group-Developers")
    search(b, "#policy-search", "AmazonEC2ReadOnly")
    shown = visible_rows(b, "policy-table")
    assert 1 <= len(shown) < 10 and all("AmazonEC2ReadOnly" in row for row in shown)
    b.click("#policy-AmazonEC2ReadOnlyAccess")
    submit(b, "#create-user")

    assert b.path.startswith("/console/iam/users/alice")
    assert "User alice created." in b.text("#notice")
    assert b.text("#user-arn") == f"arn:aws:iam::{server.account_id}:user/alice"
    assert "Enabled" in b.text("#console-access-status")
    attached_names = b.text("#attached-policies")
    assert "AmazonEC2ReadOnlyAccess" in attached_names and "IAMUserChangePassword" in attached_names

    # The API agrees: login profile with reset required, the group, both policies.
    assert iam.get_login_profile(UserName="alice")["LoginProfile"]["PasswordResetRequired"] is True
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="alice")["Groups"]] == ["Developers"]
    arns = {p["PolicyArn"] for p in iam.list_attached_user_policies(UserName="alice")["AttachedPolicies"]}
    assert arns == {EC2_READ, CHANGE_PASSWORD}

    # The list shows the user with its group and console access; the search box filters it.
    b.open("/console/iam/users")
    row = b.find("#user-row-alice")
    assert "Developers" in row.text and "Enabled" in row.text and "Never" in row.text
    search(b, "#user-search", "nobody-matches-this")
    assert visible_rows(b, "users-table") == []

    # alice signs in and must change her password first.
    a = sign_in(browser_factory(), server.account_id, "alice", "Alice-Initial-Passw0rd!")
    assert a.path == "/console/change-password"
    a.fill("#old-password", "Alice-Initial-Passw0rd!")
    a.fill("#new-password", "Alice-Second-Passw0rd!")
    a.fill("#confirm-password", "Alice-Second-Passw0rd!")
    submit(a, "#change-password-submit")
    assert a.path.startswith("/console/home")
    assert iam.get_login_profile(UserName="alice")["LoginProfile"]["PasswordResetRequired"] is False

    # Groups tab: add to another group with the select, then remove from the first.
    b.open("/console/iam/users/alice?tab=groups")
    b.select("#add-group-select", "Testers")
    submit(b, "#add-to-group")
    assert "added to group Testers" in b.text("#notice")
    assert sorted(g["GroupName"] for g in iam.list_groups_for_user(UserName="alice")["Groups"]) == ["Developers", "Testers"]
    submit(b, "#remove-group-Developers")
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="alice")["Groups"]] == ["Testers"]

    # Permissions tab: detach one policy, attach another through the "Add permissions" page.
    b.open("/console/iam/users/alice?tab=permissions")
    submit(b, "#detach-AmazonEC2ReadOnlyAccess")
    assert "Policy removed." in b.text("#notice")
    submit(b, "#add-permissions")
    assert not b.exists("#policy-IAMUserChangePassword")  # already attached: not offered again
    search(b, "#policy-search", "AmazonS3ReadOnly")
    b.click("#policy-AmazonS3ReadOnlyAccess")
    submit(b, "#attach-policies")
    arns = {p["PolicyArn"] for p in iam.list_attached_user_policies(UserName="alice")["AttachedPolicies"]}
    assert arns == {CHANGE_PASSWORD, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}

    # A duplicate name is refused by CreateUser and the form comes back with the error.
    b.open("/console/iam/users/new")
    b.fill("#user-name", "alice")
    submit(b, "#create-user")
    assert b.path == "/console/iam/users/new"
    assert "EntityAlreadyExists" in b.text("#error")
    assert b.find("#user-name").get_attribute("value") == "alice"


def test_autogenerated_password_is_shown_once(server, browser_factory, console_admin):
    iam = server.client("iam")
    b = admin_browser(server, browser_factory, console_admin)
    b.open("/console/iam/users/new")
    b.fill("#user-name", "bob")
    b.click("#console-access")
    b.click("#require-reset")  # unchecked: no forced change, no IAMUserChangePassword
    submit(b, "#create-user")
    password = b.text("#generated-password")
    assert len(password) >= 20 and password not in b.path
    csv = b.find("#password-csv").get_attribute("textContent")
    assert csv.splitlines()[1].startswith("bob," + password)
    assert iam.get_login_profile(UserName="bob")["LoginProfile"]["PasswordResetRequired"] is False
    assert iam.list_attached_user_policies(UserName="bob")["AttachedPolicies"] == []
    # The password works, and the user page never shows it again.
    u = sign_in(browser_factory(), server.account_id, "bob", password)
    assert u.path == "/console/home"
    b.open("/console/iam/users/bob?tab=security_credentials")
    assert password not in b.source


def test_groups_create_with_searched_policies_and_members(server, browser_factory, console_admin, force_mfa_path):
    iam = server.client("iam")
    with open(force_mfa_path) as f:
        force_mfa = iam.create_policy(PolicyName="Force_MFA", PolicyDocument=f.read())["Policy"]["Arn"]
    iam.create_user(UserName="carol")
    iam.create_user(UserName="dan")
    b = admin_browser(server, browser_factory, console_admin)

    # Tutorial step 2: group EC2MFA with AmazonEC2FullAccess and Force_MFA, found by typing in the search box.
    b.open("/console/iam/groups")
    submit(b, "#create-group-link")
    assert b.path == "/console/iam/groups/new"
    b.fill("#group-name", "EC2MFA")
    search(b, "#policy-search", "AmazonEC2FullAccess")
    assert not b.find("#policy-AdministratorAccess").is_displayed()
    b.click("#policy-AmazonEC2FullAccess")
    search(b, "#policy-search", "Force_MFA")
    shown = visible_rows(b, "policy-table")
    assert len(shown) == 1 and "Customer managed" in shown[0]
    b.click("#policy-Force_MFA")
    submit(b, "#create-group")
    assert b.path.startswith("/console/iam/groups/EC2MFA")
    assert "User group EC2MFA created." in b.text("#notice")
    arns = {p["PolicyArn"] for p in iam.list_attached_group_policies(GroupName="EC2MFA")["AttachedPolicies"]}
    assert arns == {EC2_FULL, force_mfa}

    # Members: add carol and dan with checkboxes, then remove carol. (Not Admin: Force_MFA would
    # then deny Admin, signed in without MFA, everything on this page.)
    b.click("#user-carol")
    b.click("#user-dan")
    submit(b, "#add-users")
    assert "2 users added" in b.text("#notice")
    assert sorted(u["UserName"] for u in iam.get_group(GroupName="EC2MFA")["Users"]) == ["carol", "dan"]
    assert b.exists("#member-carol")
    submit(b, "#remove-user-carol")
    assert [u["UserName"] for u in iam.get_group(GroupName="EC2MFA")["Users"]] == ["dan"]
    assert not b.exists("#member-carol")

    # The list shows the member count; the search box filters it.
    b.open("/console/iam/groups")
    assert b.find("#group-row-EC2MFA .member-count").text == "1"
    assert "Defined" in b.text("#group-row-EC2MFA")

    # Permissions tab: detach one policy.
    b.open("/console/iam/groups/EC2MFA?tab=permissions")
    submit(b, "#detach-Force_MFA")
    assert [p["PolicyArn"] for p in iam.list_attached_group_policies(GroupName="EC2MFA")["AttachedPolicies"]] == [EC2_FULL]

    # Deleting the group detaches its policies and removes its members first.
    iam.put_group_policy(GroupName="EC2MFA", PolicyName="inline", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}))
    confirm(b, "#delete-group")
    assert b.path.startswith("/console/iam/groups")
    assert "User group EC2MFA deleted." in b.text("#notice")
    with pytest.raises(ClientError):
        iam.get_group(GroupName="EC2MFA")
    assert iam.list_groups_for_user(UserName="dan")["Groups"] == []


def test_access_key_secret_shown_once_and_works(server, browser_factory, console_admin):
    iam = server.client("iam")
    iam.create_user(UserName="dave")
    b = admin_browser(server, browser_factory, console_admin)
    b.open("/console/iam/users/dave?tab=security_credentials")
    assert b.exists("#no-access-keys")
    submit(b, "#create-access-key")
    key_id = b.text("#new-access-key-id")
    secret = b.text("#new-secret-access-key")
    assert key_id.startswith("AKIA") and len(secret) == 40
    assert secret not in b.path and key_id not in b.path
    csv = b.find("#access-key-csv").get_attribute("textContent")
    assert csv == f"Access key ID,Secret access key\n{key_id},{secret}\n"
    assert b.find("#download-access-key-csv").get_attribute("data-filename") == "dave_accessKeys.csv"

    # The key works.
    sts = server.client("sts", access_key_id=key_id, secret_access_key=secret)
    assert sts.get_caller_identity()["Arn"] == f"arn:aws:iam::{server.account_id}:user/dave"

    # The user page lists the key (with its last use) but never the secret again.
    submit(b, "#access-key-done")
    assert b.exists(f"#key-{key_id}") and secret not in b.source
    assert "sts" in b.text(f"#key-{key_id}")
    submit(b, f"#deactivate-{key_id}")
    assert iam.list_access_keys(UserName="dave")["AccessKeyMetadata"][0]["Status"] == "Inactive"
    submit(b, f"#activate-{key_id}")
    assert iam.list_access_keys(UserName="dave")["AccessKeyMetadata"][0]["Status"] == "Active"
    confirm(b, f"#delete-key-{key_id}")
    assert "Access key deleted." in b.text("#notice")
    assert iam.list_access_keys(UserName="dave")["AccessKeyMetadata"] == []

    # Console access from the credentials tab: enable with a password, then disable.
    b.fill("#enable-console-password", "Dave-Console-Passw0rd!")
    submit(b, "#enable-console")
    assert iam.get_login_profile(UserName="dave")["LoginProfile"]["PasswordResetRequired"] is True
    confirm(b, "#disable-console")
    with pytest.raises(ClientError):
        iam.get_login_profile(UserName="dave")


def test_delete_user_removes_everything_first(server, browser_factory, console_admin):
    iam = server.client("iam")
    iam.create_user(UserName="erin")
    iam.create_group(GroupName="Staff")
    iam.add_user_to_group(GroupName="Staff", UserName="erin")
    iam.attach_user_policy(UserName="erin", PolicyArn=EC2_READ)
    iam.put_user_policy(UserName="erin", PolicyName="inline", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}))
    iam.create_login_profile(UserName="erin", Password="Erin-Passw0rd!")
    iam.create_access_key(UserName="erin")
    b = admin_browser(server, browser_factory, console_admin)
    b.open("/console/iam/users/erin")
    assert "inline" in b.text("#inline-policies")
    confirm(b, "#delete-user")
    assert b.path.startswith("/console/iam/users")
    assert "User erin deleted." in b.text("#notice")
    assert no_such_user(iam, "erin")
    assert iam.get_group(GroupName="Staff")["Users"] == []
    assert not b.exists("#user-row-erin")


def test_account_settings_password_policy_and_alias(server, browser_factory, console_admin):
    iam = server.client("iam")
    b = admin_browser(server, browser_factory, console_admin)
    b.open("/console/iam/account-settings")
    assert not b.exists("#reset-password-policy")  # no custom policy yet
    b.fill("#min-length", "14")
    for box in ("#require-uppercase", "#require-numbers", "#allow-change", "#expire-passwords", "#prevent-reuse"):
        b.click(box)
    b.fill("#max-age", "60")
    b.fill("#reuse-count", "3")
    submit(b, "#save-password-policy")
    assert "Password policy updated." in b.text("#notice")
    policy = iam.get_account_password_policy()["PasswordPolicy"]
    assert policy["MinimumPasswordLength"] == 14
    assert policy["RequireUppercaseCharacters"] and policy["RequireNumbers"] and policy["AllowUsersToChangePassword"]
    assert not policy["RequireLowercaseCharacters"] and not policy["RequireSymbols"] and not policy["HardExpiry"]
    assert policy["MaxPasswordAge"] == 60 and policy["PasswordReusePrevention"] == 3
    # The form shows the stored policy.
    assert b.find("#min-length").get_attribute("value") == "14"
    assert b.find("#require-uppercase").is_selected() and not b.find("#require-symbols").is_selected()
    assert "Minimum password length is 14 characters." in b.text("#password-policy-rules")

    # Out-of-range input is refused by the API (4xx) and leaves the policy as it was.
    b.fill("#min-length", "3")
    submit(b, "#save-password-policy")
    assert "ValidationError" in b.text("#error")
    assert b.find("#min-length").get_attribute("value") == "3"
    assert iam.get_account_password_policy()["PasswordPolicy"]["MinimumPasswordLength"] == 14

    confirm(b, "#reset-password-policy")
    with pytest.raises(ClientError):
        iam.get_account_password_policy()

    # Alias: create, shown on the dashboard with the sign-in URL; change; delete.
    b.fill("#account-alias-input", "warden-console-test")
    submit(b, "#save-alias")
    assert iam.list_account_aliases()["AccountAliases"] == ["warden-console-test"]
    b.open("/console/iam")
    assert b.text("#account-alias").startswith("warden-console-test")
    assert b.text("#account-id") == server.account_id
    assert b.find("#signin-url").get_attribute("href").endswith("/warden-console-test/console")
    assert b.text("#count-users").endswith("1")
    b.open("/console/iam/account-settings")
    b.fill("#account-alias-input", "warden-renamed")
    submit(b, "#save-alias")
    assert iam.list_account_aliases()["AccountAliases"] == ["warden-renamed"]
    b.fill("#account-alias-input", "Bad_Alias")
    submit(b, "#save-alias")
    assert b.exists("#error")
    assert iam.list_account_aliases()["AccountAliases"] == ["warden-renamed"]
    confirm(b, "#delete-alias")
    assert iam.list_account_aliases()["AccountAliases"] == []


def test_denied_user_sees_denial_and_changes_nothing(server, browser_factory):
    iam = server.client("iam")
    iam.create_user(UserName="nobody")
    iam.create_login_profile(UserName="nobody", Password="Nobody-Passw0rd!")
    b = sign_in(browser_factory(), server.account_id, "nobody", "Nobody-Passw0rd!")
    b.open("/console/iam/users")
    assert b.exists("#denial")
    assert "is not authorized to perform: iam:ListUsers" in b.text("#denial-message")
    assert not b.exists("#user-row-nobody")
    b.open("/console/iam")
    assert "iam:GetAccountSummary" in b.text("#denial-message")

    # The create form still opens; CreateUser is refused and no user appears.
    b.open("/console/iam/users/new")
    b.fill("#user-name", "intruder")
    submit(b, "#create-user")
    assert "is not authorized to perform: iam:CreateUser" in b.text("#denial-message")
    assert no_such_user(iam, "intruder")
    session = session_of(b)
    response = session.post(server.endpoint + "/console/iam/users/new",
                            data={"csrf": b.csrf(), "user_name": "intruder"}, allow_redirects=False)
    assert response.status_code == 403
    assert no_such_user(iam, "intruder")


def test_csrf_token_required_and_bad_input_is_4xx(server, browser_factory, console_admin):
    iam = server.client("iam")
    b = admin_browser(server, browser_factory, console_admin)
    b.open("/console/iam/users/new")
    b.fill("#user-name", "forged")
    b.driver.execute_script("document.querySelector('#create-user-form input[name=csrf]').remove()")
    submit(b, "#create-user")
    assert "Request refused" in b.text("h1")
    assert no_such_user(iam, "forged")

    session = session_of(b)
    b.open("/console/iam/users")
    token = b.csrf()
    base = server.endpoint + "/console/iam"
    forged = session.post(base + "/groups/new", data={"csrf": "0" * 64, "group_name": "forged"}, allow_redirects=False)
    assert forged.status_code == 403
    missing = session.post(base + "/users/new", data={"user_name": "forged"}, allow_redirects=False)
    assert missing.status_code == 403 and "Request refused" in missing.text
    assert no_such_user(iam, "forged")
    assert iam.list_groups()["Groups"] == []

    # Malformed or unknown input gets a 4xx page, never a 5xx.
    checks = [
        session.get(base + "/users/no-such-user", allow_redirects=False),
        session.get(base + "/groups/no-such-group", allow_redirects=False),
        session.get(base + "/users/Admin/unknown-page", allow_redirects=False),
        session.post(base + "/users/Admin/detach-policy", data={"csrf": token, "arn": "not an arn"}, allow_redirects=False),
        session.post(base + "/users/Admin/update-access-key", data={"csrf": token, "key_id": "x", "status": "Sideways"},
                     allow_redirects=False),
        session.post(base + "/users/new", data={"csrf": token, "user_name": "bad name!"}, allow_redirects=False),
        session.post(base + "/users/new", data={"csrf": token, "user_name": "x" * 200}, allow_redirects=False),
        session.post(base + "/groups/new", data={"csrf": token, "group_name": ""}, allow_redirects=False),
        session.post(base + "/account-settings/password-policy", data={"csrf": token, "min_length": "many"},
                     allow_redirects=False),
        session.post(base + "/users/Admin/attach", data={"csrf": token, "policy": "arn:aws:iam::aws:policy/Nope"},
                     allow_redirects=False),
    ]
    codes = [r.status_code for r in checks]
    assert all(400 <= code < 500 for code in codes), codes
    assert codes[:3] == [404, 404, 404] and codes[5:9] == [400, 400, 400, 400] and codes[9] == 404, codes
    assert [u["UserName"] for u in iam.list_users()["Users"]] == ["Admin"]
    # Names with HTML are escaped, never interpreted.
    page = session.get(base + "/users/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert "<script>alert(1)</script>" not in page.text and page.status_code in (400, 404)


def test_phone_width_layout(server, browser_factory, console_admin):
    b = sign_in(browser_factory(width=390, height=844), server.account_id, *console_admin)
    b.open("/console/iam/users/new")
    # Headless Chromium's narrowest window is 500 px: nothing may stick out of it sideways.
    for path in ("/console/iam", "/console/iam/users/new", "/console/iam/account-settings"):
        b.open(path)
        scroll, client = b.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{path} is {scroll}px wide in a {client}px window"
    b.open("/console/iam/users/new")
    assert b.find("#create-user").is_displayed()
    b.screenshot("iam-user-new-phone")

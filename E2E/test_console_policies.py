"""Console policy pages: list and filters, the JSON editor with findings, the visual editor, the review
step with the summary, the policy page (versions, edit, delete), and a denial. Every change is
checked through the API (boto3) as well as on the page."""
import json
import re
import urllib.parse

import pytest
import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

LIST = "/console/iam/policies"
NEW = "/console/iam/policies/new"


def view_path(arn):
    return "/console/iam/policies/view?arn=" + urllib.parse.quote(arn, safe="")


def paste(browser, css, text):
    """Sets a textarea's text as a paste would (send_keys is slow for whole documents)."""
    element = browser.find(css)
    browser.driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", element, text)


def submit(browser, css, confirm=False):
    """Clicks a button that loads a new page (accepting its confirm dialog) and waits for the page."""
    old = browser.find("html")
    browser.click(css)
    if confirm:
        WebDriverWait(browser.driver, 10).until(expected_conditions.alert_is_present()).accept()

    def loaded(driver):
        try:
            old.is_enabled()
            return False
        except WebDriverException:  # stale, or already detached from the new document
            return driver.execute_script("return document.readyState") == "complete"
    WebDriverWait(browser.driver, 30).until(loaded)
    return browser


def sign_in(browser, account, user, password):
    browser.sign_in(account, user, password)
    WebDriverWait(browser.driver, 30).until(lambda d: "/console/home" in d.current_url)
    return browser


def textarea(browser, css):
    return browser.find(css).get_property("value")


def customer_policies(iam):
    return {p["PolicyName"]: p for p in iam.list_policies(Scope="Local")["Policies"]}


def admin_browser(server, console_admin, browser_factory):
    return sign_in(browser_factory(), server.account_id, *console_admin)


def review(browser, document):
    browser.open(NEW)
    paste(browser, "#policy-json", document)
    submit(browser, "#policy-next")


def test_create_force_mfa_edit_versions_and_delete(server, console_admin, browser_factory, force_mfa_path):
    iam = server.client("iam")
    text = open(force_mfa_path).read()
    b = admin_browser(server, console_admin, browser_factory)

    # JSON editor → Next: the review step with the summary (AWS's rows for this policy) and the linter's findings.
    review(b, text)
    assert b.exists("#policy-name"), b.source[:2000]
    services = [cell.text for cell in b.find_all("#policy-summary .summary-service")]
    levels = [cell.text for cell in b.find_all("#policy-summary .summary-level")]
    assert any(s.startswith("All services") for s in services), services
    assert any("(IAM)" in s for s in services), services
    assert any(level.startswith("All actions except") for level in levels), levels
    sections = [th.text for th in b.find_all("#policy-summary .summary-section th")]
    assert any(s.startswith("Explicit deny") for s in sections) and any(s.startswith("Allow") for s in sections), sections
    conditions = " ".join(c.text for c in b.find_all("#policy-summary .summary-condition"))
    assert "aws:MultiFactorAuthPresent" in conditions
    # Force_MFA has warning-level findings (no errors): shown, not blocking.
    codes = [f.get_attribute("data-code") for f in b.find_all("#policy-findings .finding")]
    assert "mfaDeviceLockout" in codes and not b.exists("#policy-findings .finding.ERROR")

    b.fill("#policy-name", "Force_MFA")
    b.fill("#policy-description", "Deny most actions without MFA")
    submit(b, "#policy-create")
    policy = customer_policies(iam)["Force_MFA"]
    arn = policy["Arn"]
    assert b.path.startswith("/console/iam/policies/view?arn="), b.path
    assert "Force_MFA created" in b.text("#notice")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["Description"] == "Deny most actions without MFA"
    stored = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"]
    assert stored == json.loads(text)
    assert json.loads(b.text("#policy-document")) == json.loads(text)
    assert b.text("#policy-type-label") == "Customer managed"

    # The visual editor refuses NotAction, like AWS's, and leaves the policy alone.
    b.open("/console/iam/policies/edit?arn=" + urllib.parse.quote(arn, safe="") + "&tab=visual")
    assert b.exists("#visual-unsupported")
    assert "NotAction" in b.text("#visual-unsupported")
    submit(b, "#visual-back-to-json")
    assert json.loads(textarea(b, "#policy-json")) == json.loads(text)

    # Edit: a new default version v2.
    edited = json.loads(text)
    edited["Statement"] = edited["Statement"][:2]
    b.open(view_path(arn))
    submit(b, "#policy-edit")
    paste(b, "#policy-json", json.dumps(edited, indent=2))
    submit(b, "#policy-next")
    assert b.exists("#policy-set-default") and b.find("#policy-set-default").is_selected()
    submit(b, "#policy-save")
    assert "updated" in b.text("#notice")
    versions = {v["VersionId"]: v for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]}
    assert set(versions) == {"v1", "v2"} and versions["v2"]["IsDefaultVersion"]
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"] == edited

    # Versions tab: make v1 the default again, then delete v2.
    submit(b, "#tab-versions")
    assert len(b.find_all("#policy-versions tbody tr")) == 2
    submit(b, "#set-default-v1")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v1"
    submit(b, "#delete-version-v2", confirm=True)
    assert "Version v2 deleted" in b.text("#notice")
    assert [v["VersionId"] for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]] == ["v1"]

    # Five versions: the next edit is refused with IAM's LimitExceeded, shown on the page; nothing changes.
    for _ in range(4):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(edited))
    b.open("/console/iam/policies/edit?arn=" + urllib.parse.quote(arn, safe=""))
    submit(b, "#policy-next")
    submit(b, "#policy-save")
    assert "LimitExceeded" in b.text("#error")
    assert len(iam.list_policy_versions(PolicyArn=arn)["Versions"]) == 5

    # Delete: the console detaches it and deletes the other versions first.
    iam.create_user(UserName="Dev")
    iam.create_group(GroupName="Devs")
    iam.attach_user_policy(UserName="Dev", PolicyArn=arn)
    iam.attach_group_policy(GroupName="Devs", PolicyArn=arn)
    b.open(view_path(arn) + "&tab=entities")
    rows = sorted(row.text.split()[:2] for row in b.find_all("#policy-entities tbody tr"))
    assert rows == [["Dev", "User"], ["Devs", "Group"]], rows
    submit(b, "#detach-group-Devs", confirm=True)
    assert "detached from Devs" in b.text("#notice")
    assert iam.list_attached_group_policies(GroupName="Devs")["AttachedPolicies"] == []
    assert len(iam.list_attached_user_policies(UserName="Dev")["AttachedPolicies"]) == 1
    submit(b, "#policy-delete", confirm=True)
    assert b.path.startswith(LIST), b.path
    assert "Force_MFA deleted" in b.text("#notice")
    assert "Force_MFA" not in customer_policies(iam)
    assert iam.list_attached_user_policies(UserName="Dev")["AttachedPolicies"] == []
    assert iam.list_attached_group_policies(GroupName="Devs")["AttachedPolicies"] == []


SYNTAX_ERROR = """{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow" "Action": "ec2:DescribeInstances", "Resource": "*"}
    ]
}"""

MFA_BOOL_FALSE = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "Action": "ec2:TerminateInstances",
            "Resource": "*",
            "Condition": {
                "Bool": {
                    "aws:MultiFactorAuthPresent": "false"
                }
            }
        }
    ]
}"""


def test_findings_errors_block_and_warnings_do_not(server, console_admin, browser_factory):
    iam = server.client("iam")
    b = admin_browser(server, console_admin, browser_factory)

    # A syntax error: an ERROR finding at its line and column; the editor stays, with the text.
    review(b, SYNTAX_ERROR)
    assert b.path == NEW and b.exists("#policy-json")
    errors = b.find_all("#policy-findings .finding.ERROR")
    assert len(errors) == 1, b.text("#policy-findings")
    assert "Line 4, Col 28" in errors[0].text
    assert textarea(b, "#policy-json") == SYNTAX_ERROR
    assert not b.exists("#policy-name")
    # Text that is not JSON cannot open in the Visual tab either.
    submit(b, "#tab-visual")
    assert textarea(b, "#policy-json") == SYNTAX_ERROR and b.exists("#policy-findings .finding.ERROR")
    assert customer_policies(iam) == {}

    # The line numbers count the textarea's own lines, also with leading blank lines.
    paste(b, "#policy-json", "\n\n" + SYNTAX_ERROR)
    submit(b, "#policy-check")
    assert "Line 6, Col 28" in b.text("#policy-findings .finding.ERROR")

    # A warning (Bool false without IfExists): shown on the review step, create still allowed.
    review(b, MFA_BOOL_FALSE)
    warning = b.find("#policy-findings .finding.SECURITY_WARNING")
    assert warning.get_attribute("data-code") == "mfaBoolWithoutIfexists"
    assert "Line 10, Col 21" in warning.text
    b.fill("#policy-name", "DenyTerminateWithoutMFA")
    submit(b, "#policy-create")
    arn = customer_policies(iam)["DenyTerminateWithoutMFA"]["Arn"]
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"] == json.loads(MFA_BOOL_FALSE)

    # IAM's own refusal (a duplicate name) is shown on the review step.
    review(b, MFA_BOOL_FALSE)
    b.fill("#policy-name", "DenyTerminateWithoutMFA")
    submit(b, "#policy-create")
    assert "EntityAlreadyExists" in b.text("#error")
    assert list(customer_policies(iam)) == ["DenyTerminateWithoutMFA"]


EXPECTED_VISUAL = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "VisualEditor0",
        "Effect": "Allow",
        "Action": ["ec2:DescribeInstances", "ec2:StartInstances", "ec2:StopInstances"],
        "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
    }],
}


def test_visual_editor_round_trip_and_create(server, console_admin, browser_factory):
    iam = server.client("iam")
    b = admin_browser(server, console_admin, browser_factory)
    # A link can open the Visual tab on a service; the JSON editor's starter document switches to an empty block.
    b.open(NEW + "?tab=visual&service=ec2")
    assert b.exists("#visual-action-RunInstances") and not b.exists("#visual-service-2")
    b.open(NEW)
    submit(b, "#tab-visual")
    assert b.exists("#visual-service") and not b.exists("#error") and not b.exists("#visual-actions")
    assert b.find("input[name=sid]").get_attribute("value") == "Statement1"

    b.open(NEW + "?tab=visual")
    b.select("#visual-service", "ec2")
    submit(b, "#visual-choose-service")
    for action in ("DescribeInstances", "StartInstances", "StopInstances"):
        b.click(f"#visual-action-{action}")
    b.click("#visual-mfa")
    # Without resources the statement is incomplete: Next stays on the Visual tab with the error.
    submit(b, "#visual-next")
    assert "Resource" in b.text("#policy-findings .finding.ERROR") and b.exists("#visual-actions")
    assert b.find("#visual-action-StopInstances").is_selected() and b.find("#visual-mfa").is_selected()
    b.click("#visual-all-resources")
    submit(b, "#visual-to-json")
    first = textarea(b, "#policy-json")
    assert json.loads(first) == EXPECTED_VISUAL

    # JSON → Visual keeps every choice; Visual → JSON gives the same text.
    submit(b, "#tab-visual")
    assert b.find("#visual-service option:checked").get_attribute("value") == "ec2"
    checked = [box.get_attribute("value") for box in b.find_all("#visual-actions input[name=action]:checked")]
    assert checked == EXPECTED_VISUAL["Statement"][0]["Action"]
    assert b.find("#visual-all-resources").is_selected() and b.find("#visual-mfa").is_selected()
    submit(b, "#visual-to-json")
    assert textarea(b, "#policy-json") == first

    # A second statement (Deny, specific ARN, source IP) survives the round trip too.
    submit(b, "#tab-visual")
    submit(b, "#visual-add-statement")
    b.select("#visual-service-2", "iam")
    submit(b, "#visual-choose-service-2")
    b.click("#visual-action-2-DeleteUser")
    b.fill("#visual-arns-2", "arn:aws:iam::*:user/admins/*")
    b.fill("#visual-source-ip-2", "203.0.113.0/24, 198.51.100.7/32")
    b.click("#visual-effect-deny-2")
    submit(b, "#visual-to-json")
    two = textarea(b, "#policy-json")
    second = json.loads(two)["Statement"][1]
    assert second == {"Sid": "VisualEditor1", "Effect": "Deny", "Action": "iam:DeleteUser",
                      "Resource": "arn:aws:iam::*:user/admins/*",
                      "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7/32"]}}}
    submit(b, "#tab-visual")
    submit(b, "#visual-to-json")
    assert textarea(b, "#policy-json") == two

    # Remove the second block, then Next from the Visual tab and create.
    submit(b, "#tab-visual")
    submit(b, "#visual-remove-2")
    assert not b.exists("#visual-block-2")
    submit(b, "#visual-next")
    assert b.text("#policy-summary .summary-service").startswith("Amazon EC2")
    b.fill("#policy-name", "EC2StartStopWithMFA")
    submit(b, "#policy-create")
    arn = customer_policies(iam)["EC2StartStopWithMFA"]["Arn"]
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"] == EXPECTED_VISUAL


def test_policy_list_filters(server, console_admin, browser_factory):
    iam = server.client("iam")
    iam.create_policy(PolicyName="TeamReadOnly", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}),
        Description="Reads for the team")
    b = admin_browser(server, console_admin, browser_factory)

    b.open(LIST)
    b.select("#policy-type", "customer")
    submit(b, "#policy-filter-apply")
    assert "type=customer" in b.path
    rows = b.find_all("#policies-table tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, ".policy-link").text for r in rows] == ["TeamReadOnly"]
    assert rows[0].find_element(By.CSS_SELECTOR, ".policy-type").text == "Customer managed"
    assert "Reads for the team" in rows[0].text

    b.open(LIST + "?q=EC2Full")
    names = [a.text for a in b.find_all("#policies-table .policy-link")]
    assert "AmazonEC2FullAccess" in names and all("ec2full" in n.lower() for n in names)
    submit(b, "#policies-table .policy-link")
    assert b.text("#policy-heading") == names[0]
    assert b.text("#policy-type-label") == "AWS managed"
    assert not b.exists("#policy-edit") and not b.exists("#policy-delete")
    assert json.loads(b.text("#policy-document"))["Statement"]

    # type=aws has no customer policies; the unfiltered list pages through all of them.
    b.open(LIST + "?type=aws&q=TeamReadOnly")
    assert b.find_all("#policies-table tbody tr") == []
    b.open(LIST)
    total = len(iam.list_policies(Scope="All", MaxItems=1000)["Policies"])
    assert total == 1000 and b.exists("#policies-next")
    assert len(b.find_all("#policies-table tbody tr")) == 50


def test_user_without_create_policy_is_denied(server, browser_factory):
    iam = server.client("iam")
    iam.create_user(UserName="Reader")
    iam.attach_user_policy(UserName="Reader", PolicyArn="arn:aws:iam::aws:policy/IAMReadOnlyAccess")
    iam.create_login_profile(UserName="Reader", Password="Reader-Passw0rd!")
    b = browser_factory()
    sign_in(b, server.account_id, "Reader", "Reader-Passw0rd!")

    # Reading is allowed.
    b.open(LIST + "?q=IAMReadOnly")
    assert "IAMReadOnlyAccess" in [a.text for a in b.find_all("#policies-table .policy-link")]

    review(b, MFA_BOOL_FALSE)
    b.fill("#policy-name", "NotAllowed")
    submit(b, "#policy-create")
    assert "is not authorized to perform: iam:CreatePolicy" in b.text("#denial")
    assert b.exists("#policy-name")  # still on the review step, nothing lost
    assert customer_policies(iam) == {}


def test_user_without_list_policies_sees_denial(server, browser_factory):
    iam = server.client("iam")
    iam.create_user(UserName="Nobody")
    iam.create_login_profile(UserName="Nobody", Password="Nobody-Passw0rd!")
    b = browser_factory()
    sign_in(b, server.account_id, "Nobody", "Nobody-Passw0rd!")
    b.open(LIST)
    assert "is not authorized to perform: iam:ListPolicies" in b.text("#denial")
    assert b.find_all("#policies-table tbody tr") == []
    b.open(view_path("arn:aws:iam::aws:policy/AdministratorAccess"))
    assert "iam:GetPolicy" in b.text("#denial")
    assert not b.exists("#policy-document")


@pytest.mark.parametrize("path", [
    "/console/iam/policies/view",
    "/console/iam/policies/view?arn=arn:aws:iam::123456789012:policy/Missing",
    "/console/iam/policies/edit?arn=arn:aws:iam::aws:policy/AdministratorAccess",
    "/console/iam/policies/nope",
])
def test_bad_addresses_are_4xx(server, console_admin, path):
    session = requests.Session()
    form = session.get(server.endpoint + "/console").text
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    response = session.post(server.endpoint + "/console/signin", data={
        "token": token, "account": server.account_id, "username": console_admin[0], "password": console_admin[1]})
    assert response.status_code == 200 and response.url.endswith("/console/home"), response.url
    response = session.get(server.endpoint + path)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])

"""Operations (issue 9): /healthz and /readyz, Prometheus metrics at /metrics that move with real
boto3 and console traffic, and `--log-format json` logs that carry the request id AWS clients see
and never a secret."""
import json
import re
import time
import urllib.error
import urllib.request
import uuid

from botocore.exceptions import ClientError

from console_http import ConsoleHTTP
from helpers import client, deny, document, unique, user_with_key
from test_mfa_devices import create_device, enable, oathtool, wrong_code
from warden_server import WardenServer

METRIC_NAMES = ("warden_requests_total", "warden_request_duration_seconds", "warden_authorization_decisions_total",
                "warden_signin_failures_total", "warden_mfa_failures_total")
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def get(server, path):
    try:
        with urllib.request.urlopen(server.endpoint + path, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def scrape(server):
    """/metrics as {(name, frozenset(labels)): value}, checking every line is valid exposition format."""
    status, headers, text = get(server, "/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match, f"not exposition format: {line!r}"
        labels = frozenset(LABEL.findall(match.group(2) or ""))
        samples[(match.group(1), labels)] = float(match.group(3))
    return samples, text


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())), 0.0)


def request_id(call):
    """Runs a boto3 call; returns (RequestId, error code or None)."""
    try:
        return call()["ResponseMetadata"]["RequestId"], None
    except ClientError as error:
        return error.response["ResponseMetadata"]["RequestId"], error.response["Error"]["Code"]


def test_health_endpoints_answer_without_signature(shared_server):
    status, headers, body = get(shared_server, "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert headers.get("x-amzn-RequestId") is None  # not taken for an unsigned AWS request
    status, _, body = get(shared_server, "/readyz")
    assert (status, json.loads(body)) == (200, {"status": "ready"})
    # The AWS endpoint itself still refuses an unsigned GET with an AWS error.
    status, headers, body = get(shared_server, "/?Action=ListUsers&Version=2010-05-08")
    assert status == 403 and "<Code>MissingAuthenticationToken</Code>" in body


def test_metrics_and_json_logs_follow_real_traffic(warden_bin, tmp_path):
    log_path = tmp_path / "warden.log"
    server = WardenServer(warden_bin, data_dir=tmp_path / "data", log_level="debug",
                          extra_args=["--log-format", "json"], stderr_path=log_path)
    secrets = []
    ids = {}
    with server:
        iam = client(server)
        before, _ = scrape(server)

        # A successful call and two denied ones (no policy allows; a Deny statement).
        ids["list_users"], code = request_id(iam.list_users)
        assert code is None
        name = unique("ops")
        ops = user_with_key(iam, name=name, inline=document(deny("iam:GetUser")))
        secrets.append(ops["SecretAccessKey"])
        ops_iam = client(server, creds=ops)
        decisions = "warden_authorization_decisions_total"
        allowed, _ = scrape(server)
        assert value(allowed, decisions, decision="allow", service="iam") - value(before, decisions, decision="allow",
                                                                                  service="iam") >= 4
        ids["implicit"], code = request_id(ops_iam.list_users)
        assert code == "AccessDenied"
        implicit, _ = scrape(server)
        ids["explicit"], code = request_id(lambda: ops_iam.get_user(UserName=name))
        assert code == "AccessDenied"
        explicit, _ = scrape(server)
        # Exactly one more deny of each kind, and no allow, for the two refused calls.
        for kind, earlier, later in (("implicit_deny", allowed, implicit), ("explicit_deny", implicit, explicit)):
            for decision in ("allow", "implicit_deny", "explicit_deny"):
                change = value(later, decisions, decision=decision, service="iam") - value(earlier, decisions,
                                                                                          decision=decision, service="iam")
                assert change == (1 if decision == kind else 0), (kind, decision, change)

        # A console password; one wrong sign-in, then a right one (its cookie is a secret too).
        password = "Ops-" + uuid.uuid4().hex + "!Aa1"
        secrets.append(password)
        ids["login_profile"], code = request_id(lambda: iam.create_login_profile(UserName=name, Password=password))
        assert code is None
        wrong_password = "Nope-" + uuid.uuid4().hex + "!Aa1"
        secrets.append(wrong_password)
        refused = ConsoleHTTP(server.endpoint).sign_in(server.account_id, name, wrong_password)
        assert refused.status_code == 401
        console = ConsoleHTTP(server.endpoint)
        assert console.sign_in(server.account_id, name, password).url.endswith("/console/home")
        secrets.append(console.session_cookie())

        # MFA: a wrong code via GetSessionToken is refused, the right one gives a session.
        serial, seed = create_device(iam)
        secrets.append(seed)
        now = enable(iam, name, serial, seed)
        ops_sts = client(server, "sts", creds=ops)
        ids["wrong_mfa"], code = request_id(
            lambda: ops_sts.get_session_token(SerialNumber=serial, TokenCode=wrong_code(seed, now)))
        assert code == "AccessDenied"
        session = ops_sts.get_session_token(SerialNumber=serial, TokenCode=oathtool(seed, now + 30))
        ids["session"] = session["ResponseMetadata"]["RequestId"]
        secrets += [session["Credentials"]["SecretAccessKey"], session["Credentials"]["SessionToken"]]
        # And a wrong code at the console's MFA step.
        mfa_console = ConsoleHTTP(server.endpoint)
        page = mfa_console.sign_in(server.account_id, name, password)
        assert page.url.endswith("/console/mfa")
        csrf = re.search(r'name="csrf" value="(\w+)"', page.text).group(1)
        assert mfa_console.post("/console/mfa", {"csrf": csrf, "code": wrong_code(seed, int(time.time()))}).status_code == 401

        after, text = scrape(server)
        for metric in METRIC_NAMES:
            kind = "histogram" if metric.endswith("_seconds") else "counter"
            assert f"# TYPE {metric} {kind}" in text
        delta = lambda name, **labels: value(after, name, **labels) - value(before, name, **labels)  # noqa: E731
        requests = "warden_requests_total"
        assert delta(requests, service="iam", operation="ListUsers", outcome="success", code="none") == 1
        assert delta(requests, service="iam", operation="ListUsers", outcome="client_error", code="AccessDenied") == 1
        assert delta(requests, service="iam", operation="GetUser", outcome="client_error", code="AccessDenied") == 1
        assert delta(requests, service="sts", operation="GetSessionToken", outcome="success", code="none") == 1
        assert delta(requests, service="sts", operation="GetSessionToken", outcome="client_error", code="AccessDenied") == 1
        assert delta(requests, service="console", operation="signin", outcome="client_error", code="HTTP401") >= 1
        assert delta(decisions, decision="allow", service="iam") >= 6
        assert delta("warden_signin_failures_total", stage="password", reason="invalid") == 1
        assert delta("warden_signin_failures_total", stage="mfa", reason="invalid") == 1
        assert delta("warden_mfa_failures_total", source="api", reason="invalid_code") == 1
        assert delta("warden_mfa_failures_total", source="console", reason="invalid_code") == 1
        # The latency histogram: cumulative buckets in seconds, +Inf equal to the count.
        histogram = "warden_request_duration_seconds"
        assert re.search(r'^warden_request_duration_seconds_bucket\{service="sts",operation="GetSessionToken",le="0\.005"\} \d+$',
                         text, re.M)
        inf = value(after, histogram + "_bucket", service="sts", operation="GetSessionToken", le="+Inf")
        assert inf == value(after, histogram + "_count", service="sts", operation="GetSessionToken") >= 2
        assert value(after, histogram + "_sum", service="sts", operation="GetSessionToken") > 0
    server.stop()

    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    assert lines, "no log lines"
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    for record in records:
        assert {"time", "level", "message", "logger"} <= record.keys(), record
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record["time"])
    logged_ids = {record.get("request-id") for record in records}
    for call, rid in ids.items():
        assert rid in logged_ids, f"no log line carries the request id of {call}"
    access = [r for r in records if r["message"] == "request" and r.get("request-id") == ids["implicit"]]
    assert access and {r.get("code") for r in access} >= {"AccessDenied"}
    # Nothing secret was logged at debug level.
    text = log_path.read_text()
    for secret in secrets:
        assert secret and secret not in text, "a secret reached the log"


def test_log_format_from_the_environment(warden_bin, tmp_path):
    log_path = tmp_path / "warden.log"
    with WardenServer(warden_bin, ephemeral=True, log_level="info", env={"WARDEN_LOG_FORMAT": "json"},
                      stderr_path=log_path) as server:
        client(server, "sts").get_caller_identity()
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    assert lines and all(json.loads(line)["logger"] for line in lines)


def test_unknown_log_format_is_refused(warden):
    result = warden("serve", "--log-format", "xml", "--ephemeral", "--port", "0")
    assert result.returncode != 0
    assert "unknown log format" in result.stderr


def test_metrics_can_be_turned_off(warden_bin):
    with WardenServer(warden_bin, ephemeral=True, extra_args=["--no-metrics"]) as server:
        assert get(server, "/metrics")[0] == 404
        assert get(server, "/healthz")[0] == 200

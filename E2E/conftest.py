"""Shared fixtures: the `warden` binary under test (WARDEN_BIN, default .build/debug/warden)."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def warden_bin():
    path = pathlib.Path(os.environ.get("WARDEN_BIN", ROOT / ".build" / "debug" / "warden"))
    if not path.exists():
        pytest.fail(f"warden binary not found at {path}; build it with `swift build` or set WARDEN_BIN")
    return str(path)


@pytest.fixture(scope="session")
def force_mfa_path():
    path = REFERENCE / "policies" / "Force_MFA.json"
    if not path.exists():
        pytest.fail(f"reference policy missing: {path}")
    return str(path)


@pytest.fixture
def warden(warden_bin):
    def run(*args, stdin=None):
        return subprocess.run([warden_bin, *args], input=stdin, capture_output=True, text=True, timeout=120)
    return run


from warden_server import WardenNodes, WardenServer  # noqa: E402


@pytest.fixture
def server(warden_bin, tmp_path):
    """A fresh server on a random port with its own data directory."""
    with WardenServer(warden_bin, data_dir=tmp_path / "data") as running:
        yield running


@pytest.fixture
def two_nodes(warden_bin, tmp_path):
    """Nodes A and B: two servers on random ports sharing one store. The store is the SQLite file of a
    shared temporary data directory, or the database in WARDEN_TEST_DATABASE_URL when it is set (passed
    through as `--database`; a fresh database per test is the caller's business)."""
    with WardenNodes(warden_bin, tmp_path / "data", count=2,
                     database_url=os.environ.get("WARDEN_TEST_DATABASE_URL") or None) as nodes:
        yield nodes[0], nodes[1]


@pytest.fixture(scope="module")
def shared_server(warden_bin, tmp_path_factory):
    """One server for a module's read-mostly tests (ephemeral store)."""
    with WardenServer(warden_bin, ephemeral=True) as running:
        yield running


@pytest.fixture
def browser_factory(server):
    """Opens headless Chromium windows on `server`; closes them at the end of the test."""
    from console_browser import Browser
    opened = []

    def make(width=1280, height=900):
        window = Browser(server.endpoint, width=width, height=height)
        opened.append(window)
        return window
    yield make
    for window in opened:
        window.close()


@pytest.fixture
def console_admin(server):
    """An IAM user `Admin` with AdministratorAccess and a console password; returns (name, password)."""
    iam = server.client("iam")
    iam.create_user(UserName="Admin")
    iam.attach_user_policy(UserName="Admin", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    iam.create_login_profile(UserName="Admin", Password="Admin-Passw0rd!")
    return "Admin", "Admin-Passw0rd!"

"""Shared fixtures: the `warden` binary under test (WARDEN_BIN, default .build/debug/warden)."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: reads or writes the SQLite file itself; skipped when the "
                                       "servers run on PostgreSQL (WARDEN_E2E_POSTGRES_URL)")


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("WARDEN_E2E_POSTGRES_URL"):
        return
    skip = pytest.mark.skip(reason="inspects the SQLite file; this run keeps the store in PostgreSQL")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


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
        args = list(args)
        admin = os.environ.get("WARDEN_E2E_POSTGRES_URL")
        data_dir = args[args.index("--data-dir") + 1] if "--data-dir" in args else None
        if admin and args[0] in ("root-password", "audit") and data_dir and os.path.isdir(data_dir) and "--database" not in args:
            # The PostgreSQL run: the store of a data directory lives in its own schema (see warden_server).
            args += ["--database", postgres_url(admin, data_dir)]
        return subprocess.run([warden_bin, *args], input=stdin, capture_output=True, text=True, timeout=120)
    return run


from warden_server import WardenNodes, WardenServer, postgres_url  # noqa: E402


@pytest.fixture
def server(warden_bin, tmp_path):
    """A fresh server on a random port with its own data directory."""
    with WardenServer(warden_bin, data_dir=tmp_path / "data") as running:
        yield running


@pytest.fixture
def two_nodes(warden_bin, tmp_path):
    """Nodes A and B: two servers on random ports sharing one store: the SQLite file of a shared temporary
    data directory, or (WARDEN_E2E_POSTGRES_URL set) that directory's schema in PostgreSQL."""
    with WardenNodes(warden_bin, tmp_path / "data", count=2) as nodes:
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

"""Start and stop a real `warden serve` on a free loopback port, and talk to it with boto3 and the AWS CLI."""
import configparser
import hashlib
import json
import os
import re
import signal
import subprocess
import threading
import time

import boto3
from botocore.config import Config


def postgres_url(admin_url, data_dir):
    """The admin URL with a schema private to `data_dir` (`?schema=e_<hash>`)."""
    schema = "e_" + hashlib.sha256(str(data_dir).encode()).hexdigest()[:20]
    return admin_url + ("&" if "?" in admin_url else "?") + "schema=" + schema


class WardenServer:
    """A `warden serve` process. Use `start()`/`stop()` or as a context manager."""

    def __init__(self, binary, data_dir=None, ephemeral=False, extra_args=(), env=None, log_level="warning",
                 stderr_path=None):
        self.binary = binary
        self.data_dir = data_dir
        self.ephemeral = ephemeral
        self.extra_args = list(extra_args)
        self.env = env
        self.log_level = log_level
        # With a path, standard error (the log) goes to that file instead of joining standard output.
        self.stderr_path = stderr_path
        self.process = None
        self.endpoint = None
        self.credentials_path = None
        self.access_key_id = None
        self.secret_access_key = None
        self.account_id = None
        self.output = []

    def start(self, timeout=60):
        args = [self.binary, "serve", "--port", "0", "--host", "127.0.0.1", "--log-level", self.log_level]
        if self.ephemeral:
            args.append("--ephemeral")
        if self.data_dir:
            args += ["--data-dir", str(self.data_dir)]
        args += self.extra_args
        args += self.postgres_args()
        env = dict(os.environ, **(self.env or {}))
        stderr = open(self.stderr_path, "w") if self.stderr_path else subprocess.STDOUT
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
        if self.stderr_path:
            stderr.close()
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError("warden exited early:\n" + "".join(self.output))
                continue
            self.output.append(line)
            match = re.search(r"Warden listening on (http://127\.0\.0\.1:\d+)", line)
            if match:
                self.endpoint = match.group(1)
            match = re.search(r"^account (\d{12}), root access key (\w+)", line)
            if match:
                self.account_id, self.access_key_id = match.group(1), match.group(2)
            match = re.search(r"^root credentials: (\S+)", line)
            if match:
                self.credentials_path = match.group(1)
            if self.endpoint and self.credentials_path and self.account_id:
                break
        else:
            self.stop()
            raise RuntimeError("warden did not announce itself:\n" + "".join(self.output))
        parser = configparser.ConfigParser()
        parser.read(self.credentials_path)
        self.access_key_id = parser["default"]["aws_access_key_id"]
        self.secret_access_key = parser["default"]["aws_secret_access_key"]
        # Keep draining output so the pipe never fills.
        threading.Thread(target=self._drain, daemon=True).start()
        return self

    def postgres_args(self):
        """With WARDEN_E2E_POSTGRES_URL set (an admin URL), a data-directory server keeps its store in PostgreSQL,
        in a schema named after its data directory (a restart on the same directory finds the same store)."""
        admin = os.environ.get("WARDEN_E2E_POSTGRES_URL")
        if not admin or self.ephemeral or not self.data_dir or "--database" in self.extra_args:
            return []
        return ["--database", postgres_url(admin, self.data_dir)]

    def _drain(self):
        for line in self.process.stdout:
            self.output.append(line)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode if self.process else None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def client(self, service, access_key_id=None, secret_access_key=None, session_token=None, region="us-east-1"):
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=region,
            aws_access_key_id=access_key_id or self.access_key_id,
            aws_secret_access_key=secret_access_key or self.secret_access_key,
            aws_session_token=session_token,
            config=Config(retries={"max_attempts": 1}))

    def cli(self, *args, access_key_id=None, secret_access_key=None, session_token=None, check=True):
        """Runs `aws --endpoint-url ... <args> --output json` and returns (returncode, parsed JSON or None, stderr)."""
        env = dict(os.environ)
        for key in ("AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"):
            env.pop(key, None)
        env.update(AWS_ACCESS_KEY_ID=access_key_id or self.access_key_id,
                   AWS_SECRET_ACCESS_KEY=secret_access_key or self.secret_access_key,
                   AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null", AWS_MAX_ATTEMPTS="1")
        if session_token:
            env["AWS_SESSION_TOKEN"] = session_token
        result = subprocess.run(["aws", "--endpoint-url", self.endpoint, *args, "--output", "json"],
                                capture_output=True, text=True, env=env, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"aws {' '.join(args)} failed: {result.stderr}")
        parsed = json.loads(result.stdout) if result.stdout.strip() else None
        return result.returncode, parsed, result.stderr


class WardenNodes:
    """Several `warden serve` processes (nodes) on one store, started one after the other so that the
    first creates the account and the master key and the others find them. They share `data_dir` (master
    key, root credentials file, and the SQLite database unless `database_url` is given, in which case
    every node gets `--database <url>`). Use as a context manager; indexing gives the nodes."""

    def __init__(self, binary, data_dir, count=2, database_url=None, env=None):
        extra = ["--database", database_url] if database_url else []
        self.nodes = [WardenServer(binary, data_dir=data_dir, extra_args=extra, env=env) for _ in range(count)]

    def __enter__(self):
        try:
            for node in self.nodes:
                node.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        for node in self.nodes:
            node.stop()

    def __getitem__(self, index):
        return self.nodes[index]

    def __len__(self):
        return len(self.nodes)

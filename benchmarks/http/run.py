#!/usr/bin/env python3
"""HTTP load benchmark: Warden vs moto_server, signed GetCallerIdentity / GetUser over loopback.

Starts `warden serve --ephemeral --port 0` and `moto_server` on 127.0.0.1, creates the users
`bench` (arn:aws:iam::aws:policy/ReadOnlyAccess attached) and `bench-plain` (inline policy
allowing iam:GetUser on *) with access keys on both servers, pre-signs a pool of SigV4 requests
with botocore, and replays them with wrk (2 threads; 1, 4 and 16 connections). Every run is
checked: one request of each kind before it (HTTP 200 and the expected XML element) and no
non-2xx responses or socket errors from wrk after it. Prints a Markdown report.

Builds nothing. Build first:
    cd /work/main && swift build -c release --product warden
Run (about 5 minutes with the defaults):
    python3 benchmarks/http/run.py [--warden-bin PATH] [--duration 8] [--connections 1,4,16]
        [--scenarios gci-plain,getuser-plain,gci-readonly,getuser-readonly,mixed] [--servers warden,moto]
        [--wait-quiet 1.5] [--json results.json]

The load generator shares the machine's CPUs with the servers, so other processes skew the
numbers: the report shows the CPU other processes used during each run, and `--wait-quiet L`
waits (bounded) for the 1-minute load average to fall below L before starting.

Requires: wrk (apt-get install -y wrk), boto3/botocore, requests, moto (moto_server).
"""
import argparse
import configparser
import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import boto3
import botocore.auth
import requests
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
LUA = os.path.join(HERE, "replay.lua")
READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"
GET_USER_POLICY = json.dumps({"Version": "2012-10-17",
                              "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]})

# The two request kinds: (signing service, form body, expected XML fragment in a 200 response).
KINDS = {
    "GetCallerIdentity": ("sts", "Action=GetCallerIdentity&Version=2011-06-15", "<GetCallerIdentityResult>"),
    "GetUser": ("iam", "Action=GetUser&Version=2010-05-08&UserName=bench", "<UserName>bench</UserName>"),
}

# Scenario name -> (user whose key signs, request kinds cycled through the pool).
SCENARIOS = {
    "sts:GetCallerIdentity (bench-plain)": ("bench-plain", ["GetCallerIdentity"]),
    "iam:GetUser (bench-plain, inline policy)": ("bench-plain", ["GetUser"]),
    "sts:GetCallerIdentity (bench, ReadOnlyAccess)": ("bench", ["GetCallerIdentity"]),
    "iam:GetUser (bench, ReadOnlyAccess)": ("bench", ["GetUser"]),
    "mixed 1:1 (bench, ReadOnlyAccess)": ("bench", ["GetCallerIdentity", "GetUser"]),
}
SCENARIO_KEYS = {"gci-plain": "sts:GetCallerIdentity (bench-plain)",
                 "getuser-plain": "iam:GetUser (bench-plain, inline policy)",
                 "gci-readonly": "sts:GetCallerIdentity (bench, ReadOnlyAccess)",
                 "getuser-readonly": "iam:GetUser (bench, ReadOnlyAccess)",
                 "mixed": "mixed 1:1 (bench, ReadOnlyAccess)"}

SIGNATURE_VALIDITY_SECONDS = 15 * 60


class BenchmarkFailure(Exception):
    pass


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes


def proc_status(pid):
    """VmRSS and VmHWM in KiB from /proc/PID/status."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def proc_cpu_seconds(pid):
    """utime + stime of a process (all threads), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU seconds spent non-idle by the whole machine (all CPUs), from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def load_average():
    with open("/proc/loadavg") as loadavg:
        return float(loadavg.read().split()[0])


def wait_for_quiet(threshold, limit):
    """Waits (at most `limit` s) until the 1-minute load average drops below `threshold`."""
    end = time.monotonic() + limit
    while load_average() >= threshold and time.monotonic() < end:
        log(f"machine busy (load {load_average():.2f} ≥ {threshold}); waiting")
        time.sleep(10)
    return load_average()


def descendants(pid):
    """All descendant pids (so a shim that forks is still accounted for)."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as children:
                kids = [int(k) for k in children.read().split()]
        except OSError:
            kids = []
        found += kids
        frontier += kids
    return found


class Server:
    """One server process; `pid` is the process whose memory and CPU are measured."""

    def __init__(self, name):
        self.name = name
        self.process = None
        self.endpoint = None
        self.output = []

    @property
    def pid(self):
        # A launcher that forks (rather than execs) leaves the real server as its only leaf.
        kids = descendants(self.process.pid)
        return kids[-1] if kids else self.process.pid

    def drain(self, stream):
        def run():
            for line in stream:
                self.output.append(line)
                del self.output[:-200]
        threading.Thread(target=run, daemon=True).start()

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        pids = descendants(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        for pid in pids:  # only processes this server started
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def start_warden(binary, timeout=60):
    server = Server("warden")
    args = [binary, "serve", "--ephemeral", "--port", "0", "--host", "127.0.0.1", "--log-level", "warning"]
    server.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout
    credentials_path = None
    # readline() can block; a watchdog kills the process if it never announces itself.
    watchdog = threading.Timer(timeout, lambda: server.process.poll() is None and server.process.kill())
    watchdog.start()
    try:
        while time.monotonic() < deadline:
            line = server.process.stdout.readline()
            if not line:
                if server.process.poll() is not None:
                    raise BenchmarkFailure("warden exited early:\n" + "".join(server.output))
                continue
            server.output.append(line)
            match = re.search(r"Warden listening on (http://127\.0\.0\.1:\d+)", line)
            if match:
                server.endpoint = match.group(1)
            match = re.search(r"^root credentials: (\S+)", line)
            if match:
                credentials_path = match.group(1)
            if server.endpoint and credentials_path:
                break
        else:
            raise BenchmarkFailure("warden did not announce itself:\n" + "".join(server.output))
    finally:
        watchdog.cancel()
    if not server.endpoint or not credentials_path:
        raise BenchmarkFailure("warden did not announce itself:\n" + "".join(server.output))
    server.drain(server.process.stdout)
    parser = configparser.ConfigParser()
    parser.read(credentials_path)
    server.root = (parser["default"]["aws_access_key_id"], parser["default"]["aws_secret_access_key"])
    return server


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(command, timeout=60):
    server = Server("moto")
    port = free_port()
    # AWS managed policies (ReadOnlyAccess) are only attachable in moto when it loads them.
    env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true")
    server.process = subprocess.Popen([command, "-p", str(port), "-H", "127.0.0.1"],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    server.drain(server.process.stdout)
    server.endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchmarkFailure("moto_server exited early:\n" + "".join(server.output))
        try:
            if requests.get(server.endpoint + "/moto-api/", timeout=2).status_code < 500:
                break
        except requests.RequestException:
            time.sleep(0.2)
    else:
        raise BenchmarkFailure("moto_server did not start:\n" + "".join(server.output))
    server.root = ("testing", "testing")  # moto accepts any key by default
    return server


# --------------------------------------------------------------------------- setup and signing


def client(server, service, key):
    return boto3.client(service, endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=key[0], aws_secret_access_key=key[1],
                        config=Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=30))


def create_bench_users(server):
    """Creates `bench` (ReadOnlyAccess) and `bench-plain` (inline iam:GetUser) with keys."""
    iam = client(server, "iam", server.root)
    iam.create_user(UserName="bench")
    iam.attach_user_policy(UserName="bench", PolicyArn=READ_ONLY_ARN)
    iam.create_user(UserName="bench-plain")
    iam.put_user_policy(UserName="bench-plain", PolicyName="get-user", PolicyDocument=GET_USER_POLICY)
    keys = {}
    for user in ("bench", "bench-plain"):
        key = iam.create_access_key(UserName=user)["AccessKey"]
        keys[user] = (key["AccessKeyId"], key["SecretAccessKey"])
    attached = [p["PolicyArn"] for p in iam.list_attached_user_policies(UserName="bench")["AttachedPolicies"]]
    if READ_ONLY_ARN not in attached:
        raise BenchmarkFailure(f"{server.name}: ReadOnlyAccess not attached to bench: {attached}")
    server.keys = keys
    return keys


def sign_pool(endpoint, key, kinds, size, now=None):
    """`size` requests cycling through `kinds`, each signed with a distinct X-Amz-Date (now, now-1s, ...).

    Returns [(kind, method, path, body, headers)]; headers include Host exactly as wrk sends it."""
    host = urllib.parse.urlparse(endpoint).netloc
    credentials = Credentials(key[0], key[1])
    now = now or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    pool = []
    original = botocore.auth.get_current_datetime
    try:
        for i in range(size):
            kind = kinds[i % len(kinds)]
            service, body, _ = KINDS[kind]
            stamp = now - datetime.timedelta(seconds=i)
            botocore.auth.get_current_datetime = lambda stamp=stamp: stamp
            request = AWSRequest(method="POST", url=endpoint + "/", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                                          "Host": host})
            botocore.auth.SigV4Auth(credentials, service, "us-east-1").add_auth(request)
            headers = {name: value for name, value in request.headers.items()}
            for name, value in headers.items():
                if "\t" in value or "\n" in value:
                    raise BenchmarkFailure(f"header {name} cannot be written to the pool file")
            pool.append((kind, "POST", "/", body, headers))
    finally:
        botocore.auth.get_current_datetime = original
    return pool, now - datetime.timedelta(seconds=size - 1)


def write_pool(pool, path):
    with open(path, "w") as out:
        for _, method, target, body, headers in pool:
            out.write("\t".join([method, target, body] + [f"{n}: {v}" for n, v in headers.items()]) + "\n")


def check_requests(server, pool):
    """Sends the first pool request of each kind with `requests`; asserts 200 and the expected XML."""
    seen = set()
    for kind, method, target, body, headers in pool:
        if kind in seen:
            continue
        seen.add(kind)
        response = requests.request(method, server.endpoint + target, data=body, headers=headers, timeout=10)
        expected = KINDS[kind][2]
        if response.status_code != 200 or expected not in response.text:
            raise BenchmarkFailure(f"{server.name} {kind}: HTTP {response.status_code}, expected {expected}:\n"
                                   f"{response.text[:2000]}")


# --------------------------------------------------------------------------- wrk

UNIT_TO_US = {"us": 1.0, "ms": 1000.0, "s": 1_000_000.0, "m": 60_000_000.0, "h": 3_600_000_000.0}


def parse_duration_us(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise BenchmarkFailure(f"cannot parse wrk duration {text!r}")
    return float(match.group(1)) * UNIT_TO_US[match.group(2)]


def parse_wrk(output):
    result = {}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise BenchmarkFailure("wrk printed no Requests/sec:\n" + output)
    result["rps"] = float(match.group(1))
    # --latency distribution, as printed ("50%  123.00us").
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)\s*$", output, re.MULTILINE)
        if match:
            result[f"p{pct}_text_us"] = parse_duration_us(match.group(1))
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(x) for x in match.groups()) if match else 0
    match = re.search(r"^WRK_SUMMARY (.*)$", output, re.MULTILINE)
    if not match:
        raise BenchmarkFailure("replay.lua printed no WRK_SUMMARY:\n" + output)
    summary = dict(pair.split("=") for pair in match.group(1).split())
    for key in ("requests", "duration_us", "status_errors", "connect", "read", "write", "timeout",
                "p50", "p90", "p99", "p999", "max"):
        result[key] = int(summary[key])
    result["mean_us"] = float(summary["mean"])
    return result


class RSSSampler:
    """Samples VmRSS of a pid every 100 ms while running; keeps the maximum."""

    def __init__(self, pid):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, proc_status(self.pid)["VmRSS"])
            except (OSError, KeyError):
                return
            self._stop.wait(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)


def run_wrk(server, pool_file, connections, threads, duration, timeout_s):
    threads = max(1, min(threads, connections))  # wrk needs connections >= threads
    args = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", f"{timeout_s}s",
            "--latency", "-s", LUA, server.endpoint + "/", "--", pool_file]
    pid = server.pid
    cpu_before = proc_cpu_seconds(pid)
    wrk_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = machine_busy_seconds()
    with RSSSampler(pid) as sampler:
        try:
            completed = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60)
        except subprocess.TimeoutExpired as error:
            raise BenchmarkFailure(f"wrk did not finish within {duration + 60}s") from error
    wrk_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = machine_busy_seconds() - busy_before
    cpu = proc_cpu_seconds(pid) - cpu_before
    if completed.returncode != 0:
        raise BenchmarkFailure(f"wrk failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    result = parse_wrk(completed.stdout)
    result["server_cpu_s"] = cpu
    result["wrk_cpu_s"] = (wrk_after.ru_utime - wrk_before.ru_utime) + (wrk_after.ru_stime - wrk_before.ru_stime)
    result["peak_rss_kib"] = sampler.peak
    # CPU used by everything else on the machine during the run (noise from other processes).
    result["other_cpu_s"] = max(0.0, busy - cpu - result["wrk_cpu_s"])
    result["load_after"] = load_average()
    result["raw"] = completed.stdout
    if result["non2xx"] or result["status_errors"]:
        raise BenchmarkFailure(f"{server.name}: wrk saw non-2xx responses ({result['non2xx']}):\n{completed.stdout}")
    if result["socket_errors"]:
        raise BenchmarkFailure(f"{server.name}: wrk saw socket errors:\n{completed.stdout}")
    if result["requests"] == 0:
        raise BenchmarkFailure(f"{server.name}: wrk completed no requests:\n{completed.stdout}")
    return result


# --------------------------------------------------------------------------- the run


def system_facts():
    def run(*cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"
    model = "?"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import moto
        moto_version = moto.__version__
    except ImportError:
        moto_version = "?"
    return {
        "commit": run("git", "-C", REPO, "rev-parse", "--short", "HEAD"),
        "nproc": run("nproc"),
        "cpu_model": model,
        "kernel": platform.release(),
        "wrk": (run("wrk", "--version") or "?").splitlines()[0] if shutil.which("wrk") else "?",
        "moto": moto_version,
        "python": platform.python_version(),
    }


def bench_server(server, scenarios, args, deadline, results):
    for scenario in scenarios:
        user, kinds = SCENARIOS[scenario]
        pool, oldest = sign_pool(server.endpoint, server.keys[user], kinds, args.pool_size)
        pool_file = os.path.join(args.workdir, f"{server.name}-{len(results)}.tsv")
        write_pool(pool, pool_file)
        runs_needed = len(args.connections) * args.duration + args.warmup + 60
        expires = oldest + datetime.timedelta(seconds=SIGNATURE_VALIDITY_SECONDS)
        remaining = (expires - datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)).total_seconds()
        if remaining < runs_needed:
            raise BenchmarkFailure(f"signatures would expire mid-scenario ({remaining:.0f}s left, {runs_needed}s needed)")
        check_requests(server, pool)
        if args.warmup > 0:
            log(f"{server.name} | {scenario} | warm-up {args.warmup}s")
            run_wrk(server, pool_file, 4, args.threads, args.warmup, args.wrk_timeout)
        for connections in args.connections:
            if time.monotonic() + args.duration + 30 > deadline:
                raise BenchmarkFailure(f"time limit of {args.time_limit}s reached")
            if not server.alive():
                raise BenchmarkFailure(f"{server.name} died:\n" + "".join(server.output[-50:]))
            check_requests(server, pool)
            result = run_wrk(server, pool_file, connections, args.threads, args.duration, args.wrk_timeout)
            check_requests(server, pool)
            results[(server.name, scenario, connections)] = result
            log(f"{server.name} | {scenario} | c={connections}: {result['rps']:.0f} req/s, "
                f"p50 {result['p50'] / 1000:.3f} ms, p99 {result['p99'] / 1000:.3f} ms, "
                f"server CPU {result['server_cpu_s'] / args.duration * 100:.0f}%")


def ms(us):
    return f"{us / 1000:.3f}"


def mib(kib):
    return f"{kib / 1024:.1f}"


def report(facts, args, scenarios, results, memory, warden_bin):
    lines = []
    out = lines.append
    out("## HTTP benchmark: Warden vs moto_server")
    out("")
    out(f"- commit `{facts['commit']}`, warden binary `{warden_bin}` "
        f"(built {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(os.path.getmtime(warden_bin)))} UTC)")
    out(f"- {facts['nproc']} CPUs: {facts['cpu_model']}; Linux {facts['kernel']}")
    out(f"- {facts['wrk']}; moto {facts['moto']}; Python {facts['python']}")
    out(f"- 1-minute load average before the first run: {facts.get('load_before', '?')} "
        "(other processes' CPU during each run is in the second table: non-zero means a noisy machine)")
    out(f"- wrk: {args.threads} threads (capped at the connection count), {args.duration} s per run, "
        f"{args.warmup} s warm-up per scenario, pool of {args.pool_size} pre-signed requests; "
        "load generator and server share the same CPUs over 127.0.0.1")
    out("")
    out("| scenario | conns | warden req/s | warden p50 ms | warden p99 ms | moto req/s | moto p50 ms | moto p99 ms "
        "| req/s ratio warden/moto |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scenario in scenarios:
        for c in args.connections:
            w = results.get(("warden", scenario, c))
            m = results.get(("moto", scenario, c))
            cells = [scenario, str(c)]
            cells += [f"{w['rps']:,.0f}", ms(w["p50"]), ms(w["p99"])] if w else ["-"] * 3
            cells += [f"{m['rps']:,.0f}", ms(m["p50"]), ms(m["p99"])] if m else ["-"] * 3
            cells.append(f"{w['rps'] / m['rps']:.1f}x" if w and m else "-")
            out("| " + " | ".join(cells) + " |")
    out("")
    out("Server CPU per request (utime+stime of the server process / requests) and load-generator CPU:")
    out("")
    out("| scenario | conns | warden CPU % | warden CPU µs/req | warden p90 / p99.9 ms | moto CPU % | moto CPU µs/req "
        "| wrk CPU % (warden run) | other processes CPU % (warden / moto run) |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scenario in scenarios:
        for c in args.connections:
            w = results.get(("warden", scenario, c))
            m = results.get(("moto", scenario, c))
            cells = [scenario, str(c)]
            if w:
                seconds = w["duration_us"] / 1e6
                cells += [f"{w['server_cpu_s'] / seconds * 100:.0f}", f"{w['server_cpu_s'] / w['requests'] * 1e6:.1f}",
                          f"{ms(w['p90'])} / {ms(w['p999'])}"]
            else:
                cells += ["-"] * 3
            if m:
                seconds = m["duration_us"] / 1e6
                cells += [f"{m['server_cpu_s'] / seconds * 100:.0f}", f"{m['server_cpu_s'] / m['requests'] * 1e6:.0f}"]
            else:
                cells += ["-"] * 2
            cells.append(f"{w['wrk_cpu_s'] / (w['duration_us'] / 1e6) * 100:.0f}" if w else "-")
            other = [f"{r['other_cpu_s'] / (r['duration_us'] / 1e6) * 100:.0f}" if r else "-" for r in (w, m)]
            cells.append(" / ".join(other))
            out("| " + " | ".join(cells) + " |")
    out("")
    out("Memory (MiB, from /proc/PID/status; idle = after setup, before load; loaded = highest VmRSS sampled "
        "every 100 ms during the measured runs; VmHWM = lifetime peak at the end):")
    out("")
    out("| server | idle VmRSS | idle VmHWM | loaded VmRSS (peak sampled) | VmHWM at end |")
    out("|---|---:|---:|---:|---:|")
    for name in ("warden", "moto"):
        mem = memory.get(name)
        if mem:
            out(f"| {name} | {mib(mem['idle']['VmRSS'])} | {mib(mem['idle']['VmHWM'])} | "
                f"{mib(mem.get('loaded_rss', 0))} | {mib(mem.get('end', {}).get('VmHWM', 0))} |")
    out("")
    out("Targets (issue): ≥ 30,000 req/s; p99 < 2 ms at up to 16 connections; no drop with ReadOnlyAccess attached.")
    out("")
    for scenario in scenarios:
        for c in args.connections:
            w = results.get(("warden", scenario, c))
            if w:
                verdict = []
                verdict.append("req/s OK" if w["rps"] >= 30000 else f"req/s MISS ({w['rps']:,.0f} < 30,000)")
                verdict.append("p99 OK" if w["p99"] < 2000 else f"p99 MISS ({ms(w['p99'])} ms ≥ 2 ms)")
                out(f"- {scenario}, c={c}: " + ", ".join(verdict))
    pairs = [("sts:GetCallerIdentity (bench-plain)", "sts:GetCallerIdentity (bench, ReadOnlyAccess)"),
             ("iam:GetUser (bench-plain, inline policy)", "iam:GetUser (bench, ReadOnlyAccess)")]
    for plain, readonly in pairs:
        for c in args.connections:
            a, b = results.get(("warden", plain, c)), results.get(("warden", readonly, c))
            if a and b:
                out(f"- ReadOnlyAccess vs plain, {readonly.split(' (')[0]}, c={c}: "
                    f"{b['rps'] / a['rps'] * 100:.0f}% of the plain user's req/s "
                    f"(p99 {ms(a['p99'])} → {ms(b['p99'])} ms)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warden-bin", default=os.path.join(REPO, ".build", "release", "warden"))
    parser.add_argument("--moto-bin", default="moto_server")
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run (default 8)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per scenario and server (default 2)")
    parser.add_argument("--connections", default="1,4,16", help="comma-separated (default 1,4,16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--pool-size", type=int, default=32, help="pre-signed requests per scenario (default 32)")
    parser.add_argument("--wrk-timeout", type=int, default=2, help="wrk per-request timeout in seconds (default 2)")
    parser.add_argument("--scenarios", default=",".join(SCENARIO_KEYS),
                        help="comma-separated subset of: " + ", ".join(SCENARIO_KEYS))
    parser.add_argument("--servers", default="warden,moto", help="warden, moto, or both (default warden,moto)")
    parser.add_argument("--time-limit", type=int, default=1500, help="abort the whole run after this many seconds")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--wait-quiet", type=float, default=0.0,
                        help="before starting, wait (up to --wait-quiet-limit s) until the 1-minute load average "
                             "is below this (default 0: do not wait)")
    parser.add_argument("--wait-quiet-limit", type=int, default=600)
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    scenarios = [SCENARIO_KEYS[s.strip()] for s in args.scenarios.split(",")]
    servers = [s.strip() for s in args.servers.split(",")]
    if args.pool_size > 600:
        parser.error("--pool-size must be ≤ 600 (each request is signed one second earlier than the last)")
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install -y wrk")
    if "warden" in servers and not os.access(args.warden_bin, os.X_OK):
        sys.exit(f"no warden binary at {args.warden_bin}: cd {REPO} && swift build -c release --product warden")
    moto_bin = shutil.which(args.moto_bin)
    if "moto" in servers and not moto_bin:
        sys.exit("moto_server not found: pip install 'moto[server]'")

    facts = system_facts()
    if args.wait_quiet > 0:
        wait_for_quiet(args.wait_quiet, args.wait_quiet_limit)
    facts["load_before"] = f"{load_average():.2f}"
    deadline = time.monotonic() + args.time_limit
    started = []

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, on_signal)
    # A hard stop: if the run hangs somewhere unexpected, SIGALRM ends it (servers still get killed).
    def on_alarm(_signum, _frame):
        raise BenchmarkFailure("hard time limit reached")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(args.time_limit + 120)

    results, memory = {}, {}
    with tempfile.TemporaryDirectory(prefix="warden-http-bench-") as workdir:
        args.workdir = workdir
        try:
            running = {}
            if "warden" in servers:
                log(f"starting {args.warden_bin}")
                running["warden"] = start_warden(args.warden_bin)
                started.append(running["warden"])
            if "moto" in servers:
                log(f"starting {moto_bin}")
                running["moto"] = start_moto(moto_bin)
                started.append(running["moto"])
            for name, server in running.items():
                create_bench_users(server)
                log(f"{name} at {server.endpoint}, pid {server.pid}; users bench and bench-plain ready")
            time.sleep(1)
            for name, server in running.items():
                memory[name] = {"idle": proc_status(server.pid)}
            for name, server in running.items():
                bench_server(server, scenarios, args, deadline, results)
                memory[name]["loaded_rss"] = max(r["peak_rss_kib"] for (s, _, _), r in results.items() if s == name)
                memory[name]["end"] = proc_status(server.pid)
        except BenchmarkFailure as failure:
            log(f"FAILED: {failure}")
            if results:
                print(report(facts, args, scenarios, results, memory, args.warden_bin))
            return 1
        finally:
            signal.alarm(0)
            for server in started:
                server.stop()
    text = report(facts, args, scenarios, results, memory, args.warden_bin)
    print(text)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"facts": facts, "memory": memory,
                       "results": [{"server": s, "scenario": sc, "connections": c,
                                    **{k: v for k, v in r.items() if k != "raw"}}
                                   for (s, sc, c), r in results.items()]}, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Signed-request throughput by store: one node on SQLite, one node on PostgreSQL, two nodes on one PostgreSQL.

Reuses run.py's machinery (pre-signed SigV4 pools replayed by wrk through replay.lua, every run checked for
non-2xx and socket errors). For two nodes, one wrk per node runs at the same time (half the connections each) and
the throughputs add up; latency percentiles are the worse node's. Scenarios:
  getuser   iam:GetUser by `bench-plain` (inline policy): the gate's read path (credentials and policies cached)
  taguser   iam:TagUser by the root key on 50 users in turn (the same tag again): one write transaction per request

Builds nothing. Build first: swift build -c release --product warden
Run: python3 benchmarks/http/stores.py --postgres postgres://postgres@127.0.0.1:54329/postgres [--duration 8]
     [--connections 4,16] [--warden-bin .build/release/warden]
(`scripts/postgres start /tmp/pg 54329` starts a throw-away cluster: note it runs with fsync off.)
"""
import argparse
import base64
import concurrent.futures
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

WRITERS = 50  # taguser spreads its writes over this many users (one hot row would measure only lock contention)
for i in range(WRITERS):
    run.KINDS[f"TagUser{i}"] = ("iam", f"Action=TagUser&Version=2010-05-08&UserName=tagged-{i}&Tags.member.1.Key=team"
                                       "&Tags.member.1.Value=blue", "<TagUserResponse")
SCENARIOS = {"getuser": ("bench-plain", ["GetUser"]), "taguser": ("root", [f"TagUser{i}" for i in range(WRITERS)])}


def start_node(binary, data_dir, database, master_key):
    server = run.Server("warden")
    args = [binary, "serve", "--port", "0", "--host", "127.0.0.1", "--log-level", "warning", "--data-dir", data_dir]
    if database:
        args += ["--database", database]
    env = dict(os.environ, WARDEN_MASTER_KEY=master_key)
    server.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not server.endpoint:
        line = server.process.stdout.readline()
        if not line and server.process.poll() is not None:
            raise run.BenchmarkFailure("warden exited early:\n" + "".join(server.output))
        server.output.append(line)
        match = re.search(r"Warden listening on (http://127\.0\.0\.1:\d+)", line)
        if match:
            server.endpoint = match.group(1)
    if not server.endpoint:
        raise run.BenchmarkFailure("warden did not announce itself")
    server.drain(server.process.stdout)
    return server


def setup(nodes, data_dir):
    import configparser
    parser = configparser.ConfigParser()
    parser.read(os.path.join(data_dir, "root-credentials"))
    root = (parser["default"]["aws_access_key_id"], parser["default"]["aws_secret_access_key"])
    first = nodes[0]
    first.root = root
    keys = run.create_bench_users(first)
    iam = run.client(first, "iam", root)
    for i in range(WRITERS):
        iam.create_user(UserName=f"tagged-{i}")
    keys["root"] = root
    for node in nodes:
        node.keys = keys
        node.root = root


def measure(nodes, scenario, connections, args, workdir):
    user, kinds = SCENARIOS[scenario]
    pools = []
    for i, node in enumerate(nodes):
        pool, _ = run.sign_pool(node.endpoint, node.keys[user], kinds, args.pool_size)
        path = os.path.join(workdir, f"{scenario}-{i}-{uuid.uuid4().hex[:6]}.tsv")
        run.write_pool(pool, path)
        run.check_requests(node, pool)
        pools.append(path)
    per_node = max(1, connections // len(nodes))
    for node, path in zip(nodes, pools):  # warm-up
        run.run_wrk(node, path, 2, 2, 2, args.wrk_timeout)
    with concurrent.futures.ThreadPoolExecutor(len(nodes)) as pool:
        results = list(pool.map(lambda pair: run.run_wrk(pair[0], pair[1], per_node, 2, args.duration, args.wrk_timeout),
                                zip(nodes, pools)))
    return {
        "rps": sum(r["rps"] for r in results),
        "p50": max(r["p50"] for r in results), "p99": max(r["p99"] for r in results),
        "cpu": sum(r["server_cpu_s"] for r in results) / args.duration * 100,
        "rss": max(r["peak_rss_kib"] for r in results),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warden-bin", default=os.path.join(run.REPO, ".build", "release", "warden"))
    parser.add_argument("--postgres", required=True, help="admin URL of a PostgreSQL cluster (a fresh schema per setup)")
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", default="4,16")
    parser.add_argument("--scenarios", default="getuser,taguser")
    parser.add_argument("--pool-size", type=int, default=200)
    parser.add_argument("--wrk-timeout", type=int, default=5)
    args = parser.parse_args()
    connections = [int(c) for c in args.connections.split(",")]
    master_key = base64.b64encode(secrets.token_bytes(32)).decode()
    setups = [("SQLite, 1 node", None, 1), ("PostgreSQL, 1 node", "pg", 1), ("PostgreSQL, 2 nodes", "pg", 2)]
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for label, engine, count in setups:
            data_dir = os.path.join(workdir, f"data-{len(rows)}")
            database = None
            if engine:
                sep = "&" if "?" in args.postgres else "?"
                database = f"{args.postgres}{sep}schema=bench_{uuid.uuid4().hex[:10]}"
            nodes = [start_node(args.warden_bin, data_dir, database, master_key)]
            try:
                for _ in range(count - 1):
                    nodes.append(start_node(args.warden_bin, data_dir + "-b", database, master_key))
                setup(nodes, data_dir)
                for scenario in args.scenarios.split(","):
                    for c in connections:
                        result = measure(nodes, scenario, c, args, workdir)
                        rows.append((label, scenario, c, result))
                        run.log(f"{label} | {scenario} | c={c}: {result['rps']:.0f} req/s p50 {result['p50'] / 1000:.3f} ms "
                                f"p99 {result['p99'] / 1000:.3f} ms CPU {result['cpu']:.0f}%")
            finally:
                for node in nodes:
                    node.stop()
    baseline = {(s, c): r["rps"] for label, s, c, r in rows if label.startswith("SQLite")}
    print("| store | scenario | conns | req/s | p50 ms | p99 ms | server CPU % | peak RSS MiB | req/s vs SQLite |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, scenario, c, r in rows:
        ratio = r["rps"] / baseline[(scenario, c)] if baseline.get((scenario, c)) else 0
        print(f"| {label} | {scenario} | {c} | {r['rps']:,.0f} | {r['p50'] / 1000:.3f} | {r['p99'] / 1000:.3f} | "
              f"{r['cpu']:.0f} | {r['rss'] / 1024:.0f} | {ratio:.2f}x |")


if __name__ == "__main__":
    main()

"""Bounded load test on loopback: gunicorn serving ODOP Atlas, N concurrent simulated users.

Usage: python scripts/loadtest.py [--users 50] [--duration 30] [--workers 2] [--threads 4]

Starts ``gunicorn "dashboard.app:server"`` on 127.0.0.1 (a free port), then each user loops:
open the page, fetch the layout, the geometry and the callback map, change the filters
(results callback) and click a district (panel callback). Prints requests/s, latency
percentiles and errors; exits non-zero on any error. Traffic never leaves this machine, and
the run stops after --duration seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.data import load_atlas  # noqa: E402
from dashboard.view import View  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn), "dashboard.app:server", "--workers", str(workers), "--threads",
                                str(threads), "--bind", f"{HOST}:{port}", "--log-level", "warning"],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/_dash-layout")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")


def callback_body(dependencies: list[dict], output_marker: str, inputs: dict[str, object]) -> str:
    """A /_dash-update-component body for the callback whose output contains ``output_marker``."""
    spec = next(d for d in dependencies if output_marker in d["output"])
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in spec["output"].strip(".").split("...")]
    body = {
        "output": spec["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{"id": i["id"], "property": i["property"], "value": inputs.get(i["id"])} for i in spec["inputs"]],
        "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
        "state": [{"id": s["id"], "property": s["property"]} for s in spec.get("state", [])],
    }
    return json.dumps(body)


class User(threading.Thread):
    """One simulated user on its own keep-alive connection."""

    def __init__(self, port: int, stop_at: float, bodies: list[str], panel_bodies: list[str], seed: int):
        super().__init__(daemon=True)
        self.port, self.stop_at, self.bodies, self.panel_bodies = port, stop_at, bodies, panel_bodies
        self.random = random.Random(seed)
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def request(self, connection: http.client.HTTPConnection, method: str, path: str, body: str | None = None) -> None:
        headers = {"Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                self.errors.append(f"{method} {path}: HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            self.errors.append(f"{method} {path}: {exc!r}")
            connection.close()
        self.latencies.append(time.perf_counter() - start)

    def run(self) -> None:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        while time.time() < self.stop_at:
            self.request(connection, "GET", "/")
            self.request(connection, "GET", "/_dash-layout")
            self.request(connection, "GET", "/_dash-dependencies")
            for _ in range(3):
                if time.time() >= self.stop_at:
                    break
                self.request(connection, "POST", "/_dash-update-component", self.random.choice(self.bodies))
                self.request(connection, "POST", "/_dash-update-component", self.random.choice(self.panel_bodies))
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    atlas = load_atlas()
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads)
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        connection.request("GET", "/_dash-dependencies")
        dependencies = json.loads(connection.getresponse().read())
        states = [None] + sorted(s for s in atlas.districts["state_name"].unique() if s)
        bodies = [callback_body(dependencies, "table.rowData", {"view": View(state=state).to_dict()})
                  for state in states]
        district_ids = atlas.lgd_districts["district_id"].tolist()
        panel_bodies = [callback_body(dependencies, "panel.children", {"view": View(district_id=d).to_dict()})
                        for d in random.Random(1).sample(district_ids, 50)]
        stop_at = time.time() + args.duration
        users = [User(port, stop_at, bodies, panel_bodies, seed) for seed in range(args.users)]
        started = time.perf_counter()
        for user in users:
            user.start()
        for user in users:
            user.join(timeout=args.duration + 60)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = np.array([t for user in users for t in user.latencies]) * 1000
    errors = [e for user in users for e in user.errors]
    print(f"users: {args.users}, duration: {elapsed:.1f} s, gunicorn workers x threads: {args.workers} x {args.threads}")
    print(f"requests: {len(latencies)}, requests/s: {len(latencies) / elapsed:.1f}")
    print(f"latency p50: {np.percentile(latencies, 50):.1f} ms, p95: {np.percentile(latencies, 95):.1f} ms, "
          f"max: {latencies.max():.1f} ms")
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

"""Load test: simulated users send what a browser sends to ``python -m dashboard`` (gunicorn, 2 sync workers).

Usage: python scripts/loadtest.py [--users 50 200] [--runs 3] [--duration 20] [--quick]

1. Record: headless Chromium opens the page and does what a planner does (GI filter, click Varanasi,
   sector, state, click a district there, reset to All India, colour by count, the investor tab);
   every same-origin request the page sends is kept (method, path, body), grouped by action.
2. Replay: each simulated user makes a first visit (page, scripts, styles, geometry, layout,
   dependencies and the load-time callbacks, exactly as recorded), then repeats the recorded actions
   with 1-3 s of think time between them; an action's requests go in the order the browser sent them.
3. Per run: requests/s, request latency p50/p95/p99, action latency p95, errors, requests per
   worker (gunicorn's access log, which names the worker's pid) and the load generator's own CPU
   share; then the spread over runs and met/missed for the goals (50 users p95 <= 500 ms, 200 users
   p95 <= 1.5 s, 0 errors).
4. Kill: one worker is killed (SIGKILL) half-way through a 50-user run; only the requests in flight
   on it may fail (a sync worker has at most one).
5. Fuzz: 600 requests with wrong-typed or never-seen values to every server callback: the count of
   500s, and the workers' RSS before and after (goal: grows < 100 MB).
Traffic stays on loopback. The tests never run this; it prints figures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import psutil

from dashboard.devtools.performance import save_run
from dashboard.settings import REPO_DIR

HOST = "127.0.0.1"
ROWS: list[dict] = []  # the summary figures, saved by a full run for the README's performance table
GOALS_MS = {50: 500, 200: 1500}
THINK_SECONDS = (1.0, 3.0)
ACCESS_LOG = re.compile(r"^<(?P<pid>\d+)> (?P<status>\d{3}) ")  # dashboard/serving.py ACCESS_LOG_FORMAT


@dataclass
class Request:
    method: str
    path: str
    body: str | None = None

    @property
    def kind(self) -> str:
        """What is asked for: the path without its query, or the callback's first output."""
        if self.body and self.path.startswith("/_dash-update-component"):
            return "callback " + json.loads(self.body)["output"].strip(".").split("...")[0]
        return self.path.split("?")[0]


@dataclass
class Session:
    """What a browser sent: the first visit, then one list of requests per user action."""

    first_visit: list[Request]
    actions: list[tuple[str, list[Request]]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """``python -m dashboard`` on a free loopback port, with gunicorn's access log naming each worker's pid."""

    def __init__(self, workers: int = 2):
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="odop-access-", suffix=".log")[1])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--port", str(self.port), "--workers", str(workers),
             "--access-log", str(self.log)], cwd=REPO_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.process.kill()
        raise SystemExit(f"the server did not start: {self.process.stderr.read().decode()[-2000:]}")

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def workers(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children()

    def rss_mb(self) -> float:
        return sum(p.memory_info().rss for p in self.workers()) / 1e6

    def log_mark(self) -> int:
        return self.log.stat().st_size

    def requests_per_worker(self, since: int) -> Counter:
        with self.log.open(encoding="utf-8") as log:
            log.seek(since)
            return Counter(m["pid"] for m in map(ACCESS_LOG.match, log) if m)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.unlink(missing_ok=True)


def record_session(url: str) -> Session:
    """Drive headless Chromium through a planner's session and keep every same-origin request, by action."""
    from playwright.sync_api import sync_playwright

    from dashboard.devtools.browser import CHROMIUM, CHROMIUM_ARGS, choose, click_district, wait_for_map

    origin = urlsplit(url).netloc
    recorded: list[list[Request]] = [[]]
    traffic = {"open": 0, "last": time.monotonic()}

    def started(request) -> None:
        traffic["open"] += 1
        traffic["last"] = time.monotonic()
        if urlsplit(request.url).netloc == origin:
            parts = urlsplit(request.url)
            recorded[-1].append(Request(request.method, parts.path + (f"?{parts.query}" if parts.query else ""),
                                        request.post_data))

    def ended(_request) -> None:
        traffic["open"] -= 1
        traffic["last"] = time.monotonic()

    def settle(quiet: float = 0.8, patience: float = 10.0) -> None:
        """Until the action has sent a request, none is open and none started or ended for ``quiet`` seconds
        (Dash chains callbacks)."""
        give_up = time.monotonic() + patience
        while (not recorded[-1] and time.monotonic() < give_up) or traffic["open"] > 0 \
                or time.monotonic() - traffic["last"] < quiet:
            page.wait_for_timeout(50)

    steps = [
        ("GI-tagged only (All India)", lambda: page.get_by_label("GI-tagged products only").click()),
        ("click Varanasi (All India)", lambda: click_district(page, "197")),
        ("GI-tagged off", lambda: page.get_by_label("GI-tagged products only").click()),
        ("sector Handloom", lambda: choose(page, "sectors", "Handloom")),
        ("state Uttar Pradesh", lambda: choose(page, "state", "Uttar Pradesh")),
        ("click Lucknow", lambda: click_district(page, "157")),
        ("reset all filters (All India)", lambda: page.click("#reset")),
        ("colour by product count (All India)", lambda: page.get_by_label("Number of ODOP products").check()),
        ("investor tab", lambda: page.click("#tab-opportunities")),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        page.on("request", started)
        page.on("requestfinished", ended)
        page.on("requestfailed", ended)
        page.goto(url)
        wait_for_map(page)
        settle()
        for _name, step in steps:
            recorded.append([])
            traffic["last"] = time.monotonic()  # an action's first request may take a moment to leave
            step()
            settle()
        browser.close()
    return Session(recorded[0], list(zip([name for name, _ in steps], recorded[1:])))


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    first_visits_ms: list[float] = field(default_factory=list)
    actions_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class User(threading.Thread):
    """One simulated user: a first visit, then the recorded actions with think time, until ``stop_at``."""

    def __init__(self, port: int, session: Session, stop_at: float, seed: int):
        super().__init__(daemon=True)
        self.port, self.session, self.stop_at = port, session, stop_at
        self.random = random.Random(seed)
        self.tally = Tally()
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def send(self, request: Request) -> None:
        headers = {"Accept-Encoding": "br, gzip"}
        if request.body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            self.connection.request(request.method, request.path, body=request.body, headers=headers)
            response = self.connection.getresponse()
            response.read()
            if response.status not in (200, 204, 304):
                self.tally.errors.append(f"{request.method} {request.path[:60]}: HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            self.tally.errors.append(f"{request.method} {request.path[:60]}: {exc!r}")
            self.connection.close()
        self.tally.latencies_ms.append((time.perf_counter() - start) * 1000)
        self.tally.kinds.append(request.kind)

    def act(self, requests: list[Request], times: list[float]) -> None:
        start = time.perf_counter()
        for request in requests:
            self.send(request)
        times.append((time.perf_counter() - start) * 1000)

    def run(self) -> None:
        time.sleep(self.random.uniform(0, THINK_SECONDS[1]))  # users arrive spread out, not all at once
        self.act(self.session.first_visit, self.tally.first_visits_ms)
        while time.time() < self.stop_at:
            for _name, requests in self.session.actions:
                time.sleep(self.random.uniform(*THINK_SECONDS))
                if time.time() >= self.stop_at:
                    break
                self.act(requests, self.tally.actions_ms)
        self.connection.close()


@dataclass
class Run:
    users: int
    seconds: float
    requests: int
    p50: float
    p95: float
    p99: float
    action_p95: float
    first_visit_p95: float
    slowest: list[tuple[str, float]]
    errors: list[str]
    per_worker: Counter
    generator_cpu: float


def run_load(server: Server, session: Session, users: int, duration: float, seed: int,
             during=None) -> Run:
    """``users`` users for ``duration`` seconds; ``during(server)`` is called half-way (the kill run)."""
    mark = server.log_mark()
    me = psutil.Process()
    cpu_before = sum(me.cpu_times()[:2])
    stop_at = time.time() + duration
    crowd = [User(server.port, session, stop_at, seed * 1000 + i) for i in range(users)]
    started = time.perf_counter()
    for user in crowd:
        user.start()
    if during:
        time.sleep(duration / 2)
        during(server)
    for user in crowd:
        user.join(timeout=duration + 120)
    elapsed = time.perf_counter() - started
    cpu = (sum(me.cpu_times()[:2]) - cpu_before) / (elapsed * os.cpu_count())
    time.sleep(0.5)  # the access log is written after the response
    latencies = np.array([t for user in crowd for t in user.tally.latencies_ms])
    kinds = np.array([k for user in crowd for k in user.tally.kinds])
    by_kind = {kind: float(np.percentile(latencies[kinds == kind], 95)) for kind in set(kinds)}
    return Run(users, elapsed, len(latencies), *np.percentile(latencies, [50, 95, 99]),
               p95_of([t for user in crowd for t in user.tally.actions_ms]),
               p95_of([t for user in crowd for t in user.tally.first_visits_ms]),
               sorted(by_kind.items(), key=lambda kv: -kv[1])[:3], [e for user in crowd for e in user.tally.errors],
               server.requests_per_worker(mark), cpu)


def p95_of(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


def print_run(label: str, run: Run) -> None:
    workers = ", ".join(f"pid {pid}: {n}" for pid, n in sorted(run.per_worker.items()))
    print(f"{label}: {run.requests} requests in {run.seconds:.1f} s = {run.requests / run.seconds:.1f} req/s; "
          f"latency p50 {run.p50:.0f} ms, p95 {run.p95:.0f} ms, p99 {run.p99:.0f} ms; p95 of a whole action "
          f"{run.action_p95:.0f} ms, of a first visit {run.first_visit_p95:.0f} ms; errors {len(run.errors)}; "
          f"per worker: {workers}; load generator CPU {run.generator_cpu:.0%} of the machine", flush=True)
    print("    slowest kinds (p95): " + "; ".join(f"{kind} {ms:.0f} ms" for kind, ms in run.slowest), flush=True)
    for error in run.errors[:5]:
        print(f"    {error}")


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summarise(users: int, runs: list[Run]) -> None:
    """Median and spread over runs, and whether the goal was met in every run."""
    def spread(values: list[float], unit: str) -> str:
        return f"median {statistics.median(values):.0f} {unit} (min {min(values):.0f}, max {max(values):.0f})"
    p95s = [r.p95 for r in runs]
    errors = sum(len(r.errors) for r in runs)
    goal = GOALS_MS.get(users)
    target = f"  (target p95 <= {goal} ms and 0 errors in every run: {verdict(max(p95s) <= goal and not errors)})" \
        if goal else ""
    rates = [r.requests / r.seconds for r in runs]
    print(f"SUMMARY {users} users, {len(runs)} runs: req/s {spread(rates, '')}; "
          f"p50 {spread([r.p50 for r in runs], 'ms')}; p95 {spread(p95s, 'ms')}; p99 "
          f"{spread([r.p99 for r in runs], 'ms')}; whole-action p95 {spread([r.action_p95 for r in runs], 'ms')}; "
          f"errors {errors}; load generator CPU up to {max(r.generator_cpu for r in runs):.0%}{target}", flush=True)
    ROWS.append({"figure": f"{users} users: request latency p95 (p50 / p99 beside), {len(runs)} runs",
                 "measured": f"{spread(p95s, 'ms')}; p50 {statistics.median([r.p50 for r in runs]):.0f} ms, p99 "
                             f"{statistics.median([r.p99 for r in runs]):.0f} ms; {statistics.median(rates):.0f} "
                             f"req/s; {errors} errors; a whole action's requests, one after another: p95 "
                             f"{statistics.median([r.action_p95 for r in runs]):.0f} ms",
                 "target": f"p95 <= {goal} ms, 0 errors" if goal else "",
                 "verdict": verdict(max(p95s) <= goal and not errors) if goal else ""})


def kill_one_worker(server: Server) -> None:
    victim = server.workers()[0]
    print(f"  killing worker pid {victim.pid} (SIGKILL)", flush=True)
    os.kill(victim.pid, signal.SIGKILL)


WRONG_VALUES = [None, 1, -2.5, True, "", [1, 2], [[["deep"]]], {"a": 1}, [None], {"points": "nope"},
                {"points": [{"location": 5}]}, {"district_id": {"$gt": ""}}]


def fuzz_body(dependency: dict, rng: random.Random, i: int) -> str:
    """A callback request whose inputs are wrong-typed, or never-seen strings and lists (new cache keys)."""
    def value():
        return rng.choice([rng.choice(WRONG_VALUES), f"never-seen-{i}-" + "x" * rng.randint(0, 3000),
                           [f"sector-{i}-{k}" for k in range(rng.randint(1, 200))]])

    def items(kind):
        return [{"id": d["id"], "property": d["property"], "value": value()} for d in dependency.get(kind, [])]
    spec = dependency["output"]
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    outputs = [dict(zip(("id", "property"), part.rsplit(".", 1))) for part in parts]
    inputs = items("inputs")
    return json.dumps({"output": spec, "outputs": outputs if len(outputs) > 1 else outputs[0], "inputs": inputs,
                       "state": items("state"),
                       "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else []})


def fuzz(server: Server, count: int = 600) -> None:
    """``count`` fuzzed callback requests: no 500s, and how much the workers' memory grows."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=60)
    connection.request("GET", "/_dash-dependencies")
    dependencies = [d for d in json.loads(connection.getresponse().read()) if not d.get("clientside_function")]
    rng = random.Random(11)
    before = server.rss_mb()
    statuses: Counter = Counter()
    for i in range(count):
        body = fuzz_body(rng.choice(dependencies), rng, i)
        connection.request("POST", "/_dash-update-component", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        statuses[response.status] += 1
    after = server.rss_mb()
    ROWS.append({"figure": f"{count} fuzzed callback requests: HTTP 500s", "measured": str(statuses[500]),
                 "target": "0", "verdict": verdict(statuses[500] == 0)})
    ROWS.append({"figure": f"worker RSS growth over {count} fuzzed requests (sum of 2 workers)",
                 "measured": f"{after - before:+.0f} MB ({before:.0f} -> {after:.0f} MB)", "target": "< 100 MB",
                 "verdict": verdict(after - before < 100)})
    print(f"fuzz: {count} requests to {len(dependencies)} callbacks; statuses {dict(sorted(statuses.items()))}; "
          f"500s: {statuses[500]} (target 0: {verdict(statuses[500] == 0)}); worker RSS {before:.0f} -> "
          f"{after:.0f} MB, growth {after - before:+.0f} MB (target < 100 MB: {verdict(after - before < 100)})",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run")
    parser.add_argument("--quick", action="store_true", help="1 run of 10 s per level, no kill run")
    args = parser.parse_args()
    runs, duration = (1, 10.0) if args.quick else (args.runs, args.duration)
    print(f"machine: {os.cpu_count()} cores; server: python -m dashboard (gunicorn, 2 sync workers); think time "
          f"{THINK_SECONDS[0]:g}-{THINK_SECONDS[1]:g} s; {runs} run(s) of {duration:g} s per level", flush=True)
    server = Server()
    try:
        session = record_session(server.url)
        print(f"recorded: first visit {len(session.first_visit)} requests; actions: "
              + "; ".join(f"{name} ({len(requests)})" for name, requests in session.actions), flush=True)
        fuzz(server)
        for users in args.users:
            results = []
            for index in range(runs):
                results.append(run_load(server, session, users, duration, seed=index))
                print_run(f"{users} users, run {index + 1}", results[-1])
            summarise(users, results)
        if not args.quick:
            run = run_load(server, session, 50, duration, seed=99, during=kill_one_worker)
            print_run("kill run, 50 users", run)
            print(f"SUMMARY kill run: {len(run.errors)} failed request(s) (target: at most the 1 in flight on the "
                  f"killed sync worker: {verdict(len(run.errors) <= 1)}); workers afterwards: "
                  f"{len(server.workers())}", flush=True)
            ROWS.append({"figure": "one worker killed (SIGKILL) half-way through a 50-user run: failed requests",
                         "measured": f"{len(run.errors)} of {run.requests}", "target": "<= 1 (the one in flight)",
                         "verdict": verdict(len(run.errors) <= 1)})
            save_rows()
    finally:
        server.stop()


def save_rows() -> None:
    """Save the summary figures of a full run for the README's generated performance table."""
    save_run("loadtest", {"machine": f"{os.cpu_count()} cores",
                          "setup": f"python -m dashboard (gunicorn, 2 sync workers); recorded Chromium session "
                                   f"replayed; think time {THINK_SECONDS[0]:g}-{THINK_SECONDS[1]:g} s",
                          "figures": ROWS})


if __name__ == "__main__":
    main()

"""Live fan-out: how long until every tablet shows the item the chair just made current.

    .venv/bin/python bench/live_fanout.py [--sizes 50,200,500] [--rounds 8] \
        [--modes gevent,threading]

For each async mode this starts, on 127.0.0.1 only:

- the app, as in production (``meeting run``, SQLite in a temporary folder), loaded with the
  demo data (``meeting demo``: today's meeting of the Executive Committee, 6 agenda items)
  and N extra delegates who are members of that body (bench/_setup_accounts.py, through the
  app's own operations); the chair opens the meeting;
- the baseline: a bare python-socketio server that only rebroadcasts
  (bench/_baseline_server.py), served the same way in the same async mode.

Then, for each N, N tablets — python-socketio AsyncClients in this one asyncio process,
websocket transport only — connect to each server (on the app each with the session
cookie of its own delegate, logged in over HTTP) and join the meeting's room. A round is
one move of the current item: the chair's ``PUT /api/v1/meetings/<id>/agenda/current`` on
the app, ``POST /trigger`` with the same two events (``agenda.current``, then
``speakers.changed``, same payloads) on the baseline. The latency of a tablet is the time
from just before the request to its receiving ``agenda.current`` with that item. App and
baseline rounds alternate, so a disturbance of the machine hits both alike; the first
round of each is a warm-up and is discarded.

Every wait is bounded; the servers are stopped at the end, also on error or Ctrl-C.
"""

import argparse
import asyncio
import gc
import json
import math
import os
import re
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
DELEGATE_PASSWORD = "bench-delegate-1"
CHAIR_PASSWORD = "demo12345"  # the demo's password (meeting/demo.py)

TARGET_SIZE = 500  # tablets
TARGET_P99_MS = 300.0
TARGET_RATIO = 2.0

SERVER_START_TIMEOUT = 60.0
CONNECT_TIMEOUT = 30.0  # one tablet's connection or join
FLEET_TIMEOUT = 300.0  # all tablets of a fleet connected and joined
ROUND_TIMEOUT = 30.0  # every tablet has the move
QUIET = 0.3  # no event for this long: the server has finished a broadcast
QUIET_TIMEOUT = 60.0
CONCURRENCY = 25  # logins and connections in flight at once
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ATTEMPTS = 3  # a login or a connection that fails is tried again, at most this often


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def raise_open_files(needed: int):
    """Each tablet costs a descriptor here and one in the server (which inherits the limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    new = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
    if new < needed:
        log(f"warning: open-file limit is {new}, fewer than the {needed} wanted")


def percentile(sorted_values, q):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return math.nan
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


# --- servers -----------------------------------------------------------------------------

class Server:
    """A server subprocess with its output in a log file; stopped by its own process id."""

    def __init__(self, name, argv, env, port, log_path):
        self.name, self.argv, self.env, self.port = name, argv, env, port
        self.log_path = log_path
        self.proc = None
        self.base = f"http://{HOST}:{port}"

    async def start(self, http):
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=out,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.tail()}")
            try:
                async with http.get(self.base + "/healthz",
                                    timeout=aiohttp.ClientTimeout(total=2)) as resp:
                    if resp.status == 200:
                        return self
            except (TimeoutError, aiohttp.ClientError):
                pass
            await asyncio.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {SERVER_START_TIMEOUT} s:\n"
                           f"{self.tail()}")

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server has used so far (from /proc)."""
        with open(f"/proc/{self.proc.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def tail(self, lines=30):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def server_env(mode, instance: Path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "RATELIMIT_STORAGE_URI", "SECRET_KEY")}
    env.update(SOCKETIO_ASYNC_MODE=mode, MEETING_INSTANCE=str(instance),
               DATABASE_URL=f"sqlite:///{instance / 'meeting.sqlite3'}",
               MEETING_FAST_HASH="1", LOGIN_RATE_LIMIT="100000 per minute",
               LOGIN_IP_RATE_LIMIT="100000 per minute", PYTHONUNBUFFERED="1")
    return env


def prepare_database(instance: Path, accounts: int) -> dict:
    """Migrate, load the demo, add the bench's delegates; return the meeting's ids and names."""
    env = server_env("threading", instance)

    def run(argv):
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    run([BIN / "meeting", "db", "upgrade"])
    run([BIN / "meeting", "demo"])
    out = run([sys.executable, ROOT / "bench" / "_setup_accounts.py", str(accounts),
               DELEGATE_PASSWORD])
    return json.loads(out.strip().splitlines()[-1])


# --- logging in --------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*>')
VALUE = re.compile(r'\bvalue="([^"]+)"')


async def log_in(http, base, username, password):
    """Log in through the login form; return (session cookie, CSRF token)."""
    async with http.get(base + "/login") as resp:
        html = await resp.text()
        cookie = resp.cookies["session"].value
    token = VALUE.search(CSRF_INPUT.search(html).group(0)).group(1)
    async with http.post(base + "/login", allow_redirects=False,
                         data={"csrf_token": token, "username": username,
                               "password": password},
                         headers={"Cookie": f"session={cookie}"}) as resp:
        if resp.status != 302 or "session" not in resp.cookies:
            raise RuntimeError(f"login of {username} failed: HTTP {resp.status}")
        return resp.cookies["session"].value, token


async def with_retries(attempt, what, failures: list, attempts=ATTEMPTS):
    """Await ``attempt()``; on an error try again (bounded), noting each failure."""
    for number in range(1, attempts + 1):
        try:
            return await attempt()
        except Exception as exc:  # noqa: BLE001 - any failure is noted and retried
            failures.append(f"{what}: {exc}")
            if number == attempts:
                raise
            await asyncio.sleep(0.5 * number)


async def bounded_gather(coros, limit, timeout):
    sem = asyncio.Semaphore(limit)

    async def one(coro):
        async with sem:
            return await coro

    return await asyncio.wait_for(asyncio.gather(*(one(c) for c in coros)), timeout)


# --- the tablets -------------------------------------------------------------------------

@dataclass
class Round:
    item_id: int
    size: int
    got: dict = field(default_factory=dict)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Fleet:
    """N Socket.IO clients in one room; records when each receives the awaited move."""

    def __init__(self, name, base, size, meeting_id, cookies=None):
        self.name, self.base, self.size, self.meeting_id = name, base, size, meeting_id
        self.cookies = cookies
        self.clients = []
        self.failures = []  # connections or joins that failed and were tried again
        self.round = None
        self.last_event = time.perf_counter()

    def _client(self, index):
        client = socketio.AsyncClient(reconnection=False, request_timeout=CONNECT_TIMEOUT)

        def on_current(data):
            now = time.perf_counter()
            self.last_event = now
            rnd = self.round
            if (rnd is not None and isinstance(data, dict)
                    and data.get("current_item_id") == rnd.item_id and index not in rnd.got):
                rnd.got[index] = now
                if len(rnd.got) == rnd.size:
                    rnd.done.set()

        def on_other(event, *args):
            self.last_event = time.perf_counter()

        client.on("agenda.current", on_current)
        client.on("*", on_other)
        return client

    async def _connect_one(self, index):
        client = self._client(index)
        headers = {"Cookie": f"session={self.cookies[index]}"} if self.cookies else {}
        try:
            await client.connect(self.base, headers=headers, transports=["websocket"],
                                 wait_timeout=CONNECT_TIMEOUT)
            ack = await client.call("join", {"meeting_id": self.meeting_id},
                                    timeout=CONNECT_TIMEOUT)
            if not (isinstance(ack, dict) and ack.get("ok")):
                raise RuntimeError(f"join refused: {ack}")
        except BaseException:
            await asyncio.wait_for(client.disconnect(), CONNECT_TIMEOUT)
            raise
        self.clients.append(client)

    async def connect(self):
        """Connect and join every tablet (with bounded retries); return the seconds it took
        until the last event caused by the joins (presence) had arrived."""
        started = time.perf_counter()
        await bounded_gather([with_retries(lambda i=i: self._connect_one(i),
                                           f"tablet {i}", self.failures)
                              for i in range(self.size)], CONCURRENCY, FLEET_TIMEOUT)
        joined = time.perf_counter()
        await self.quiet()
        seconds = max(joined, self.last_event) - started
        log(f"  {self.name}: {self.size} tablets connected and joined in {seconds:.1f} s"
            + (f" ({len(self.failures)} attempts failed and were repeated, e.g. "
               f"{self.failures[0]})" if self.failures else ""))
        return seconds

    async def quiet(self, gap=QUIET, timeout=QUIET_TIMEOUT):
        """Wait until no event arrived for ``gap`` seconds (e.g. presence after joins)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            idle = time.perf_counter() - self.last_event
            if idle >= gap:
                return
            await asyncio.sleep(gap - idle)

    async def disconnect(self):
        clients, self.clients = self.clients, []
        try:
            await asyncio.wait_for(
                asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True),
                FLEET_TIMEOUT)
        except TimeoutError:
            log(f"  {self.name}: some tablets did not disconnect in time")

    async def measure(self, trigger, item_id, server):
        """One move: latencies in ms of the tablets that got it, request time in ms, and the
        CPU time in ms the server and this process spent on the whole move."""
        rnd = Round(item_id, self.size)
        self.round = rnd
        cpu_server, cpu_client = server.cpu_seconds(), time.process_time()
        # This one process stands in for N tablets: a collection of its garbage (100 ms and
        # more with 1000 clients) would be counted as the server's delay.
        gc.disable()
        t0 = time.perf_counter()
        try:
            await trigger(item_id)
            request_ms = (time.perf_counter() - t0) * 1000
            try:
                await asyncio.wait_for(rnd.done.wait(), ROUND_TIMEOUT)
            except TimeoutError:
                pass  # the tablets without the move are counted as lost
        finally:
            gc.enable()
        self.round = None
        latencies = sorted((t - t0) * 1000 for t in rnd.got.values())
        await self.quiet()  # let the rest of the broadcast (speakers.changed) drain
        cpu = {"server": (server.cpu_seconds() - cpu_server) * 1000,
               "client": (time.process_time() - cpu_client) * 1000}
        return latencies, request_ms, cpu


# --- the two servers' triggers -----------------------------------------------------------

class AppChair:
    """The chair, logged in to the app: moves the current item over the JSON API."""

    def __init__(self, http, base, meeting_id, cookie, token):
        self.http, self.base, self.meeting_id = http, base, meeting_id
        self.headers = {"Cookie": f"session={cookie}", "X-CSRFToken": token}

    async def call(self, method, path, body):
        async with self.http.request(method, f"{self.base}/api/v1/meetings/{self.meeting_id}"
                                     f"{path}", json=body, headers=self.headers) as resp:
            data = await resp.json()
            if resp.status != 200:
                raise RuntimeError(f"{method} {path}: HTTP {resp.status} {data}")
            return data

    async def move(self, item_id):
        await self.call("PUT", "/agenda/current", {"item_id": item_id})


class BaselineTrigger:
    """Asks the bare server to send what the app sends when the current item moves."""

    def __init__(self, http, base, meeting_id, agenda):
        self.http, self.base, self.meeting_id, self.agenda = http, base, meeting_id, agenda
        self.seq = 0

    async def move(self, item_id):
        self.seq += 2
        items = [{**i, "status": "current" if i["id"] == item_id else i["status"]}
                 for i in self.agenda["items"]]
        meta = {"meeting_id": self.meeting_id}
        events = [["agenda.current", {"current_item_id": item_id, "items": items, **meta,
                                      "seq": self.seq - 1}],
                  ["speakers.changed", {"item_id": item_id, "speaking": None, "queue": [],
                                        **meta, "seq": self.seq}]]
        async with self.http.post(self.base + "/trigger", json={
                "room": f"meeting:{self.meeting_id}", "events": events}) as resp:
            if resp.status != 200:
                raise RuntimeError(f"baseline trigger: HTTP {resp.status}")
            await resp.read()


# --- one async mode ----------------------------------------------------------------------

@dataclass
class Series:
    latencies: list = field(default_factory=list)  # all measured rounds, pooled
    round_p99: list = field(default_factory=list)
    request_ms: list = field(default_factory=list)
    missed: int = 0
    retries: int = 0  # connections or joins tried again
    join_seconds: float = math.nan  # all tablets connected and joined, presence settled
    server_cpu_ms: list = field(default_factory=list)
    client_cpu_ms: list = field(default_factory=list)

    def add(self, latencies, request_ms, cpu, size):
        self.latencies.extend(latencies)
        self.round_p99.append(percentile(latencies, 0.99))
        self.request_ms.append(request_ms)
        self.server_cpu_ms.append(cpu["server"])
        self.client_cpu_ms.append(cpu["client"])
        self.missed += size - len(latencies)

    def stats(self):
        values = sorted(self.latencies)
        return {"p50": percentile(values, 0.50), "p99": percentile(values, 0.99),
                "max": values[-1] if values else math.nan,
                "round_p99_median": statistics.median(self.round_p99),
                "round_p99_min": min(self.round_p99, default=math.nan),
                "round_p99_max": max(self.round_p99, default=math.nan),
                "request_p50": statistics.median(self.request_ms),
                "server_cpu_ms": statistics.mean(self.server_cpu_ms),
                "client_cpu_ms": statistics.mean(self.client_cpu_ms),
                "samples": len(values), "missed": self.missed, "retries": self.retries,
                "join_seconds": self.join_seconds}


async def run_mode(mode, sizes, rounds, warmup, template: Path, setup: dict, workdir: Path,
                   sqlite_wal=False):
    instance = workdir / f"instance-{mode}"
    shutil.copytree(template, instance)
    if sqlite_wal:
        # The journal mode is kept in the database file: the server's connections use it.
        with sqlite3.connect(instance / "meeting.sqlite3") as conn:
            conn.execute("PRAGMA journal_mode=WAL")
    env = server_env(mode, instance)
    app_port, base_port = free_port(), free_port()
    app = Server(f"app ({mode})", [str(BIN / "meeting"), "run", "--port", str(app_port)],
                 env, app_port, workdir / f"app-{mode}.log")
    baseline = Server(f"baseline ({mode})", [sys.executable,
                                             str(ROOT / "bench" / "_baseline_server.py"),
                                             mode, str(base_port)],
                      env, base_port, workdir / f"baseline-{mode}.log")
    results = {"sizes": {}, "login_retries": 0}
    connector = aiohttp.TCPConnector(limit=CONCURRENCY * 2)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(), connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=60)) as http:
        try:
            await app.start(http)
            await baseline.start(http)
            log(f"[{mode}] app on {app.base}, baseline on {baseline.base}")
            meeting_id, item_ids = setup["meeting_id"], setup["item_ids"]
            cookie, token = await log_in(http, app.base, setup["chair"], CHAIR_PASSWORD)
            chair = AppChair(http, app.base, meeting_id, cookie, token)
            await chair.call("POST", "/status", {"status": "in_session"})
            agenda = (await chair.call("GET", "/snapshot", None))["agenda"]
            started = time.perf_counter()
            login_failures = []
            sessions = await bounded_gather(
                [with_retries(lambda name=name: log_in(http, app.base, name, DELEGATE_PASSWORD),
                              name, login_failures)
                 for name in setup["usernames"][:max(sizes)]], CONCURRENCY, FLEET_TIMEOUT)
            cookies = [c for c, _ in sessions]
            log(f"[{mode}] {len(cookies)} delegates logged in in "
                f"{time.perf_counter() - started:.1f} s"
                + (f" ({len(login_failures)} attempts failed and were repeated, e.g. "
                   f"{login_failures[0]})" if login_failures else ""))
            results["login_retries"] = len(login_failures)
            trigger = BaselineTrigger(http, baseline.base, meeting_id, agenda)
            moves = 0
            for size in sizes:
                log(f"[{mode}] N = {size}")
                fleets = {"app": Fleet("app", app.base, size, meeting_id, cookies),
                          "baseline": Fleet("baseline", baseline.base, size, meeting_id)}
                series = {"app": Series(), "baseline": Series()}
                try:
                    for name, fleet in fleets.items():
                        series[name].join_seconds = await fleet.connect()
                    # The clients live until the end of the N: keep them out of collections.
                    gc.collect()
                    gc.freeze()
                    for index in range(warmup + rounds):
                        # Every move changes the current item: the app ignores a no-op move.
                        item_id = item_ids[moves % len(item_ids)]
                        moves += 1
                        for name, move, server in (("app", chair.move, app),
                                                   ("baseline", trigger.move, baseline)):
                            latencies, request_ms, cpu = await fleets[name].measure(
                                move, item_id, server)
                            tag = "warm-up" if index < warmup else f"round {index - warmup + 1}"
                            log(f"  {tag:>8} {name:<8} p50 {percentile(latencies, .5):7.1f}  "
                                f"p99 {percentile(latencies, .99):7.1f}  max "
                                f"{latencies[-1] if latencies else math.nan:7.1f} ms  "
                                f"request {request_ms:6.1f} ms  got {len(latencies)}/{size}  "
                                f"CPU server {cpu['server']:4.0f} client {cpu['client']:4.0f} ms")
                            if index >= warmup:
                                series[name].add(latencies, request_ms, cpu, size)
                finally:
                    for fleet in fleets.values():
                        await fleet.disconnect()
                    gc.unfreeze()
                for name, fleet in fleets.items():
                    series[name].retries = len(fleet.failures)
                results["sizes"][size] = {name: s.stats() for name, s in series.items()}
                print_size(mode, size, results["sizes"][size])
        except BaseException:
            for server in (app, baseline):
                log(f"--- last lines of the {server.name} log ---\n{server.tail()}")
            raise
        finally:
            app.stop()
            baseline.stop()
    return results


# --- output ------------------------------------------------------------------------------

def ratio(result):
    return result["app"]["p99"] / result["baseline"]["p99"]


def print_size(mode, size, result):
    a, b = result["app"], result["baseline"]
    print(f"{mode:<9} N={size:<4} app p50/p99/max {a['p50']:6.1f} {a['p99']:6.1f} "
          f"{a['max']:6.1f} ms | baseline {b['p50']:6.1f} {b['p99']:6.1f} {b['max']:6.1f} ms "
          f"| p99 ratio {ratio(result):4.2f}", flush=True)


def print_table(all_results, rounds):
    rows = [(mode, size, result) for mode, mode_results in all_results.items()
            for size, result in mode_results["sizes"].items()]
    print()
    print(f"Time from just before the chair's request to each tablet's 'agenda.current', in ms; "
          f"{rounds} measured moves per N and server, app and baseline alternating in the same "
          f"run; p50/p99/max over all tablets of all moves")
    table(["mode", "N", "app p50", "app p99", "app max", "baseline p50", "baseline p99",
           "baseline max", "p99 app/baseline"],
          [[mode, size, f"{a['p50']:.0f}", f"{a['p99']:.0f}", f"{a['max']:.0f}",
            f"{b['p50']:.0f}", f"{b['p99']:.0f}", f"{b['max']:.0f}", f"{ratio(r):.2f}"]
           for mode, size, r in rows for a, b in [(r["app"], r["baseline"])]])
    print()
    print("Per move: p99 of each move (median and range), the request's own time (median), "
          "CPU ms spent by the server and by the tablets' process (mean), deliveries lost "
          f"(not there after {ROUND_TIMEOUT:.0f} s), seconds until all N tablets had "
          "connected and joined")
    table(["mode", "N", "app p99/move", "baseline p99/move", "median ratio", "app request",
           "baseline request", "app CPU", "baseline CPU", "tablets CPU app/baseline",
           "lost app/baseline", "all joined app/baseline (s)"],
          [[mode, size, spread(a), spread(b),
            f"{a['round_p99_median'] / b['round_p99_median']:.2f}",
            f"{a['request_p50']:.0f}", f"{b['request_p50']:.0f}",
            f"{a['server_cpu_ms']:.0f}", f"{b['server_cpu_ms']:.0f}",
            f"{a['client_cpu_ms']:.0f}/{b['client_cpu_ms']:.0f}",
            f"{a['missed']}/{b['missed']}",
            f"{a['join_seconds']:.1f}/{b['join_seconds']:.1f}"]
           for mode, size, r in rows for a, b in [(r["app"], r["baseline"])]])
    print()
    for mode, mode_results in all_results.items():
        by_size = mode_results["sizes"]
        if mode_results["login_retries"] or any(
                r["app"]["retries"] or r["baseline"]["retries"] for r in by_size.values()):
            retries = [f"{mode_results['login_retries']} logins"] + [
                f"{r['app']['retries']} app / {r['baseline']['retries']} baseline connections "
                f"at N={n}" for n, r in by_size.items()]
            print(f"{mode}: attempts that failed and were repeated: {', '.join(retries)}")
        if not by_size:
            continue
        size = max(by_size)
        result = by_size[size]
        p99, r = result["app"]["p99"], ratio(result)
        ok = p99 <= TARGET_P99_MS and r <= TARGET_RATIO and result["app"]["missed"] == 0
        print(f"{mode}: N={size}: app p99 {p99:.0f} ms (target ≤ {TARGET_P99_MS:.0f}), "
              f"{r:.2f}× the baseline's {result['baseline']['p99']:.0f} ms "
              f"(target ≤ {TARGET_RATIO:.0f}×): {'target met' if ok else 'target MISSED'}"
              + ("" if size >= TARGET_SIZE else f" (the target is set for {TARGET_SIZE})"))


def spread(stats):
    return (f"{stats['round_p99_median']:.0f} ({stats['round_p99_min']:.0f}–"
            f"{stats['round_p99_max']:.0f})")


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,200,500",
                        help="tablet counts, comma-separated (default 50,200,500)")
    parser.add_argument("--rounds", type=int, default=8,
                        help="measured moves per N and server, after the warm-up (default 8)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded moves (default 1)")
    parser.add_argument("--modes", default="gevent,threading",
                        help="async modes of the servers, comma-separated (default "
                             "gevent,threading)")
    parser.add_argument("--sqlite-wal", action="store_true",
                        help="put the app's SQLite database in WAL journal mode (the app's "
                             "default is SQLite's rollback journal)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    for mode in args.modes:
        if mode not in ("gevent", "threading"):
            parser.error(f"unknown async mode {mode!r}")
    if not args.sizes or min(args.sizes) < 1 or args.rounds < 1 or args.warmup < 0:
        parser.error("sizes and rounds must be positive")
    return args


async def main_async(args, workdir: Path):
    template = workdir / "template"
    template.mkdir()
    started = time.perf_counter()
    setup = await asyncio.to_thread(prepare_database, template, max(args.sizes))
    log(f"database prepared in {time.perf_counter() - started:.1f} s "
        f"(meeting {setup['meeting_id']}, {len(setup['usernames'])} extra delegates)")
    results = {}
    for mode in args.modes:
        results[mode] = await run_mode(mode, args.sizes, args.rounds, args.warmup, template,
                                       setup, workdir, args.sqlite_wal)
    return results


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv=None):
    args = parse_args(argv)
    # Stopped with SIGTERM (e.g. by `timeout`), unwind as on Ctrl-C: the servers are stopped.
    signal.signal(signal.SIGTERM, _interrupt)
    # Both fleets of the largest N are open at once, plus HTTP connections and the servers'.
    raise_open_files(4 * max(args.sizes) + 1024)
    print(f"live fan-out: sizes {args.sizes}, {args.rounds} rounds (+{args.warmup} warm-up), "
          f"modes {args.modes}{', SQLite WAL' if args.sqlite_wal else ''}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"python-socketio {version('python-socketio')}, load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="live-fanout-"))
    try:
        results = asyncio.run(main_async(args, workdir))
    except KeyboardInterrupt as exc:
        log(f"interrupted ({exc or 'Ctrl-C'}); the servers were stopped")
        sys.exit(130)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(results, args.rounds)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(1, 5, 15 min; {os.cpu_count()} CPUs)")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"sizes": args.sizes, "rounds": args.rounds, "warmup": args.warmup,
             "sqlite_wal": args.sqlite_wal,
             "results": {m: {"login_retries": r["login_retries"],
                             "sizes": {str(n): x for n, x in r["sizes"].items()}}
                         for m, r in results.items()}},
            indent=2))


if __name__ == "__main__":
    main()

"""Hostile-files benchmark: fifty tablets read and follow the agenda while bad files arrive.

    .venv/bin/python bench/hostile.py [--tablets 50] [--seconds 30] [--hostile files,logins]
        [--database sqlite|postgresql] [--postgres-url postgresql://…/bench_hostile]

One `meeting run` (gevent) with its own worker (no Redis; SQLite, or a PostgreSQL database
whose schema is dropped first), demo data. Fifty
delegates log in; each opens a socket in the meeting's room and turns the pages of a
published paper (server page images, 1024 px). The chair moves the current agenda item
every two seconds; a monitor asks /healthz ten times a second. The same run is made twice:

- quiet: nothing else happens;
- hostile: the secretariat uploads the corpus of issue "no file may stall the meeting"
  (tests/documents/hostile_pdfs.py and friends) and opens each stored paper's page 1, while
  twenty clients guess passwords without pause.

Figures: p50/p99/max of /healthz, of a page image, and of the agenda fan-out (chair's
request to each tablet's ``agenda.current``), quiet against hostile, and the ratio; the
longest any request waited; the workers' memory peak. Targets: every p99 within 1.5× of the
quiet run; no request waits more than 300 ms because of a hostile file.
"""

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MEETING = Path(sys.executable).parent / "meeting"
PASSWORD = "demo12345"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def corpus() -> dict[str, bytes]:
    """The files the issue measured, each made here (a few seconds)."""
    from tests.core.hostile_office import odt_linking
    from tests.documents.hostile_files import (
        docx_bomb,
        long_text,
        sliver_page,
        transparency_groups,
        zip_of_entries,
    )

    return {
        "transparency-groups.pdf": transparency_groups(8),
        "1000-pages-of-text.pdf": long_text(1000),
        "200000-entries.docx": zip_of_entries(200_000),
        "sliver-page.pdf": sliver_page(),
        "1-GB-unpacked.docx": docx_bomb(1024),
        "links-to-file-and-url.odt": odt_linking("file:///etc/passwd",
                                                 "http://127.0.0.1:9/anh.png"),
    }


def percentile(values, q):
    ordered = sorted(values) or [float("nan")]
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(values):
    return {"n": len(values), "p50": percentile(values, 50) * 1000,
            "p99": percentile(values, 99) * 1000, "max": max(values, default=0) * 1000}


class Tablet:
    """One delegate: a logged-in HTTP session and a socket in the meeting's room."""

    def __init__(self, base, username):
        self.base, self.username = base, username
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.sio = socketio.AsyncClient(reconnection=False)
        self.token = ""
        self.heard = {}

    async def log_in(self, password=PASSWORD):
        async with self.http.get(self.base + "/login") as resp:
            token = CSRF.search(await resp.text()).group(1)
        async with self.http.post(self.base + "/login", allow_redirects=False,
                                  data={"csrf_token": token, "username": self.username,
                                        "password": password}) as resp:
            if resp.status != 302:
                raise RuntimeError(f"login of {self.username}: HTTP {resp.status}")
        async with self.http.get(self.base + "/meetings") as resp:
            self.token = CSRF.search(await resp.text()).group(1)

    async def join(self, meeting_id):
        cookies = "; ".join(f"{c.key}={c.value}" for c in self.http.cookie_jar)
        self.sio.on("agenda.current", lambda data: self.heard.setdefault(
            data.get("current_item_id") if isinstance(data, dict) else None,
            time.perf_counter()))
        await self.sio.connect(self.base, headers={"Cookie": cookies},
                               transports=["websocket"])
        await self.sio.call("join", {"meeting_id": meeting_id}, timeout=10)

    async def request(self, method, path, **kwargs):
        headers = {"X-CSRFToken": self.token, "Accept": "application/json"}
        started = time.perf_counter()
        async with self.http.request(method, self.base + path, headers=headers,
                                     **kwargs) as resp:
            body = await resp.read()
            return resp.status, body, time.perf_counter() - started

    async def close(self):
        await self.sio.disconnect()
        await self.http.close()


async def phase(base, tablets, chair, secretariat, meeting, paper, seconds, files,
                guessers):
    """Run one measured phase; return latencies per metric."""
    health, pages, fanout, stop = [], [], [], asyncio.Event()
    items = meeting["items"]

    async def monitor():
        async with aiohttp.ClientSession() as http:
            while not stop.is_set():
                started = time.perf_counter()
                async with http.get(base + "/healthz") as resp:
                    await resp.read()
                health.append(time.perf_counter() - started)
                await asyncio.sleep(0.1)

    async def reader(tablet, offset):
        n = offset
        while not stop.is_set():
            n = n % paper["page_count"] + 1
            status, _, took = await tablet.request(
                "GET", f"/api/v1/documents/{paper['id']}/pages/{n}.png?width=1024")
            if status == 200:
                pages.append(took)
            await asyncio.sleep(0.5)

    async def chairing():
        index = 0
        while not stop.is_set():
            item = items[index % len(items)]
            index += 1
            for tablet in tablets:
                tablet.heard.pop(item, None)
            sent = time.perf_counter()
            await chair.request("PUT", f"/api/v1/meetings/{meeting['id']}/agenda/current",
                                json={"item_id": item})
            await asyncio.sleep(2)
            fanout.extend(t.heard[item] - sent for t in tablets if item in t.heard)

    async def uploads():
        for name, data in files.items():
            form = aiohttp.FormData()
            form.add_field("file", data, filename=name)
            form.add_field("title", name)
            status, body, _ = await secretariat.request(
                "POST", f"/api/v1/meetings/{meeting['id']}/documents", data=form)
            print(f"  upload {name}: HTTP {status} {body[:120]!r}", flush=True)

    async def guesser(n):
        async with aiohttp.ClientSession() as http:
            while not stop.is_set():
                async with http.get(base + "/login") as resp:
                    token = CSRF.search(await resp.text()).group(1)
                async with http.post(base + "/login", data={
                        "csrf_token": token, "username": f"daibieu{n:02d}",
                        "password": "doan-mo"}) as resp:
                    await resp.read()

    jobs = [monitor(), chairing(), *(reader(t, i) for i, t in enumerate(tablets))]
    if files:
        jobs.append(uploads())
    if guessers:
        jobs += [guesser(n) for n in range(1, guessers + 1)]
    tasks = [asyncio.ensure_future(j) for j in jobs]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.wait(tasks, timeout=30)
    for task in tasks:
        task.cancel()
    return {"healthz": health, "page image": pages, "agenda fan-out": fanout}


def worker_rss_mib() -> float:
    """Resident memory of every `meeting worker` process now, in MiB."""
    total = 0
    for pid in subprocess.run(["pgrep", "-f", "meeting worker"], capture_output=True,
                              text=True).stdout.split():
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


async def run(base, count, seconds, parts):
    # The demo has 49 delegates and two invited guests, who receive the same papers.
    names = [f"daibieu{n:02d}" for n in range(1, 50)] + ["khach01", "khach02"]
    tablets = [Tablet(base, name) for name in names[:count]]
    chair, secretariat = Tablet(base, "bithu"), Tablet(base, "thuky")
    for person in (chair, secretariat, *tablets):
        await person.log_in()
    status, body, _ = await chair.request("GET", "/api/v1/meetings")
    import json

    meetings = json.loads(body)["meetings"]
    today = next(m for m in meetings if m["status"] in ("published", "in_session")
                 and m["body"].startswith("Ban Chấp hành"))
    await chair.request("POST", f"/api/v1/meetings/{today['id']}/status",
                        json={"status": "in_session"})
    _, body, _ = await chair.request("GET", f"/api/v1/meetings/{today['id']}/agenda")
    items = [item["id"] for item in json.loads(body)["items"]]
    _, body, _ = await tablets[0].request("GET",
                                          f"/api/v1/meetings/{today['id']}/documents")
    paper = next(d for d in json.loads(body)["documents"] if d["classification"] == "thuong")
    for tablet in tablets:
        await tablet.join(today["id"])
    meeting = {"id": today["id"], "items": items}
    results, peak = {}, 0.0
    files = corpus()  # made before measuring: the client must not stall itself
    for name, hostile in (("quiet", False), ("hostile", True)):
        print(f"{name} phase ({seconds} s)…", flush=True)
        sampler_stop = asyncio.Event()

        async def sample(done):
            nonlocal peak
            while not done.is_set():
                peak = max(peak, worker_rss_mib())
                await asyncio.sleep(0.5)

        sampler = asyncio.ensure_future(sample(sampler_stop))
        results[name] = await phase(
            base, tablets, chair, secretariat, meeting, paper, seconds,
            files if hostile and "files" in parts else {},
            20 if hostile and "logins" in parts else 0)
        sampler_stop.set()
        await sampler
    for person in (chair, secretariat, *tablets):
        await person.close()
    return results, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tablets", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url",
                        default="postgresql://postgres@127.0.0.1:5432/bench_hostile")
    parser.add_argument("--no-throttle", action="store_true",
                        help="lift the login throttle (every guess reaches Argon2)")
    parser.add_argument("--hostile", default="files,logins",
                        help="what the hostile phase does: files, logins or both")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    # The app's own login throttle stays on (per account and per address): the guessers get
    # refusals once it trips, as they would in a room. --no-throttle measures the worst case.
    env = dict(os.environ, MEETING_INSTANCE=str(instance), PYTHONPATH=str(ROOT))
    if args.no_throttle:
        env.update(LOGIN_IP_RATE_LIMIT="100000 per minute", LOGIN_RATE_LIMIT="100000 per minute")
    for name in ("REDIS_URL", "DATABASE_URL", "MEETING_FAST_HASH"):
        env.pop(name, None)
    if args.database == "postgresql":
        server_url, _, name = args.postgres_url.rpartition("/")
        subprocess.run(["psql", f"{server_url}/postgres", "-q", "-c",
                        f'CREATE DATABASE "{name}"'], capture_output=True)
        subprocess.run(["psql", args.postgres_url, "-q", "-c",
                        "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True,
                       capture_output=True)
        env["DATABASE_URL"] = args.postgres_url
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([str(MEETING), *command], env=env, check=True, capture_output=True)
    port = 5400 + os.getpid() % 500
    server = subprocess.Popen([str(MEETING), "run", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                import urllib.request

                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        time.sleep(20)  # let the worker draw the demo's pages first
        results, peak = asyncio.run(run(base, args.tablets, args.seconds,
                                        set(args.hostile.split(","))))
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
    print(f"\n{args.tablets} tablets, {args.seconds} s a phase, {args.database}, hostile: "
          f"{args.hostile}; times in ms")
    print(f"{'metric':<16}{'quiet p50':>10}{'p99':>8}{'max':>8}{'hostile p50':>13}"
          f"{'p99':>8}{'max':>8}{'p99 ratio':>11}")
    for metric in results["quiet"]:
        quiet, hostile = summary(results["quiet"][metric]), summary(results["hostile"][metric])
        print(f"{metric:<16}{quiet['p50']:>10.0f}{quiet['p99']:>8.0f}{quiet['max']:>8.0f}"
              f"{hostile['p50']:>13.0f}{hostile['p99']:>8.0f}{hostile['max']:>8.0f}"
              f"{hostile['p99'] / quiet['p99']:>10.2f}×   (n={quiet['n']}/{hostile['n']})")
    print(f"workers' memory peak: {peak:.0f} MiB")
    print(f"median healthz quiet {statistics.median(results['quiet']['healthz']) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Real server processes for the live-channel and browser tests, and clients for them.

A server is started the way an installation runs it: ``meeting db upgrade`` and
``meeting demo`` once, then ``meeting run`` (gevent) on a free port of 127.0.0.1.
"""

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
import socketio

from meeting.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
MEETING = Path(sys.executable).parent / "meeting"
START_TIMEOUT = 30  # seconds for a server to answer /healthz
COMMAND_TIMEOUT = 120  # seconds for `meeting db upgrade` and `meeting demo`
WAIT = 10  # seconds for any reply, or for a message to cross from one process to the other


def server_env(tmp, database_url, **extra):
    """Return the environment of a server with its own instance folder and database."""
    env = dict(os.environ, SOCKETIO_ASYNC_MODE="gevent", DATABASE_URL=database_url,
               MEETING_INSTANCE=str(tmp / "instance"), MEETING_FAST_HASH="1",
               RATELIMIT_STORAGE_URI="memory://", PYTHONUNBUFFERED="1", **extra)
    for name in ("SECRET_KEY", "SOCKETIO_CHANNEL", "REDIS_URL"):
        if name not in extra:
            env.pop(name, None)  # the secret key is generated into the instance folder
    return env


def prepare(env):
    """Migrate the database and load the demo data."""
    for command in (["db", "upgrade"], ["demo"]):
        done = subprocess.run([str(MEETING), *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=COMMAND_TIMEOUT)
        assert done.returncode == 0, f"meeting {' '.join(command)} failed:\n{done.stderr}"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url):
    try:
        return requests.get(url + "/healthz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def stop_process(proc):
    """Stop a server's process group: SIGTERM, then SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


class Server:
    """One `meeting run` process; stop() ends it and its process group."""

    def __init__(self, env, log_path):
        self.log_path = log_path
        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [str(MEETING), "run", "--host", "127.0.0.1", "--port", port], cwd=ROOT,
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_healthy(self, deadline):
        while not healthy(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the server at {self.url} did not start:\n"
                            + self.log_path.read_text()[-4000:])
            time.sleep(0.2)

    def stop(self):
        stop_process(self.proc)


def start_servers(env, tmp, names):
    """Start one server per name, wait until all answer; stop them all if one does not."""
    servers = []
    try:
        for name in names:
            servers.append(Server(env, tmp / f"server-{name}.log"))
        deadline = time.monotonic() + START_TIMEOUT
        for server in servers:
            server.wait_until_healthy(deadline)
    except BaseException:
        for server in servers:
            server.stop()
        raise
    return servers


class Browser(requests.Session):
    """A person logged in on one server process, sending JSON with the CSRF header."""

    def __init__(self, base, username):
        super().__init__()
        self.base = base
        page = self.get("/login")
        self.csrf_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                                    page.text).group(1)
        response = self.post("/login", data={"csrf_token": self.csrf_token,
                                             "username": username, "password": DEMO_PASSWORD},
                             allow_redirects=False)
        assert response.status_code == 302, response.text[:500]
        self.headers.update({"X-CSRFToken": self.csrf_token, "Accept": "application/json"})

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", WAIT)
        return super().request(method, self.base + url, *args, **kwargs)

    def ok(self, method, url, **kwargs):
        response = self.request(method, url, **kwargs)
        assert response.status_code in (200, 201, 204), (url, response.text[:500])
        return response.json() if response.content else None

    @property
    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)

    def log_out(self):
        response = self.post("/logout", data={"csrf_token": self.csrf_token},
                             allow_redirects=False)
        assert response.status_code == 302, response.text[:500]


class Tablet:
    """A python-socketio client over websocket, with the cookie of a Browser."""

    def __init__(self, browser):
        self.received = queue.Queue()
        self.disconnected = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", lambda event, data=None: self.received.put((event, data)))
        self.client.on("disconnect", lambda *reason: self.disconnected.set())
        self.client.connect(browser.base, headers={"Cookie": browser.cookie_header},
                            transports=["websocket"], wait_timeout=WAIT)

    def call(self, event, data):
        return self.client.call(event, data, timeout=WAIT)

    def wait_for(self, event, matches=lambda payload: True):
        """Return the first ``event`` whose payload matches, and what came before it."""
        before, deadline = [], time.monotonic() + WAIT
        while True:
            try:
                name, payload = self.received.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no {event} within {WAIT}s; received {before}")
            if name == event and matches(payload):
                return payload, before
            before.append((name, payload))

    def close(self):
        if self.client.connected:
            self.client.disconnect()

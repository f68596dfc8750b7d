"""Fixtures for the browser tests: the real server in a subprocess, and Debian's Chromium.

The server is started the way an installation runs it (``meeting db upgrade``,
``meeting demo``, ``meeting run``) on a free port of 127.0.0.1, with its own SQLite file
and instance folder, and is stopped when the module's tests are done. Chromium is the
system's ``/usr/bin/chromium``, never a browser downloaded by Playwright. Without it the
tests are skipped, unless CI=true, where a missing browser fails the run.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MEETING = Path(sys.executable).parent / "meeting"
SCREENSHOTS = ROOT / "docs" / "screenshots"
START_TIMEOUT = 30  # seconds for the server to answer /healthz
COMMAND_TIMEOUT = 120  # seconds for `meeting db upgrade` and `meeting demo`
DEFAULT_TIMEOUT_MS = 10_000  # every Playwright action and wait


@pytest.fixture(scope="session")
def chromium_path():
    """The system's Chromium; skip without it, or fail when CI=true."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server's process group: SIGTERM, then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def live_server(chromium_path, tmp_path_factory):
    """Migrate, load the demo data and serve the app; yield its base URL."""
    tmp = tmp_path_factory.mktemp("browser-server")
    env = dict(os.environ, SOCKETIO_ASYNC_MODE="gevent", MEETING_INSTANCE=str(tmp / "instance"),
               DATABASE_URL=f"sqlite:///{tmp / 'meeting.sqlite3'}", MEETING_FAST_HASH="1",
               PYTHONUNBUFFERED="1")
    for var in ("REDIS_URL", "SECRET_KEY", "RATELIMIT_STORAGE_URI"):
        env.pop(var, None)
    for command in (["db", "upgrade"], ["demo"]):
        done = subprocess.run([str(MEETING), *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=COMMAND_TIMEOUT)
        assert done.returncode == 0, f"meeting {' '.join(command)} failed:\n{done.stderr}"

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(MEETING), "run", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the server did not start:\n" + log_path.read_text()[-4000:])
            time.sleep(0.2)
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def browser(chromium_path):
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS,
                                      headless=True, timeout=30_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_context(browser):
    """Return a factory: new_context(width, height) opens an isolated browser profile."""
    opened = []

    def factory(width=1024, height=768):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      device_scale_factor=1, has_touch=True,
                                      locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        opened.append(context)
        return context

    yield factory
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

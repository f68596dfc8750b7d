"""Fixtures for the browser tests: the real server in a subprocess, and Debian's Chromium.

The server is started the way an installation runs it (``meeting db upgrade``,
``meeting demo``, ``meeting run``) on a free port of 127.0.0.1, with its own SQLite file
and instance folder, and is stopped when the module's tests are done. Chromium is the
system's ``/usr/bin/chromium``, never a browser downloaded by Playwright. Without it the
tests are skipped, unless CI=true, where a missing browser fails the run.
"""

import os
import time
from pathlib import Path

import pytest

from tests.servers import Server, prepare, server_env

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = ROOT / "docs" / "screenshots"
START_TIMEOUT = 30  # seconds for the server to answer /healthz
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


def serve_demo(tmp_path_factory, name, **settings):
    """Migrate, load the demo data and serve the app with ``settings``; yield its base URL.

    A module that needs other settings makes its own ``live_server`` fixture with
    ``yield from serve_demo(tmp_path_factory, "<name>-server", SETTING=value)``.
    """
    tmp = tmp_path_factory.mktemp(name)
    env = server_env(tmp, f"sqlite:///{tmp / 'meeting.sqlite3'}", **settings)
    prepare(env)
    server = Server(env, tmp / "server.log")
    try:
        server.wait_until_healthy(time.monotonic() + START_TIMEOUT)
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def live_server(chromium_path, tmp_path_factory):
    """Migrate, load the demo data and serve the app; yield its base URL."""
    yield from serve_demo(tmp_path_factory, "browser-server")


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
def screenshot_dir(tmp_path_factory):
    """docs/screenshots/ with SCREENSHOTS=1 (``make screenshots``), else a temporary folder.

    The screens are taken on every run either way; only a deliberate refresh rewrites the
    pictures the documentation shows, so a test run leaves the working tree as it was.
    """
    if os.environ.get("SCREENSHOTS") != "1":
        return tmp_path_factory.mktemp("screenshots")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

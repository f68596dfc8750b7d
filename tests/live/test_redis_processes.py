"""Two server processes sharing Redis: a tablet on one follows the chair on the other.

Both processes are started the way an installation runs them (``meeting db upgrade``,
``meeting demo``, then ``meeting run`` under gevent) with REDIS_URL set. They share the
database and the Redis channel, nothing else. The database is a SQLite file of its own,
or, when TEST_DATABASE_URL names a PostgreSQL server, a database created for this module
next to the suite's (never the suite's own tables).
"""

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
import socketio

from tests.conftest import require_service
from tests.servers import WAIT, Browser, prepare, server_env, start_servers

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def redis_url():
    """The Redis the processes share; skip without it, or fail when CI=true."""
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")

    def ping():
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()

    require_service("Redis", ping)
    return url


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    """A database for the two processes only: SQLite, or a fresh PostgreSQL database."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url or not url.startswith(("postgresql", "postgres:")):
        yield f"sqlite:///{tmp_path_factory.mktemp('processes') / 'meeting.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    server_url = urlunsplit(parts._replace(scheme="postgresql"))
    name = f"{parts.path.lstrip('/') or 'test'}_live_{os.getpid()}"

    def run(statement):
        with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    require_service("PostgreSQL", lambda: (run("DROP DATABASE IF EXISTS {} WITH (FORCE)"),
                                           run("CREATE DATABASE {}")))
    try:
        yield urlunsplit(parts._replace(scheme="postgresql", path="/" + name))
    finally:
        run("DROP DATABASE IF EXISTS {} WITH (FORCE)")


@pytest.fixture(scope="module")
def servers(redis_url, database_url, tmp_path_factory):
    """Prepare the database, start two `meeting run` processes; yield their base URLs."""
    tmp = tmp_path_factory.mktemp("live-processes")
    # Pub/Sub is not scoped by Redis's database number: a channel of our own keeps other
    # runs sharing this Redis out of our rooms.
    env = server_env(tmp, database_url, REDIS_URL=redis_url,
                     SOCKETIO_CHANNEL=f"meeting-test-{uuid.uuid4().hex}")
    prepare(env)
    running = start_servers(env, tmp, ["a", "b"])
    try:
        yield [server.url for server in running]
    finally:
        for server in running:
            server.stop()


def _todays_meeting(browser):
    meetings = browser.ok("GET", "/api/v1/meetings")["meetings"]
    return next(m for m in meetings if m["number"] == 25)


def _open(chair, meeting_id):
    """Open the meeting unless an earlier test of the module did."""
    if chair.ok("GET", f"/api/v1/meetings/{meeting_id}")["status"] == "published":
        chair.ok("POST", f"/api/v1/meetings/{meeting_id}/status", json={"status": "in_session"})


def test_tablet_on_one_process_follows_the_chair_on_the_other(servers, tablets):
    a, b = servers
    chair, delegate = Browser(a, "bithu"), Browser(b, "daibieu01")
    meeting_id = _todays_meeting(delegate)["id"]
    tablet = tablets(delegate)
    ack = tablet.call("join", {"meeting_id": meeting_id})
    assert ack["ok"] is True
    start = ack["seq"]

    _open(chair, meeting_id)
    items = chair.ok("GET", f"/api/v1/meetings/{meeting_id}/agenda")["items"]
    target = items[1]["id"]
    chair.ok("PUT", f"/api/v1/meetings/{meeting_id}/agenda/current", json={"item_id": target})

    moved, before = tablet.wait_for("agenda.current", lambda p: p["current_item_id"] == target)
    assert moved["meeting_id"] == meeting_id and moved["seq"] > start
    numbered = [p["seq"] for _, p in before if p and "seq" in p] + [moved["seq"]]
    assert numbered == list(range(start + 1, start + 1 + len(numbered)))

    snapshot = delegate.ok("GET", f"/api/v1/meetings/{meeting_id}/snapshot")
    assert snapshot["agenda"]["current_item_id"] == target
    assert snapshot["seq"] >= moved["seq"]
    # Presence lives in the database: the chair's process sees the tablet on the other.
    seen_by_chair = chair.ok("GET", f"/api/v1/meetings/{meeting_id}/snapshot")
    assert snapshot["me"]["user_id"] in seen_by_chair["presence"]["online_user_ids"]


def test_chair_console_hears_a_tablet_join_on_the_other_process(servers, tablets):
    a, b = servers
    chair, delegate = Browser(a, "bithu"), Browser(b, "daibieu02")
    meeting_id = _todays_meeting(chair)["id"]
    console = tablets(chair)
    assert console.call("join", {"meeting_id": meeting_id})["ok"] is True
    me = delegate.ok("GET", f"/api/v1/meetings/{meeting_id}/snapshot")["me"]["user_id"]

    assert tablets(delegate).call("join", {"meeting_id": meeting_id})["ok"] is True
    presence, _ = console.wait_for("presence.changed", lambda p: me in p["online_user_ids"])
    assert presence["meeting_id"] == meeting_id and "seq" not in presence


@pytest.mark.parametrize("where", ["same process", "other process"])
def test_logout_on_either_process_ends_the_socket(servers, tablets, where):
    a, b = servers
    delegate = Browser(b, "daibieu03")
    tablet = tablets(delegate)
    meeting_id = _todays_meeting(delegate)["id"]
    assert tablet.call("join", {"meeting_id": meeting_id})["ok"] is True

    if where == "other process":
        delegate.base = a
    delegate.log_out()

    ended, _ = tablet.wait_for("session.ended")
    assert ended == {}
    assert tablet.disconnected.wait(WAIT)
    with pytest.raises(socketio.exceptions.ConnectionError):
        tablets(delegate)


def test_a_socket_from_another_origin_is_refused(servers):
    """A page elsewhere cannot open a socket with a delegate's cookie (same origin only)."""
    import websocket

    a, _ = servers
    cookie = "Cookie: " + Browser(a, "daibieu04").cookie_header
    url = a.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(url, header=[cookie], origin="http://evil.example",
                                    timeout=WAIT)
    assert refused.value.status_code == 400
    ws = websocket.create_connection(url, header=[cookie], origin=a, timeout=WAIT)
    try:
        assert ws.recv().startswith("0{")  # Engine.IO's open packet
    finally:
        ws.close(timeout=1)

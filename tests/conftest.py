"""Fixtures: an app per test on a real database, factories, logged-in clients, sockets.

The database is SQLite by default; set TEST_DATABASE_URL to run the same suite on
PostgreSQL (``.ci/run`` does both). Tables are created once per session and emptied
after each test.
"""

import contextvars
import os
import re
import uuid
import warnings
from datetime import date, timedelta

os.environ.setdefault("MEETING_FAST_HASH", "1")

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from meeting import create_app  # noqa: E402
from meeting.config import Config  # noqa: E402
from meeting.core.time import utcnow  # noqa: E402
from meeting.extensions import db, socketio  # noqa: E402

PASSWORD = "password123"


def _config(url, tmp_instance, **extra):
    # Jobs run inline, in the test's own transaction order (core/jobs.py); a test that checks
    # the queue itself turns JOBS_INLINE off and runs the queue with tests.helpers.run_queued.
    return Config(TESTING=True, SQLALCHEMY_DATABASE_URI=url, SOCKETIO_ASYNC_MODE="threading",
                  REDIS_URL=None, RATELIMIT_STORAGE_URI="memory://", JOBS_INLINE=True,
                  INSTANCE_PATH=str(tmp_instance), **extra)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Create the schema once on the test database; return its URL."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    url = url or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app(_config(url, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield url
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app_config(database_url, tmp_path):
    """Settings for this test's app; a test may change them before using ``app``."""
    return _config(database_url, tmp_path)


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _empty_tables():
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(t.name for t in db.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def create_user(app):
    """Return a factory: create_user("name", roles=[...]) makes an account."""
    from meeting.auth.operations import create_user as create

    counter = iter(range(1, 10_000))

    def factory(username=None, roles=("delegate",), full_name=None, **kwargs):
        n = next(counter)
        username = username or f"user{n}"
        return create(None, username=username, full_name=full_name or f"Người dùng {n}",
                      password=PASSWORD, roles=list(roles), **kwargs)

    return factory


@pytest.fixture
def secretariat(create_user):
    return create_user("thuky", roles=["secretariat"], full_name="Lê Thị Thư Ký")


@pytest.fixture
def create_body(create_user):
    """Return a factory for a body with a current term and ``members`` delegates."""
    from meeting.meetings import operations

    def factory(code="BCH", name="Ban Chấp hành Đảng bộ tỉnh", members=6):
        body = operations.create_body(None, code=code, name=name)
        term = operations.create_term(None, body, label="XVII", start_date=date(2020, 10, 1))
        for i in range(members):
            user = create_user(f"{code.lower()}{i + 1}")
            operations.add_member(None, term, user, "secretary" if i == 0 else "member")
        return body

    return factory


@pytest.fixture
def create_meeting(create_body, create_user):
    """Return a factory for a meeting with agenda items, in the status asked for."""
    from meeting.meetings import agenda, operations

    def factory(status="published", items=3, body=None, chair=None, members=6):
        body = body or create_body(members=members)
        chair = chair or body.current_term.memberships[0].user
        start = utcnow() + timedelta(hours=1)
        meeting = operations.create_meeting(
            None, body=body, title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5",
            start_dt=start, end_dt=start + timedelta(hours=4), room="Hội trường",
            chair_id=chair.id)
        for i in range(items):
            agenda.add_item(None, meeting, title=f"Nội dung {i + 1}", presenter="Văn phòng",
                            planned_minutes=20)
        path = {"draft": [], "published": ["published"],
                "in_session": ["published", "in_session"],
                "closed": ["published", "in_session", "closed"]}[status]
        for step in path:
            operations.change_status(None, meeting, step)
        return meeting

    return factory


def isolated(fn, *args, **kwargs):
    """Run ``fn`` outside the test's app context, as a real request or socket event would.

    Flask reuses an app context that is already pushed, which would share ``g`` (the
    logged-in user) and the database session between the test and every request.
    """
    from flask.globals import _cv_app, _cv_request

    def run():
        _cv_app.set(None)
        _cv_request.set(None)
        return fn(*args, **kwargs)

    return contextvars.copy_context().run(run)


def members_of(meeting):
    """Return the meeting's voting members, the chair first."""
    return [m.user for m in sorted(meeting.term.incumbents, key=lambda m: m.id)]


def csrf_token(client):
    """Read a CSRF token from the login page (the session keeps it after login)."""
    page = isolated(client.get, "/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


class ApiClient:
    """A test client logged in as one person, sending JSON with the CSRF header."""

    def __init__(self, client, user):
        self.client, self.user = client, user
        self.token = csrf_token(client)
        response = isolated(client.post, "/login", data={"csrf_token": self.token,
                                               "username": user.username,
                                               "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    def _send(self, method, url, json=None):
        return isolated(self.client.open, url, method=method, json=json,
                        headers={"X-CSRFToken": self.token, "Accept": "application/json"})

    def get(self, url, **kwargs):
        kwargs.setdefault("headers", {"Accept": "application/json"})
        return isolated(self.client.get, url, **kwargs)

    def page(self, url):
        """GET a page as a browser would (HTML)."""
        return isolated(self.client.get, url, headers={"Accept": "text/html"})

    def form(self, url, data):
        """POST a form as a browser would, with the CSRF token."""
        return isolated(self.client.post, url, data={"csrf_token": self.token, **data},
                        headers={"Accept": "text/html"})

    def post(self, url, json=None):
        return self._send("POST", url, json)

    def put(self, url, json=None):
        return self._send("PUT", url, json)

    def patch(self, url, json=None):
        return self._send("PATCH", url, json)

    def delete(self, url):
        return self._send("DELETE", url)


@pytest.fixture
def login(app):
    """Return a factory: login(user) gives an ApiClient with its own cookie jar."""

    def factory(user):
        return ApiClient(app.test_client(), user)

    return factory


class IsolatedSocket:
    """A Socket.IO test client whose handlers run outside the test's app context."""

    def __init__(self, sock):
        self.sock = sock

    def __getattr__(self, name):
        attr = getattr(self.sock, name)
        if not callable(attr):
            return attr
        return lambda *args, **kwargs: isolated(attr, *args, **kwargs)

    def events(self, name):
        """Return the payloads of the ``name`` events received since the last call."""
        return [m["args"][0] for m in self.get_received() if m["name"] == name]


@pytest.fixture
def socket_for(app):
    """Return a factory: socket_for(api_client) opens a Socket.IO test client as that person."""
    opened = []

    def factory(api):
        sock = IsolatedSocket(isolated(socketio.test_client, app, flask_test_client=api.client))
        opened.append(sock)
        return sock

    yield factory
    for sock in opened:
        if sock.is_connected():
            sock.disconnect()


def require_service(name, check):
    """Run ``check()``; if it raises, skip the test, or fail it when CI is 'true'.

    For the services some tests need (Redis, a PostgreSQL server): a developer's machine
    may lack them, a CI run must not silently skip what it was asked to test.
    """
    try:
        return check()
    except Exception as exc:
        message = f"{name} is not reachable: {type(exc).__name__}: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(name="require_service")
def require_service_fixture():
    """Return require_service(name, check) for tests that need a service."""
    return require_service


# A database built by the migrations alone ---------------------------------------------

@pytest.fixture
def empty_database(database_url, tmp_path):
    """Return the URL of a database with no tables, on the suite's database engine."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    url = make_url(database_url)
    name = f"{url.database}_fresh_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def migrated_app(empty_database, tmp_path):
    """An app on a database built by the migrations alone, as a production install is."""
    from flask_migrate import upgrade

    app = create_app(_config(empty_database, tmp_path))
    with app.app_context():
        with warnings.catch_warnings():
            # migrations/env.py is Flask-Migrate's template: it tries the deprecated
            # get_engine() before db.engine.
            warnings.filterwarnings("ignore", "'get_engine' is deprecated",
                                    DeprecationWarning)
            upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()

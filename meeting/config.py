"""Configuration read from the environment, with safe defaults for a single server."""

import os
import secrets
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def _asset_dir(name: str) -> Path:
    """Find a top-level folder of the repository, or its copy inside an installed wheel."""
    top = ROOT / name
    return top if top.is_dir() else PACKAGE / f"_{name}"


TEMPLATE_DIR = _asset_dir("templates")
STATIC_DIR = _asset_dir("static")
MIGRATIONS_DIR = _asset_dir("migrations")


def _instance_dir() -> Path:
    path = Path(os.environ.get("MEETING_INSTANCE", ROOT / "instance"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(instance: Path) -> str:
    """Read SECRET_KEY from the environment, else from instance/, generating it once."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance / "secret_key"
    if not key_file.exists():
        # Created with owner-only permissions: the key signs every session cookie.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _database_url(instance: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{instance / 'meeting.sqlite3'}"
    # psycopg 3 is the installed driver; accept the common short forms.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    """Build the settings once per app from the environment."""

    def __init__(self, **overrides):
        instance = _instance_dir()
        self.INSTANCE_PATH = str(instance)
        self.SECRET_KEY = _secret_key(instance)
        self.SQLALCHEMY_DATABASE_URI = _database_url(instance)
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.REDIS_URL = os.environ.get("REDIS_URL") or None
        # Redis Pub/Sub ignores the database number in REDIS_URL: two installs sharing one
        # Redis would hear each other's rooms unless their channels differ.
        self.SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL") or "flask-socketio"
        # gevent serves many websockets per process; tests use threading (see docs/REALTIME.md).
        self.SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE") or None
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE") == "1"
        self.WTF_CSRF_TIME_LIMIT = None  # a meeting lasts all day; the token lives with the session
        self.BABEL_DEFAULT_LOCALE = "vi"
        self.BABEL_DEFAULT_TIMEZONE = os.environ.get("MEETING_TIMEZONE", "Asia/Ho_Chi_Minh")
        self.LANGUAGES = ["vi", "en"]
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or (
            self.REDIS_URL or "memory://"
        )
        self.LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
        # Logins from one address, whatever the account (a room's tablets may share one).
        self.LOGIN_IP_RATE_LIMIT = os.environ.get("LOGIN_IP_RATE_LIMIT", "60 per minute")
        # Quorum: at least QUORUM_NUMERATOR/QUORUM_DENOMINATOR of the body's members present.
        self.QUORUM_NUMERATOR = int(os.environ.get("QUORUM_NUMERATOR", 2))
        self.QUORUM_DENOMINATOR = int(os.environ.get("QUORUM_DENOMINATOR", 3))
        self.SPEAKER_LIMIT_SECONDS = int(os.environ.get("SPEAKER_LIMIT_SECONDS", 300))
        # Opening a vote without quorum: "refuse" it, or "warn" and record the warning.
        self.VOTE_QUORUM_POLICY = os.environ.get("VOTE_QUORUM_POLICY", "refuse")
        # Seconds between live counts of an open vote (0: after every ballot).
        self.VOTE_COUNT_INTERVAL = float(os.environ.get("VOTE_COUNT_INTERVAL", 0.2))
        self.ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Tỉnh ủy Hòa Bình")
        # IT registry report: the electronic-exchange target (% of non-secret documents) and
        # how old a unit's security check may be before it is overdue.
        self.REGISTRY_EXCHANGE_TARGET_PERCENT = float(
            os.environ.get("REGISTRY_EXCHANGE_TARGET_PERCENT", 90))
        self.REGISTRY_CHECK_MAX_AGE_DAYS = int(os.environ.get("REGISTRY_CHECK_MAX_AGE_DAYS", 365))
        # Expiry alerts by e-mail through the internal relay (no relay: no e-mail).
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
        self.MAIL_FROM = os.environ.get("MAIL_FROM", "cntt@tinhuy.local")
        self.REGISTRY_ALERT_TO = os.environ.get("REGISTRY_ALERT_TO", "")
        # Heavy work runs in `meeting worker` processes (core/queue.py); JOBS_INLINE runs it in
        # the caller instead, for tests only. LIVE_OUTBOX is set in workers that have no Redis.
        self.JOBS_INLINE = False
        # One core is left to the web process: measured on two cores, two workers grinding
        # hostile files tripled the room's p99; one left it within 1.5× (docs/BENCHMARKS.md).
        self.JOB_WORKERS = int(os.environ.get("JOB_WORKERS", max(1, (os.cpu_count() or 2) - 1)))
        self.JOB_STALE_SECONDS = int(os.environ.get("JOB_STALE_SECONDS", 60))
        self.LIVE_OUTBOX = False
        self.SANDBOX = os.environ.get("SANDBOX") or "bwrap"
        self.TESTING = False
        for key, value in overrides.items():
            setattr(self, key, value)

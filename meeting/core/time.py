"""UTC timestamps in the database; local time only when shown."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime (what the *_dt columns store)."""
    return datetime.now(UTC).replace(tzinfo=None)


def org_timezone() -> ZoneInfo:
    """The time zone where the meetings take place (MEETING_TIMEZONE, default Hà Nội time)."""
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Asia/Ho_Chi_Minh"))


def to_local(dt: datetime) -> datetime:
    """A stored naive-UTC time in the organisation's time zone (official papers, dates)."""
    return dt.replace(tzinfo=UTC).astimezone(org_timezone())


def utc_iso(dt: datetime | None) -> str | None:
    """Format a stored (naive UTC) time for JSON, marked "Z" so no reader takes it as local."""
    return dt.isoformat() + "Z" if dt else None

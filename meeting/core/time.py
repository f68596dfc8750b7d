"""UTC timestamps in the database; local time only when shown."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime (what the *_dt columns store)."""
    return datetime.now(UTC).replace(tzinfo=None)


def utc_iso(dt: datetime | None) -> str | None:
    """Format a stored (naive UTC) time for JSON, marked "Z" so no reader takes it as local."""
    return dt.isoformat() + "Z" if dt else None

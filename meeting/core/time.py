"""UTC timestamps in the database; local time only when shown."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime (what the *_dt columns store)."""
    return datetime.now(UTC).replace(tzinfo=None)

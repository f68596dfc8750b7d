"""Small helpers for JSON endpoints: reading the body, parsing values."""

from datetime import datetime

from flask import request
from flask_babel import lazy_gettext as _l
from flask_babel import to_utc

from meeting.core.errors import OperationError
from meeting.core.ids import MAX_ID


def json_body() -> dict:
    """Return the request's JSON object, or refuse with a clear message."""
    data = request.get_json(silent=True)
    # No body at all is an empty object. Not request.data: it is empty for a form body,
    # which would then pass for "no parameters" instead of being refused.
    if data is None and not request.content_length and not request.data:
        return {}
    if not isinstance(data, dict):
        raise OperationError(_l("The request body must be a JSON object."))
    return data


def parse_dt(value, label) -> datetime:
    """Parse an ISO 8601 time; a time without offset is local (the meeting's time zone)."""
    if not isinstance(value, str):
        raise OperationError(_l("%(field)s must be a date and time.", field=label))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise OperationError(_l("%(field)s must be a date and time.", field=label)) from None
    return to_utc(parsed).replace(tzinfo=None)


def optional_int(value, label):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise OperationError(_l("%(field)s must be a whole number.", field=label))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise OperationError(_l("%(field)s must be a whole number.", field=label)) from None
    # Every whole number we store fits an "integer" column; a larger one would fail there.
    if abs(number) > MAX_ID:
        raise OperationError(_l("%(field)s is out of range.", field=label))
    return number

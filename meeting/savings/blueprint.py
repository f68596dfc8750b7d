"""Pages of the savings: dashboard, documents behind a figure, settings, printed copies."""

from flask import Blueprint

bp = Blueprint("savings", __name__, url_prefix="/savings")

from meeting.savings import controllers, exports, issued  # noqa: E402,F401

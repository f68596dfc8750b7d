"""The /api/v1 blueprint; each domain adds its routes in its own api module."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from meeting.api import openapi  # noqa: E402,F401
from meeting.core import jobs_api  # noqa: E402,F401
from meeting.documents import api as documents_api  # noqa: E402,F401
from meeting.documents import notes_api  # noqa: E402,F401
from meeting.meetings import api  # noqa: E402,F401
from meeting.papers import api as papers_api  # noqa: E402,F401
from meeting.registry import api as registry_api  # noqa: E402,F401
from meeting.savings import api as savings_api  # noqa: E402,F401
from meeting.voting import api as voting_api  # noqa: E402,F401
from meeting.voting import api_reservations  # noqa: E402,F401

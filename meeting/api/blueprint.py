"""The /api/v1 blueprint; each domain adds its routes in its own api module."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from meeting.api import openapi  # noqa: E402,F401
from meeting.meetings import api  # noqa: E402,F401

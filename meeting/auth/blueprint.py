"""Routes of the auth module: log in and out, language, people (admin)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from meeting.auth import controllers  # noqa: E402,F401

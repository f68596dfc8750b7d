"""Pages of the meetings module: delegate, chair console, projector, secretariat builder."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)

from meeting.meetings import controllers, controllers_admin  # noqa: E402,F401

"""Pages of the voting module: a vote's result, its counting minutes (PDF) and CSV."""

from flask import Blueprint

bp = Blueprint("voting", __name__)

from meeting.voting import controllers, state, strings  # noqa: E402,F401

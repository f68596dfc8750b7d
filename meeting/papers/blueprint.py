"""Pages of the papers area: a meeting's papers, the minutes editor, signature verification."""

from flask import Blueprint

bp = Blueprint("papers", __name__)


@bp.record_once
def _settings(state):
    from meeting.papers.settings import init_settings

    init_settings(state.app)


from meeting.papers import controllers, controllers_minutes  # noqa: E402,F401

"""Pages people use during a meeting: my meetings, the meeting, chair console, projector."""

from flask import abort, render_template
from flask_login import current_user, login_required

from meeting.core.errors import NotFound
from meeting.meetings import state
from meeting.meetings.access import can_chair, get_visible_meeting, meetings_for
from meeting.meetings.blueprint import bp
from meeting.meetings.models import (
    ITEM_STATUSES,
    MEETING_STATUSES,
    OFFICES,
    PRESENCE_CHOICES,
    RSVP_CHOICES,
)


def _labels():
    return {"meeting_statuses": MEETING_STATUSES, "item_statuses": ITEM_STATUSES,
            "rsvp_choices": RSVP_CHOICES, "presence_choices": PRESENCE_CHOICES,
            "offices": OFFICES}


def _visible(meeting_id):
    try:
        return get_visible_meeting(current_user, meeting_id)
    except NotFound:
        abort(404)


@bp.route("/meetings")
@login_required
def my_meetings():
    """List my meetings: upcoming and in session first, then the past."""
    meetings = meetings_for(current_user)
    active = [m for m in meetings if m.status in ("draft", "published", "in_session")]
    past = [m for m in meetings if m.status in ("closed", "archived")]
    return render_template("meetings/my_meetings.html", active=sorted(
        active, key=lambda m: m.start_dt), past=past, **_labels())


@bp.route("/meetings/<int:meeting_id>")
@login_required
def view_meeting(meeting_id):
    """The delegate's meeting screen: answer, check in, follow the agenda, ask to speak."""
    meeting = _visible(meeting_id)
    snap = state.snapshot(meeting, current_user)
    return render_template("meetings/meeting.html", meeting=meeting, snap=snap, **_labels())


@bp.route("/meetings/<int:meeting_id>/chair")
@login_required
def chair_console(meeting_id):
    """The chair's console: agenda control, attendance and quorum, speakers."""
    meeting = _visible(meeting_id)
    if not can_chair(current_user, meeting):
        abort(403)
    snap = state.snapshot(meeting, current_user)
    return render_template("meetings/chair.html", meeting=meeting, snap=snap, **_labels())


@bp.route("/meetings/<int:meeting_id>/projector")
@login_required
def projector(meeting_id):
    """The room's big screen: current item, current speaker and the timer."""
    meeting = _visible(meeting_id)
    snap = state.snapshot(meeting, current_user)
    return render_template("meetings/projector.html", meeting=meeting, snap=snap, **_labels())

"""The minutes editor: the secretariat writes, the chair approves and so locks them."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meeting.core.web import try_operation
from meeting.meetings.models import MEETING_STATUSES
from meeting.papers import minutes as ops
from meeting.papers.blueprint import bp
from meeting.papers.content import minutes_of, speakers_by_item, votes_by_item
from meeting.papers.controllers import _meeting
from meeting.papers.models import MINUTES_STATES


@bp.route("/meetings/<int:meeting_id>/minutes", methods=["GET", "POST"])
@login_required
def edit_minutes(meeting_id):
    meeting = _meeting(meeting_id, drafting=True)
    if request.method == "POST":
        if not current_user.is_secretariat:
            abort(403)
        notes = {key.removeprefix("note-"): value for key, value in request.form.items()
                 if key.startswith("note-")}
        _result, ok = try_operation(lambda: ops.save_minutes(
            current_user, meeting, opening=request.form.get("opening", ""),
            conclusions=request.form.get("conclusions", ""),
            secretary_name=request.form.get("secretary_name", ""), notes=notes),
            _("The minutes are saved."))
        if ok:
            return redirect(url_for("papers.edit_minutes", meeting_id=meeting.id))
    minutes = minutes_of(meeting)
    return render_template(
        "papers/page_minutes.html", meeting=meeting, minutes=minutes,
        form=request.form if request.method == "POST" else None,
        speakers=speakers_by_item(meeting), votes=votes_by_item(meeting),
        minutes_states=MINUTES_STATES, meeting_statuses=MEETING_STATUSES,
        can_approve=ops.can_approve(current_user, meeting),
        can_edit=current_user.is_secretariat and not (minutes and minutes.is_locked))


@bp.post("/meetings/<int:meeting_id>/minutes/approve")
@login_required
def approve_minutes(meeting_id):
    meeting = _meeting(meeting_id)
    try_operation(lambda: ops.approve_minutes(current_user, meeting),
                  _("The minutes are approved and locked."))
    return redirect(url_for("papers.edit_minutes", meeting_id=meeting.id))

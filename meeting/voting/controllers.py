"""Pages of a counted vote: the result with its receipt check, the minutes PDF, the CSV."""

import csv
import io

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from meeting.core.errors import NotFound
from meeting.core.web import try_operation
from meeting.extensions import db
from meeting.meetings.access import can_chair, get_visible_meeting, is_member
from meeting.voting import ballots, counting, explain, minutes, reservations, state
from meeting.voting.blueprint import bp
from meeting.voting.models import POLL_KINDS, POLL_STATES, PollBallot
from meeting.voting.operations import get_poll


def _counted_poll(meeting_id, poll_id):
    """A counted vote, for whoever chairs the meeting or is a member of its body."""
    try:
        meeting = get_visible_meeting(current_user, meeting_id)
        poll = get_poll(meeting, poll_id)
    except NotFound:
        abort(404)
    if not (can_chair(current_user, meeting) or is_member(current_user, meeting)):
        abort(403)
    if poll.state not in ("closed", "published"):
        abort(404)
    return poll


@bp.route("/meetings/<int:meeting_id>/polls/<int:poll_id>", methods=["GET", "POST"])
@login_required
def poll_result(meeting_id, poll_id):
    """The result in words, the figures, and a voter's check of their receipt."""
    poll = _counted_poll(meeting_id, poll_id)
    checked = None
    if request.method == "POST" and poll.is_secret:
        code = (request.form.get("receipt") or "")[:40]
        found = db.session.scalar(select(PollBallot.id).where(
            PollBallot.poll_id == poll.id, PollBallot.receipt_hash == ballots.receipt_hash(code)))
        checked = {"code": code, "found": bool(code) and found is not None}
    return _result_page(poll, checked=checked)


def _result_page(poll, checked=None, typed=None, status=200):
    """The result page; after a refused reservation, with what was typed (``typed``)."""
    rows = reservations.reservations_of(poll)
    mine = next((r for r in rows if r.user_id == current_user.id), None)
    return render_template("voting/result.html", poll=poll, data=state.poll_data(poll),
                           lines=explain.explain(poll), checked=checked,
                           kinds=POLL_KINDS, states=POLL_STATES,
                           can_chair=can_chair(current_user, poll.meeting),
                           reservations=rows, mine=mine,
                           typed=typed if typed is not None else (mine.text if mine else ""),
                           can_reserve=reservations.can_reserve(current_user, poll),
                           max_reservation=reservations.MAX_TEXT,
                           refused=typed is not None), status


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/reservation")
@login_required
def reserve(meeting_id, poll_id):
    """Record, replace or withdraw one's reservation of opinion (the result page's form).

    A refusal shows the page again with the reason and what was typed, so nothing is lost.
    """
    poll = _counted_poll(meeting_id, poll_id)
    text = request.form.get("text")
    if request.form.get("action") == "withdraw":
        _row, done = try_operation(lambda: reservations.withdraw_reservation(current_user, poll),
                                   _("Your reservation is withdrawn."))
    else:
        _row, done = try_operation(lambda: reservations.record_reservation(
            current_user, poll, text), _("Your reservation is recorded for the minutes."))
    if not done:
        return _result_page(poll, typed=text, status=409)
    return redirect(url_for("voting.poll_result", meeting_id=meeting_id, poll_id=poll_id)
                    + "#reservations-h")


@bp.route("/meetings/<int:meeting_id>/polls/<int:poll_id>/minutes.pdf")
@login_required
def minutes_pdf(meeting_id, poll_id):
    """The counting minutes (biên bản kiểm phiếu) in the Party layout."""
    poll = _counted_poll(meeting_id, poll_id)
    pdf = minutes.render(poll)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="bien-ban-kiem-phieu-{poll.id}.pdf"'})


@bp.post("/meetings/<int:meeting_id>/polls/<int:poll_id>/minutes")
@login_required
def issue_minutes(meeting_id, poll_id):
    """Issue the counting minutes as a numbered paper of the meeting (secretariat only)."""
    poll = _counted_poll(meeting_id, poll_id)
    _paper, done = try_operation(lambda: minutes.issue_counting_minutes(current_user, poll),
                                 _("The counting minutes are issued as an official paper."))
    if done:
        return redirect(url_for("papers.meeting_papers", meeting_id=meeting_id))
    return redirect(url_for("voting.poll_result", meeting_id=meeting_id, poll_id=poll_id))


@bp.route("/meetings/<int:meeting_id>/polls/<int:poll_id>/export.csv")
@login_required
def export_csv(meeting_id, poll_id):
    """The tally as CSV; a named vote also lists who voted what, a secret one never."""
    poll = _counted_poll(meeting_id, poll_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Vote"), poll.title])
    writer.writerow([_("Kind"), str(POLL_KINDS[poll.kind])])
    writer.writerow([_("Secret ballot"), _("yes") if poll.is_secret else _("no")])
    writer.writerow([_("Members"), poll.members_total])
    writer.writerow([_("Present"), poll.present_count])
    writer.writerow([_("Ballots"), poll.result["ballots"]])
    writer.writerow([_("Valid"), poll.result["valid"]])
    writer.writerow([_("Invalid"), poll.result["invalid"]])
    writer.writerow([_("SHA-256"), poll.ballots_sha256])
    writer.writerow([])
    for row in minutes.tally_rows(poll):
        writer.writerow(row)
    writer.writerow([])
    for line in explain.explain(poll):
        writer.writerow([line])
    if not poll.is_secret and poll.kind != "hands":
        writer.writerow([])
        writer.writerow([_("Member"), _("Choice")])
        for voter in sorted(state.breakdown(poll)["voters"], key=lambda v: v["name"]):
            writer.writerow([voter["name"], minutes.choice_words(poll, voter["choice"])])
    verify = counting.verify(poll)
    writer.writerow([])
    writer.writerow([_("Recount matches"), _("yes") if verify["ok"] else _("no")])
    # A BOM so that spreadsheet programs read the Vietnamese letters as UTF-8.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="kiem-phieu-{poll.id}.csv"'})

"""Pages: a meeting's papers (draft, issue, sign, download) and signature verification."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meeting.core.errors import NotFound, OperationError
from meeting.core.web import try_operation
from meeting.extensions import db, limiter
from meeting.meetings.access import can_chair, get_visible_meeting
from meeting.meetings.models import MEETING_STATUSES
from meeting.papers import jobs, sign_ops, verify
from meeting.papers.access import drafting_meeting, visible_paper
from meeting.papers.blueprint import bp
from meeting.papers.content import minutes_of
from meeting.papers.issue import build_html, check_kind, papers_of
from meeting.papers.models import JOB_STATES, MINUTES_STATES, PAPER_KINDS
from meeting.papers.signing import MAX_KEY_FILE
from meeting.papers.views import paper_json


def _meeting(meeting_id, drafting=False):
    try:
        if drafting:
            return drafting_meeting(current_user, meeting_id)
        return get_visible_meeting(current_user, meeting_id)
    except NotFound:
        abort(404)


@bp.route("/meetings/<int:meeting_id>/papers")
@login_required
def meeting_papers(meeting_id):
    """The meeting's papers: drafts to review, issue buttons, issued and signed files."""
    meeting = _meeting(meeting_id)
    papers = papers_of(meeting)
    return render_template(
        "papers/page_papers.html", meeting=meeting, kinds=PAPER_KINDS,
        papers=[(p, paper_json(p)) for p in papers], minutes=minutes_of(meeting),
        jobs=jobs.recent_jobs(meeting) if current_user.is_secretariat else [],
        job_states=JOB_STATES, minutes_states=MINUTES_STATES,
        meeting_statuses=MEETING_STATUSES, can_draft=can_chair(current_user, meeting),
        can_sign={p.id: sign_ops.can_sign(current_user, p) for p in papers})


@bp.route("/meetings/<int:meeting_id>/papers/<kind>/preview")
@login_required
def preview_paper(meeting_id, kind):
    """The draft paper as a web page (the PDF is the same layout, see the API)."""
    meeting = _meeting(meeting_id, drafting=True)
    try:
        check_kind(kind)
    except NotFound:
        abort(404)
    return build_html(meeting, kind)


@bp.post("/meetings/<int:meeting_id>/papers/<kind>")
@login_required
def issue_paper(meeting_id, kind):
    meeting = _meeting(meeting_id)
    try_operation(lambda: jobs.request_paper(current_user, meeting, kind),
                  _("The paper is being built; this page shows when it is ready."))
    return redirect(url_for("papers.meeting_papers", meeting_id=meeting.id))


@bp.post("/papers/<int:paper_id>/sign")
@login_required
def sign_paper(paper_id):
    try:
        paper = visible_paper(current_user, paper_id)
    except NotFound:
        abort(404)
    upload = request.files.get("p12")
    if upload is not None and upload.filename:
        action = lambda: sign_ops.sign_paper(current_user, paper, p12=upload.read(MAX_KEY_FILE),  # noqa: E731
                                             password=request.form.get("password", ""))
    else:
        action = lambda: sign_ops.sign_paper(current_user, paper)  # noqa: E731
    try_operation(action, _("The paper is signed."))
    return redirect(url_for("papers.meeting_papers", meeting_id=paper.meeting_id))


@bp.route("/papers/verify", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def verify_page():
    """Anyone may check a signed PDF: no login needed, nothing is stored."""
    result, error = None, None
    upload = request.files.get("file")
    if request.method == "POST":
        if upload is None or not upload.filename:
            error = _("Choose a PDF file to verify.")
        else:
            try:
                result = verify.verify_pdf(upload.read(verify.MAX_UPLOAD + 1))
            except OperationError as exc:
                db.session.rollback()
                error = str(exc.message)
    return render_template("papers/page_verify.html", result=result, error=error,
                           filename=upload.filename if upload else None)

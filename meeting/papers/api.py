"""JSON endpoints for official papers, minutes and signatures.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body
from meeting.core.errors import OperationError
from meeting.extensions import limiter
from meeting.meetings.access import get_visible_meeting
from meeting.papers import jobs, minutes, schemas, sign_ops, verify  # noqa: F401
from meeting.papers.access import drafting_meeting, visible_paper
from meeting.papers.content import minutes_of
from meeting.papers.issue import build_pdf, check_kind, papers_of
from meeting.papers.signing import MAX_KEY_FILE
from meeting.papers.views import minutes_json, paper_json, pdf_response


@bp.get("/meetings/<int:meeting_id>/papers")
@login_required
def list_papers(meeting_id):
    """List the papers issued for a meeting and its recent builds.
    ---
    get:
      tags: [papers]
      parameters: [meeting_id]
      responses:
        200: Papers
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    body = {"papers": [paper_json(p) for p in papers_of(meeting)]}
    if current_user.is_secretariat:
        body["jobs"] = [j.as_json() for j in jobs.jobs_of(meeting)]
    return jsonify(body)


@bp.get("/meetings/<int:meeting_id>/papers/<kind>/draft")
@login_required
def draft_paper(meeting_id, kind):
    """A draft (unnumbered) PDF of a paper, for review by the secretariat or the chair.
    ---
    get:
      tags: [papers]
      parameters: [meeting_id, kind]
      responses:
        200: {description: PDF, content: {application/pdf: {}}}
        404: Error
    """
    meeting = drafting_meeting(current_user, meeting_id)
    return pdf_response(build_pdf(meeting, check_kind(kind)), f"{kind}-draft.pdf")


@bp.post("/meetings/<int:meeting_id>/papers/<kind>")
@login_required
def issue_paper(meeting_id, kind):
    """Issue a paper: number it and build it in the background; poll the returned job.
    ---
    post:
      tags: [papers]
      parameters: [meeting_id, kind]
      responses:
        202: Job
        409: Error
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    job = jobs.request_paper(current_user, meeting, kind)
    return jsonify(job.as_json()), 202


@bp.get("/meetings/<int:meeting_id>/paper-jobs/<int:job_id>")
@login_required
def paper_job(meeting_id, job_id):
    """The state of a paper build: queued, running, done or failed.
    ---
    get:
      tags: [papers]
      parameters: [meeting_id, job_id]
      responses:
        200: Job
        404: Error
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    return jsonify(jobs.get_job(meeting, job_id).as_json())


@bp.get("/papers/<int:paper_id>")
@login_required
def get_paper(paper_id):
    """An issued paper's record.
    ---
    get:
      tags: [papers]
      parameters: [paper_id]
      responses:
        200: Paper
        404: Error
    """
    return jsonify(paper_json(visible_paper(current_user, paper_id)))


@bp.get("/papers/<int:paper_id>/pdf")
@login_required
def paper_pdf(paper_id):
    """Download an issued paper (the signed copy when there is one; ?signed=0 for the other).
    ---
    get:
      tags: [papers]
      parameters: [paper_id]
      responses:
        200: {description: PDF, content: {application/pdf: {}}}
        404: Error
    """
    paper = visible_paper(current_user, paper_id)
    signed = request.args.get("signed") != "0"
    data = sign_ops.paper_file(paper, signed)
    suffix = "-signed" if paper.is_signed and signed else ""
    return pdf_response(data, f"{paper.kind}-{paper.number}{suffix}.pdf")


@bp.post("/papers/<int:paper_id>/sign")
@login_required
def sign_paper(paper_id):
    """Sign an issued paper: JSON {} uses the organisation's key; a multipart form with
    ``p12`` (file) and ``password`` uses the signer's own key.
    ---
    post:
      tags: [signing]
      parameters: [paper_id]
      responses:
        200: Paper
        409: Error
    """
    paper = visible_paper(current_user, paper_id)
    upload = request.files.get("p12")
    if upload is not None:
        sign_ops.sign_paper(current_user, paper, p12=upload.read(MAX_KEY_FILE),
                            password=request.form.get("password", ""))
    else:
        json_body()
        sign_ops.sign_paper(current_user, paper)
    return jsonify(paper_json(paper))


@bp.post("/papers/verify")
@limiter.limit("30 per minute")
def verify_signature():
    """Verify a signed PDF (multipart ``file``): who signed, whether the certificate was
    valid then, whether the file changed since. Open to anyone.
    ---
    post:
      tags: [signing]
      responses:
        200: Verification
        400: Error
    """
    upload = request.files.get("file")
    if upload is None:
        raise OperationError(_l("Choose a PDF file to verify."))
    return jsonify(verify.verify_pdf(upload.read(verify.MAX_UPLOAD + 1)))


@bp.get("/meetings/<int:meeting_id>/minutes")
@login_required
def get_minutes(meeting_id):
    """The minutes as written so far, with what the data fills in.
    ---
    get:
      tags: [minutes]
      parameters: [meeting_id]
      responses:
        200: Minutes
    """
    meeting = drafting_meeting(current_user, meeting_id)
    return jsonify(minutes_json(meeting, minutes_of(meeting)))


@bp.put("/meetings/<int:meeting_id>/minutes")
@login_required
def save_minutes(meeting_id):
    """Save the minutes: any of opening, conclusions, secretary_name, notes {item_id: text}.
    ---
    put:
      tags: [minutes]
      parameters: [meeting_id]
      responses:
        200: Minutes
        409: Error
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    data = json_body()
    saved = minutes.save_minutes(
        current_user, meeting, opening=data.get("opening"),
        conclusions=data.get("conclusions"), secretary_name=data.get("secretary_name"),
        notes=data.get("notes"))
    return jsonify(minutes_json(meeting, saved))


@bp.post("/meetings/<int:meeting_id>/minutes/approve")
@login_required
def approve_minutes(meeting_id):
    """The chair approves the minutes; they are locked from then on.
    ---
    post:
      tags: [minutes]
      parameters: [meeting_id]
      responses:
        200: Minutes
        409: Error
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    return jsonify(minutes_json(meeting, minutes.approve_minutes(current_user, meeting)))

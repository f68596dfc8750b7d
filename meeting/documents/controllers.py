"""Secretariat pages for papers (upload, details, publish, versions, receipts) and search."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user, login_required
from sqlalchemy import select

from meeting.auth.models import User
from meeting.core.errors import NotFound, OperationError
from meeting.core.jobs import get_job
from meeting.core.web import try_operation
from meeting.documents import operations
from meeting.documents.access import audience_ids, documents_for, visible_document
from meeting.documents.blueprint import bp
from meeting.documents.convert import soffice_path
from meeting.documents.forms_api import upload_fields
from meeting.documents.models import CLASSIFICATIONS, DOCUMENT_STATUSES, KINDS
from meeting.documents.receipts import receipt_rows
from meeting.documents.search import search
from meeting.documents.uploads import discard_on_refusal, form_values, receive
from meeting.documents.validate import setting
from meeting.extensions import db
from meeting.meetings.access import get_visible_meeting


def _labels():
    return {"kinds": KINDS, "classifications": CLASSIFICATIONS, "statuses": DOCUMENT_STATUSES,
            "max_mb": setting("DOCUMENT_MAX_BYTES") // (1024 * 1024),
            "can_convert": soffice_path() is not None, "has_endpoint": _has_endpoint,
            "local": lambda dt: to_user_timezone(dt) if dt else None}


def _has_endpoint(name: str) -> bool:
    return name in current_app.view_functions


def _secretariat_meeting(meeting_id):
    if not current_user.is_secretariat:
        abort(404)
    try:
        return get_visible_meeting(current_user, meeting_id)
    except NotFound:
        abort(404)


def _document(document_id, secretariat=True):
    if secretariat and not current_user.is_secretariat:
        abort(404)
    try:
        return visible_document(current_user, document_id)
    except NotFound:
        abort(404)


def _people():
    return list(db.session.scalars(select(User).where(User.is_enabled)
                                   .order_by(User.full_name)))


def _queue_upload(queue):
    """Receive the form's file and hand it to ``queue(upload)``; refusals become messages.

    Return the job, or None when the request was refused (the reason is flashed).
    """
    try:
        upload = receive()
        with discard_on_refusal(upload):
            return queue(upload)
    except OperationError as exc:
        flash(str(exc.message), "error")
        return None


def _after_upload(job, back_url: str):
    """Where the browser goes once the file is queued: the paper, the reason, or the wait."""
    if job is None:
        return None
    if job.state == "done":  # checked already (tests run jobs inline)
        flash(_("The paper was saved."), "ok")
        return redirect(url_for("documents.edit", document_id=job.result["document_id"]))
    if job.state == "failed":
        flash(job.message, "error")
        return redirect(back_url)
    return redirect(f"{back_url}?job={job.id}")


@bp.route("/meetings/<int:meeting_id>/documents", methods=["GET", "POST"])
@login_required
def manage(meeting_id):
    """The meeting's papers: upload, publish, open each one's details (secretariat)."""
    meeting = _secretariat_meeting(meeting_id)
    back = url_for("documents.manage", meeting_id=meeting.id)
    if request.method == "POST":
        job = _queue_upload(lambda upload: operations.queue_upload(
            current_user, meeting, upload, **upload_fields()))
        if job is not None:
            return _after_upload(job, back)
    job = get_job(current_user, request.args.get("job", type=int))
    return render_template("documents/manage.html", meeting=meeting, people=_people(),
                           documents=documents_for(current_user, meeting), job=job,
                           **_labels())


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit(document_id):
    """A paper's details and recipients, its versions, publish and withdraw (secretariat)."""
    doc = _document(document_id)
    if request.method == "POST":
        form = form_values()
        fields = upload_fields()
        if not form.get("title"):
            fields.pop("title")
        try_operation(lambda: operations.update_document(current_user, doc, **fields),
                      _("The changes were saved."))
        return redirect(url_for("documents.edit", document_id=doc.id))
    return render_template("documents/edit.html", doc=doc, meeting=doc.meeting,
                           people=_people(), recipient_ids={r.user_id for r in doc.recipients},
                           job=get_job(current_user, request.args.get("job", type=int)),
                           **_labels())


@bp.post("/documents/<int:document_id>/versions/new")
@login_required
def new_version(document_id):
    doc = _document(document_id)
    back = url_for("documents.edit", document_id=doc.id)
    job = _queue_upload(lambda upload: operations.queue_new_version(
        current_user, doc, upload, change_note=str(form_values().get("change_note") or "")))
    return _after_upload(job, back) or redirect(back)


@bp.post("/documents/<int:document_id>/status")
@login_required
def change_status(document_id):
    doc = _document(document_id)
    target = request.form.get("status")
    if target == "published":
        try_operation(lambda: operations.publish_document(current_user, doc),
                      _("The paper was published to the tablets."))
    elif target == "unpublished":
        try_operation(lambda: operations.unpublish_document(current_user, doc),
                      _("The paper was withdrawn from the tablets."))
    else:
        abort(400)
    return redirect(request.referrer or url_for("documents.edit", document_id=doc.id))


@bp.post("/documents/<int:document_id>/delete")
@login_required
def delete(document_id):
    doc = _document(document_id)
    meeting_id = doc.meeting_id
    _result, ok = try_operation(lambda: operations.delete_document(current_user, doc),
                          _("The paper was deleted."))
    if not ok:
        return redirect(url_for("documents.edit", document_id=document_id))
    return redirect(url_for("documents.manage", meeting_id=meeting_id))


@bp.get("/documents/<int:document_id>/receipts")
@login_required
def receipts(document_id):
    """Who opened the paper, when, and how many pages they viewed (secretariat)."""
    doc = _document(document_id)
    rows = receipt_rows(doc, as_text=False)
    return render_template("documents/receipts.html", doc=doc, meeting=doc.meeting, rows=rows,
                           audience=len(audience_ids(doc)),
                           opened=sum(1 for r in rows if r["opened"]), **_labels())


@bp.get("/documents/search")
@login_required
def search_page():
    """Search the papers I may see; "hoi nghi" finds "hội nghị"."""
    query = str(request.args.get("q") or "")[:200]
    results = search(current_user, query) if query.strip() else []
    return render_template("documents/search.html", query=query, results=results,
                           **_labels())

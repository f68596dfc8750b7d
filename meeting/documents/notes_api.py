"""JSON endpoints for one's notes on papers: annotations, comments on drafts, export.

Each docstring's YAML after ``---`` is read into the OpenAPI document. Every route
looks the paper up through ``visible_document``: a paper not given to the caller is 404.
"""

from datetime import timedelta

from flask import Response, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import OperationError
from meeting.core.time import utcnow
from meeting.documents import (
    notes,
    notes_export,
    notes_openapi,  # noqa: F401  (the schemas these routes name)
    notes_presenter,
)
from meeting.documents.access import can_download, documents_for, visible_document
from meeting.meetings.access import get_visible_meeting, meetings_for


def _doc(document_id):
    return visible_document(current_user, document_id)


def _int(data, key, label, required=False):
    value = optional_int(data.get(key), label)
    if required and value is None:
        raise OperationError(_l("%(field)s is missing.", field=label))
    return value


@bp.get("/documents/<int:document_id>/annotations")
@login_required
def list_annotations(document_id):
    """List my marks on a paper, placed on its current version's pages.
    ---
    get:
      tags: [notes]
      parameters: [document_id]
      responses:
        200: AnnotationList
    """
    return jsonify(annotations=notes.annotations_for(current_user, _doc(document_id)))


@bp.post("/documents/<int:document_id>/annotations")
@login_required
def create_annotation(document_id):
    """Add a highlight, a drawing or a note to a page.
    ---
    post:
      tags: [notes]
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: AnnotationInput}}}
      responses:
        201: Annotation
        409: Error
    """
    doc, data = _doc(document_id), json_body()
    note = notes.create_annotation(
        current_user, doc, _int(data, "page_number", _l("Page"), required=True),
        data.get("kind"), data.get("data"), data.get("text", ""),
        version=_int(data, "version", _l("Version")))
    return jsonify(note.as_dict() | {"stale": False, "made_on_page": note.page_number}), 201


@bp.patch("/documents/<int:document_id>/annotations/<int:annotation_id>")
@login_required
def update_annotation(document_id, annotation_id):
    """Change the shape or the words of one of my marks.
    ---
    patch:
      tags: [notes]
      parameters: [document_id, annotation_id]
      requestBody: {content: {application/json: {schema: {type: object,
        properties: {data: {type: object}, text: {type: string}}}}}}
      responses:
        200: Annotation
    """
    data = json_body()
    note = notes.update_annotation(current_user, _doc(document_id), annotation_id,
                                   data=data.get("data"), text=data.get("text"))
    return jsonify(note.as_dict())


@bp.delete("/documents/<int:document_id>/annotations/<int:annotation_id>")
@login_required
def delete_annotation(document_id, annotation_id):
    """Remove one of my marks.
    ---
    delete:
      tags: [notes]
      parameters: [document_id, annotation_id]
      responses:
        204: {description: Removed}
    """
    notes.delete_annotation(current_user, _doc(document_id), annotation_id)
    return "", 204


def _comment_list(doc):
    return jsonify(comments_open=doc.comments_open(utcnow()),
                   comments=[c.as_dict() for c in notes.comments_for(current_user, doc)])


@bp.get("/documents/<int:document_id>/comments")
@login_required
def list_comments(document_id):
    """List my comments on a draft (the secretariat: everyone's).
    ---
    get:
      tags: [comments]
      parameters: [document_id]
      responses:
        200: CommentList
    """
    return _comment_list(_doc(document_id))


@bp.post("/documents/<int:document_id>/comments")
@login_required
def add_comment(document_id):
    """Comment on a draft, on a page and passage, before the deadline.
    ---
    post:
      tags: [comments]
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: CommentInput}}}
      responses:
        201: Comment
        409: Error
    """
    doc, data = _doc(document_id), json_body()
    comment = notes.add_comment(current_user, doc, data.get("text"),
                                page_number=_int(data, "page_number", _l("Page")),
                                quote=data.get("quote", ""),
                                version=_int(data, "version", _l("Version")))
    return jsonify(comment.as_dict()), 201


@bp.patch("/documents/<int:document_id>/comments/<int:comment_id>")
@login_required
def edit_comment(document_id, comment_id):
    """Change my comment while the draft is open for comments.
    ---
    patch:
      tags: [comments]
      parameters: [document_id, comment_id]
      requestBody: {content: {application/json: {schema: {type: object,
        properties: {text: {type: string}, quote: {type: string}}}}}}
      responses:
        200: Comment
        409: Error
    """
    data = json_body()
    comment = notes.edit_comment(current_user, _doc(document_id), comment_id,
                                 text=data.get("text"), quote=data.get("quote"))
    return jsonify(comment.as_dict())


@bp.post("/documents/<int:document_id>/comments/<int:comment_id>/withdraw")
@login_required
def withdraw_comment(document_id, comment_id):
    """Withdraw my comment while the draft is open for comments.
    ---
    post:
      tags: [comments]
      parameters: [document_id, comment_id]
      responses:
        200: Comment
        409: Error
    """
    comment = notes.withdraw_comment(current_user, _doc(document_id), comment_id)
    return jsonify(comment.as_dict())


@bp.post("/documents/<int:document_id>/presenter")
@login_required
def present_page(document_id):
    """Tell everyone given the paper which page I present now (chair or secretariat).
    ---
    post:
      tags: [notes]
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: {type: object,
        required: [page_number], properties: {page_number: {type: integer}}}}}}
      responses:
        200: PresenterPage
    """
    doc = _doc(document_id)  # access first: an outsider learns nothing from a 400
    page = _int(json_body(), "page_number", _l("Page"), required=True)
    return jsonify(notes_presenter.present_page(current_user, doc, page))


@bp.get("/me/notes")
@login_required
def export_my_notes():
    """Export my marks and comments: JSON, CSV or PDF (``format``), one meeting or all.
    ---
    get:
      tags: [notes]
      parameters:
        - {name: format, in: query, schema: {type: string, enum: [json, csv, pdf]}}
        - {name: meeting_id, in: query, schema: {type: integer}}
      responses:
        200: MyNotes
    """
    meeting_id = optional_int(request.args.get("meeting_id"), _l("Meeting"))
    papers = notes_export.my_notes(current_user, meeting_id)
    fmt = request.args.get("format", "json")
    if fmt == "csv":
        return Response(notes_export.to_csv(notes_export.rows(papers)),
                        mimetype="text/csv", headers={
                            "Content-Disposition": "attachment; filename=ghi-chu.csv"})
    if fmt == "pdf":
        return Response(notes_export.to_pdf(current_user, papers), mimetype="application/pdf",
                        headers={"Content-Disposition": "attachment; filename=ghi-chu.pdf"})
    if fmt != "json":
        raise OperationError(_l("Unknown export format."))
    return jsonify(papers=papers)


# A tablet keeps the papers of meetings that are published or in session and start within
# this time; closing a meeting takes its papers off the list (and so out of the cache).
OFFLINE_AHEAD = timedelta(days=14)


@bp.get("/me/offline-documents")
@login_required
def offline_documents():
    """List the papers my tablet may keep for offline reading (never classified ones).
    ---
    get:
      tags: [notes]
      responses:
        200: OfflineList
    """
    horizon = utcnow() + OFFLINE_AHEAD
    listed = []
    for meeting in meetings_for(current_user):
        if meeting.status not in ("published", "in_session") or meeting.start_dt > horizon:
            continue
        for doc in documents_for(current_user, meeting):
            version = doc.current_version
            if doc.is_classified or version is None:
                continue
            listed.append({"id": doc.id, "version": version.number, "title": doc.title,
                           "meeting_id": meeting.id,
                           "can_download": can_download(current_user, doc)})
    return jsonify(documents=listed)


@bp.get("/meetings/<int:meeting_id>/comments")
@login_required
def meeting_comments(meeting_id):
    """Every active comment on the meeting's drafts, by paper (secretariat).
    ---
    get:
      tags: [comments]
      parameters: [meeting_id]
      responses:
        200: {description: Comments grouped by paper}
    """
    from meeting.documents.notes_summary import summary

    meeting = get_visible_meeting(current_user, meeting_id)
    papers = summary(current_user, meeting)
    return jsonify(papers=[{k: v for k, v in p.items() if k != "deadline"} for p in papers])


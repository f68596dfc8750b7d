"""JSON endpoints for papers: lists, upload, details, publishing, versions.

Every route looks the paper up through ``visible_document``: a paper not given to the
caller is a 404, whatever the route. Each docstring's YAML is read into the OpenAPI
document (schemas in api_schemas.py); reading routes are in api_reading.py.
"""

from flask import jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import NotFound
from meeting.documents import operations
from meeting.documents.access import documents_for, visible_document
from meeting.documents.forms_api import document_changes, upload_fields
from meeting.documents.models import DocumentVersion
from meeting.documents.serialize import document_data, documents_data
from meeting.documents.uploads import discard_on_refusal, form_values, receive
from meeting.extensions import db
from meeting.meetings.access import get_visible_meeting, require_secretariat


def _doc(document_id):
    return visible_document(current_user, document_id)


def _version(doc):
    """The version named by ``?v=`` (an old URL keeps working), else the current one.

    One query with its file: the reader asks for a range of the file many times.
    """
    number = optional_int(request.args.get("v"), "v")
    query = (select(DocumentVersion).options(joinedload(DocumentVersion.file))
             .where(DocumentVersion.document_id == doc.id))
    query = (query.where(DocumentVersion.number == number) if number is not None
             else query.order_by(DocumentVersion.number.desc()).limit(1))
    version = db.session.scalar(query)
    if version is None:
        raise NotFound()
    return version


@bp.get("/meetings/<int:meeting_id>/documents")
@login_required
def list_documents(meeting_id):
    """List the meeting's papers I may see (the secretariat: all, drafts included).
    ---
    get:
      tags: [documents]
      parameters: [meeting_id]
      responses:
        200: DocumentList
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    return jsonify(documents=documents_data(documents_for(current_user, meeting), current_user))


@bp.post("/meetings/<int:meeting_id>/documents")
@login_required
def upload_document(meeting_id):
    """Upload a paper (PDF, Word, Excel, OpenDocument) to the meeting, unpublished.

    The file is checked by a worker: the reply is the job, which ends with the paper's id
    (``result.document_id``) or the reason the file was refused (``message``). Follow it at
    ``GET /api/v1/jobs/{id}`` or by the ``job.changed`` event.
    ---
    post:
      tags: [documents]
      parameters: [meeting_id]
      requestBody: {content: {multipart/form-data: {schema: DocumentUpload}}}
      responses:
        202: Job
        413: Error
    """
    meeting = get_visible_meeting(current_user, meeting_id)
    require_secretariat(current_user)
    upload = receive()
    with discard_on_refusal(upload):
        job = operations.queue_upload(current_user, meeting, upload, **upload_fields())
    return jsonify(job.as_json()), 202


@bp.get("/documents/<int:document_id>")
@login_required
def get_document(document_id):
    """Return one paper with its pages' fingerprints.
    ---
    get:
      tags: [documents]
      parameters: [document_id]
      responses:
        200: Document
    """
    doc = _doc(document_id)
    version = doc.current_version
    return jsonify(document_data(doc, current_user) | {
        "pages": [{"number": p.number, "digest": p.digest} for p in version.pages]})


@bp.patch("/documents/<int:document_id>")
@login_required
def update_document(document_id):
    """Change a paper's details or recipients (secretariat).
    ---
    patch:
      tags: [documents]
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: DocumentInput}}}
      responses:
        200: Document
    """
    doc = _doc(document_id)
    operations.update_document(current_user, doc, **document_changes(json_body()))
    return jsonify(document_data(doc, current_user))


@bp.delete("/documents/<int:document_id>")
@login_required
def delete_document(document_id):
    """Delete a paper that was never published (secretariat).
    ---
    delete:
      tags: [documents]
      parameters: [document_id]
      responses:
        204: {description: Deleted}
        409: Error
    """
    operations.delete_document(current_user, _doc(document_id))
    return "", 204


@bp.post("/documents/<int:document_id>/publish")
@login_required
def publish_document(document_id):
    """Publish a paper to its recipients (secretariat).
    ---
    post:
      tags: [documents]
      parameters: [document_id]
      responses:
        200: Document
        409: Error
    """
    doc = operations.publish_document(current_user, _doc(document_id))
    return jsonify(document_data(doc, current_user))


@bp.post("/documents/<int:document_id>/unpublish")
@login_required
def unpublish_document(document_id):
    """Withdraw a published paper from the tablets (secretariat).
    ---
    post:
      tags: [documents]
      parameters: [document_id]
      responses:
        200: Document
        409: Error
    """
    doc = operations.unpublish_document(current_user, _doc(document_id))
    return jsonify(document_data(doc, current_user))


@bp.post("/documents/<int:document_id>/versions")
@login_required
def add_version(document_id):
    """Upload a new version of a paper; it shows as updated once checked (secretariat).
    ---
    post:
      tags: [documents]
      parameters: [document_id]
      requestBody: {content: {multipart/form-data: {schema: DocumentUpload}}}
      responses:
        202: Job
        413: Error
    """
    doc = _doc(document_id)
    require_secretariat(current_user)
    upload = receive()
    with discard_on_refusal(upload):
        note = str(form_values().get("change_note") or "")
        job = operations.queue_new_version(current_user, doc, upload, change_note=note)
    return jsonify(job.as_json()), 202


from meeting.documents import api_reading, api_schemas  # noqa: E402,F401

"""JSON endpoints for reading papers: the file in byte ranges, page images and text,
read receipts, search. Each looks the paper up through the access rule first (404 if hidden).
"""

from flask import current_app, jsonify, request, send_file
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from flask_login import current_user, login_required
from sqlalchemy import select

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import Forbidden, NotFound, OperationError
from meeting.core.offload import in_thread
from meeting.core.time import utcnow
from meeting.core.web import error_reply
from meeting.documents import operations, pages, render, storage
from meeting.documents.access import can_download, file_row
from meeting.documents.api import _doc, _version
from meeting.documents.models import CLASSIFIED, DocumentPage
from meeting.documents.receipts import receipt_rows
from meeting.documents.search import search
from meeting.extensions import db


@bp.get("/documents/<int:document_id>/file")
@login_required
def document_file(document_id):
    """Send the PDF (byte ranges supported); classified papers are never sent as a file.
    ---
    get:
      tags: [documents]
      parameters:
      - document_id
      - {name: v, in: query, schema: {type: integer}, description: version number}
      - {name: download, in: query, schema: {type: integer, enum: [0, 1]}}
      responses:
        200: {description: The PDF, content: {application/pdf: {}}}
        206: {description: Part of the PDF (Range request)}
    """
    download = request.args.get("download") == "1"
    if download:
        doc = _doc(document_id)
        if doc.is_classified or not can_download(current_user, doc):
            raise NotFound() if doc.is_classified else Forbidden(
                _l("This paper may be read on the tablet but not downloaded."))
    row = file_row(current_user, document_id, optional_int(request.args.get("v"), "v"))
    if row is None or row.classification in CLASSIFIED:
        raise NotFound()  # a classified paper's file is never sent, to anyone
    response = send_file(storage.root() / "files" / row.storage_name, mimetype="application/pdf",
                         conditional=True, etag=row.sha256, as_attachment=download,
                         download_name=f"{row.title[:120]}.pdf", max_age=3600)
    response.cache_control.private = True
    response.cache_control.public = False
    return response


@bp.get("/documents/<int:document_id>/pages/<int:number>.<any(png,webp):fmt>")
@login_required
def document_page(document_id, number, fmt):
    """Send one page as an image; classified pages carry the viewer's watermark.
    ---
    get:
      tags: [documents]
      parameters:
      - document_id
      - number
      - fmt
      - {name: width, in: query, schema: {type: integer}, description: rounded up to a cached size}
      - {name: v, in: query, schema: {type: integer}}
      responses:
        200: {description: The page, content: {image/png: {}, image/webp: {}}}
    """
    doc = _doc(document_id)
    version = _version(doc)
    if not 1 <= number <= version.page_count:
        raise NotFound()
    # Drawn by a worker when the paper was stored (pages.py); a request never draws.
    path = pages.stored_image(version, number, request.args.get("width"))
    if path is None:
        body, status = error_reply(404, _l("This page is still being prepared. Please wait a "
                                           "moment."))
        return body, status, {"Retry-After": "2"}
    if doc.is_classified:
        label = render.watermark_text(current_user, to_user_timezone(utcnow()))
        body = in_thread(render.watermarked, path, label, fmt)
        response = current_app.response_class(body, mimetype=f"image/{fmt}")
        response.headers["Cache-Control"] = "no-store, private"
        response.headers["Pragma"] = "no-cache"
        return response
    mimetype = "image/png"  # pages are stored as PNG; .webp is kept for older clients
    response = send_file(path, mimetype=mimetype, conditional=True, max_age=86400)
    response.cache_control.private = True
    response.cache_control.public = False
    return response


@bp.get("/documents/<int:document_id>/pages/<int:number>/text")
@login_required
def document_page_text(document_id, number):
    """Return the text of one page (not for classified papers).
    ---
    get:
      tags: [documents]
      parameters: [document_id, number]
      responses:
        200: PageText
    """
    doc = _doc(document_id)
    version = _version(doc)
    # One row, not every page's text: the reader asks for pages one by one.
    page = db.session.scalar(select(DocumentPage).where(DocumentPage.version_id == version.id,
                                                        DocumentPage.number == number))
    if page is None or (doc.is_classified and not current_user.is_secretariat):
        raise NotFound()
    return jsonify(page=page.number, text=page.text)


@bp.post("/documents/<int:document_id>/receipts/open")
@login_required
def receipt_open(document_id):
    """Record that I opened the paper.
    ---
    post:
      tags: [documents]
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: {type: object,
        properties: {v: {type: integer}}}}}}
      responses:
        204: {description: Recorded}
    """
    doc = _doc(document_id)
    data = json_body()
    version = _version_number(doc, data.get("v"))
    operations.record_open(current_user, doc, version)
    return "", 204


@bp.post("/documents/<int:document_id>/receipts/pages")
@login_required
def receipt_pages(document_id):
    """Record pages I viewed: {"page": n} or {"pages": [n, ...]}.
    ---
    post:
      tags: [documents]
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: {type: object, properties: {
        page: {type: integer}, pages: {type: array, items: {type: integer}},
        v: {type: integer}}}}}}
      responses:
        204: {description: Recorded}
    """
    doc = _doc(document_id)
    data = json_body()
    pages = data.get("pages", [data.get("page")] if "page" in data else None)
    operations.record_pages(current_user, doc, pages, _version_number(doc, data.get("v")))
    return "", 204


def _version_number(doc, value):
    number = optional_int(value, "v")
    if number is None:
        return doc.current_version
    version = next((v for v in doc.versions if v.number == number), None)
    if version is None:
        raise OperationError(_l("Unknown version."))
    return version


@bp.get("/documents/<int:document_id>/receipts")
@login_required
def list_receipts(document_id):
    """Who opened the paper, when, and which pages (secretariat).
    ---
    get:
      tags: [documents]
      parameters: [document_id]
      responses:
        200: ReadReceipts
    """
    doc = _doc(document_id)
    if not current_user.is_secretariat:
        raise NotFound()
    return jsonify(receipts=receipt_rows(doc))


@bp.get("/documents/search")
@login_required
def search_documents():
    """Search the text of the papers I may see; diacritics are optional ("hoi nghi").
    ---
    get:
      tags: [documents]
      parameters:
      - {name: q, in: query, required: true, schema: {type: string}}
      - {name: meeting_id, in: query, schema: {type: integer}}
      responses:
        200: SearchResults
    """
    query = str(request.args.get("q") or "")[:200]
    meeting_id = optional_int(request.args.get("meeting_id"), "meeting_id")
    return jsonify(results=search(current_user, query, meeting_id))

"""JSON endpoints of the savings: figures with filters, settings, printed copies.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from datetime import date

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api import openapi
from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import NotFound, OperationError
from meeting.core.ids import is_id
from meeting.documents.models import Document
from meeting.extensions import db
from meeting.meetings.access import require_secretariat
from meeting.savings import operations
from meeting.savings.figures import build, parse_filters, settings_data
from meeting.savings.models import PrintedCopies

for _name in ("printed_id", "document_id"):
    openapi.PARAMETERS.setdefault(_name, {"name": _name, "in": "path", "required": True,
                                          "schema": {"type": "integer"}})
BREAKDOWNS = ("meetings", "bodies", "years", "quarters", "months", "cumulative")


def report_data(report) -> dict:
    """The whole report as JSON: every figure with the ids of the papers behind it."""
    data = {
        "filters": report.filters.as_json(),
        "settings": settings_data(report.settings),
        "total": report.figures_data(report.savings.total),
    }
    for kind in BREAKDOWNS:
        data[kind] = [{"key": key if not isinstance(key, tuple) else "-".join(map(str, key)),
                       "label": label, **report.figures_data(figures)}
                      for key, label, figures in report.rows(kind)]
    data["documents"] = [
        {"id": d.id, "title": report.document_title(d.id), "meeting_id": d.meeting_id,
         "pages_per_copy": d.pages, "recipients": d.recipients, "printed": d.printed,
         **report.figures_data(report.savings.documents[d.id])}
        for d in report.inputs.documents if d.id in report.visible_documents]
    return data


def printed_data(record: PrintedCopies) -> dict:
    return {"id": record.id, "document_id": record.document_id,
            "document_title": record.document.title, "meeting_id": record.document.meeting_id,
            "copies": record.copies, "printed_on": record.printed_on.isoformat(),
            "reason": record.reason,
            "recorded_by": record.recorded_by.full_name if record.recorded_by else None}


@bp.get("/savings")
@login_required
def savings_figures():
    """Printing savings per meeting, body, year, quarter, month and cumulative.
    ---
    get:
      tags: [savings]
      description: >
        Every figure lists the ids of the papers behind it that the caller may see
        (`document_ids`) and how many others it counts (`other_documents`). `cost` is
        exact (VND, decimal string); `cost_rounded` is rounded once, half up.
      parameters:
      - {name: body, in: query, schema: {type: integer}}
      - {name: meeting, in: query, schema: {type: integer}}
      - {name: year, in: query, schema: {type: integer}}
      - {name: start, in: query, schema: {type: string, format: date}}
      - {name: end, in: query, schema: {type: string, format: date}}
      responses:
        200: {description: The figures, content: {application/json: {schema: {type: object}}}}
        400: Error
    """
    return jsonify(report_data(build(current_user, parse_filters(request.args))))


@bp.get("/savings/settings")
@login_required
def savings_settings():
    """The unit prices and constants the figures are computed with.
    ---
    get:
      tags: [savings]
      responses:
        200: {description: The settings, content: {application/json: {schema: {type: object}}}}
    """
    return jsonify(settings_data(operations.get_settings()))


@bp.patch("/savings/settings")
@login_required
def update_savings_settings():
    """Change some of the settings (secretariat); a bad value changes nothing.
    ---
    patch:
      tags: [savings]
      requestBody: {content: {application/json: {schema: {type: object, properties: {
        price_a4_bw: {type: string}, price_a4_colour: {type: string},
        price_a3_bw: {type: string}, price_a3_colour: {type: string},
        price_bound_set: {type: string}, price_envelope: {type: string},
        duplex: {type: boolean}, spare_copies: {type: integer},
        paper_size: {type: string, enum: [A4, A3]},
        colour: {type: string, enum: [bw, colour]}, show_factors: {type: boolean},
        sheet_weight_g: {type: string}, sheets_per_tree: {type: integer},
        co2_kg_per_kg: {type: string}}}}}}
      responses:
        200: {description: The settings, content: {application/json: {schema: {type: object}}}}
        400: Error
        403: Error
    """
    settings = operations.update_settings(current_user, json_body())
    return jsonify(settings_data(settings))


@bp.get("/savings/printed-copies")
@login_required
def list_printed_copies():
    """Copies printed all the same (secretariat), newest first; `document_id` filters.
    ---
    get:
      tags: [savings]
      parameters:
      - {name: document_id, in: query, schema: {type: integer}}
      responses:
        200: {description: The records, content: {application/json: {schema: {type: object}}}}
        403: Error
    """
    require_secretariat(current_user)
    doc_id = optional_int(request.args.get("document_id"), _l("Document"))
    records = operations.printed_records([doc_id] if doc_id else None)
    return jsonify(printed_copies=[printed_data(r) for r in records])


@bp.post("/savings/printed-copies")
@login_required
def add_printed_copies():
    """Record copies of a published paper printed all the same (secretariat).
    ---
    post:
      tags: [savings]
      requestBody: {content: {application/json: {schema: {type: object,
        required: [document_id, copies], properties: {document_id: {type: integer},
        copies: {type: integer, minimum: 1}, printed_on: {type: string, format: date},
        reason: {type: string, maxLength: 300}}}}}}
      responses:
        201: {description: The record, content: {application/json: {schema: {type: object}}}}
        400: Error
        403: Error
        409: Error
    """
    require_secretariat(current_user)
    data = json_body()
    doc_id = optional_int(data.get("document_id"), _l("Document"))
    document = db.session.get(Document, doc_id) if doc_id else None
    printed_on = data.get("printed_on")
    if printed_on is not None:
        try:
            printed_on = date.fromisoformat(str(printed_on))
        except ValueError:
            raise OperationError(_l("The printing date is not a date.")) from None
    record = operations.record_printed_copies(
        current_user, document, copies=data.get("copies"), printed_on=printed_on,
        reason=data.get("reason") or "")
    return jsonify(printed_data(record)), 201


@bp.delete("/savings/printed-copies/<int:printed_id>")
@login_required
def delete_printed_copies(printed_id):
    """Remove a printed-copies record entered by mistake (secretariat).
    ---
    delete:
      tags: [savings]
      parameters: [printed_id]
      responses:
        204: {description: Removed}
        403: Error
    """
    require_secretariat(current_user)
    record = db.session.get(PrintedCopies, printed_id) if is_id(printed_id) else None
    if record is None:
        raise NotFound()
    operations.delete_printed_copies(current_user, record)
    return "", 204


def format_data(entry) -> dict:
    return {"document_id": entry.document_id, "paper_size": entry.paper_size,
            "colour": entry.colour}


@bp.get("/savings/print-formats")
@login_required
def list_print_formats():
    """Papers that would have been printed in another format than the default (secretariat).
    ---
    get:
      tags: [savings]
      responses:
        200: {description: The formats, content: {application/json: {schema: {type: object}}}}
        403: Error
    """
    require_secretariat(current_user)
    return jsonify(print_formats=[format_data(f) for f in operations.print_formats()])


@bp.put("/savings/print-formats/<int:document_id>")
@login_required
def set_print_format(document_id):
    """Set the format one published paper would have been printed in (secretariat).
    ---
    put:
      tags: [savings]
      description: Giving the settings' default format removes the entry (`null` returned).
      parameters: [document_id]
      requestBody: {content: {application/json: {schema: {type: object,
        required: [paper_size, colour], properties: {
        paper_size: {type: string, enum: [A4, A3]},
        colour: {type: string, enum: [bw, colour]}}}}}}
      responses:
        200: {description: The format, content: {application/json: {schema: {type: object}}}}
        400: Error
        403: Error
        409: Error
    """
    require_secretariat(current_user)
    document = db.session.get(Document, document_id) if is_id(document_id) else None
    data = json_body()
    entry = operations.set_print_format(current_user, document,
                                        paper_size=data.get("paper_size"),
                                        colour=data.get("colour"))
    return jsonify(format_data(entry) if entry else None)


from meeting.savings import api_reports  # noqa: E402,F401  (registers its routes)

"""JSON endpoints for the agenda: items, order, the current item.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import OperationError
from meeting.meetings import agenda, state
from meeting.meetings.api.common import item_or_404, visible_meeting


@bp.get("/meetings/<int:meeting_id>/agenda")
@login_required
def get_agenda(meeting_id):
    """Return the agenda in order, with the current item.
    ---
    get:
      tags: [agenda]
      parameters: [meeting_id]
      responses:
        200: Agenda
    """
    return jsonify(state.agenda_data(visible_meeting(meeting_id)))


def _item_fields(data, item=None):
    return dict(title=data.get("title", item.title if item else None),
                presenter=str(data.get("presenter", item.presenter if item else "") or ""),
                planned_minutes=data.get("planned_minutes",
                                         item.planned_minutes if item else 15),
                description=str(data.get("description", item.description if item else "")
                                or ""))


@bp.post("/meetings/<int:meeting_id>/agenda")
@login_required
def add_item(meeting_id):
    """Append an item to the agenda (secretariat).
    ---
    post:
      tags: [agenda]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: AgendaItemInput}}}
      responses:
        201: AgendaItem
        400: Error
    """
    item = agenda.add_item(current_user, visible_meeting(meeting_id), **_item_fields(json_body()))
    return jsonify(state.item_data(item)), 201


@bp.patch("/meetings/<int:meeting_id>/agenda/<int:item_id>")
@login_required
def update_item(meeting_id, item_id):
    """Change an agenda item (secretariat).
    ---
    patch:
      tags: [agenda]
      parameters: [meeting_id, item_id]
      requestBody: {content: {application/json: {schema: AgendaItemInput}}}
      responses:
        200: AgendaItem
        404: Error
    """
    item = item_or_404(visible_meeting(meeting_id), item_id)
    agenda.update_item(current_user, item, **_item_fields(json_body(), item))
    return jsonify(state.item_data(item))


@bp.delete("/meetings/<int:meeting_id>/agenda/<int:item_id>")
@login_required
def delete_item(meeting_id, item_id):
    """Remove an agenda item that is not current (secretariat).
    ---
    delete:
      tags: [agenda]
      parameters: [meeting_id, item_id]
      responses:
        204: {description: Removed}
        409: Error
    """
    agenda.delete_item(current_user, item_or_404(visible_meeting(meeting_id), item_id))
    return "", 204


@bp.put("/meetings/<int:meeting_id>/agenda/order")
@login_required
def reorder_agenda(meeting_id):
    """Put the agenda in a new order, naming every item once (secretariat).
    ---
    put:
      tags: [agenda]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: {type: object, required: [item_ids],
        properties: {item_ids: {type: array, items: {type: integer}}}}}}}
      responses:
        200: Agenda
        400: Error
    """
    meeting = visible_meeting(meeting_id)
    ids = json_body().get("item_ids")
    if not isinstance(ids, list):
        raise OperationError(_l("The new order must list every item once."))
    agenda.reorder(current_user, meeting, ids)
    return jsonify(state.agenda_data(meeting))


@bp.put("/meetings/<int:meeting_id>/agenda/current")
@login_required
def set_current(meeting_id):
    """Make an item current, or clear it with null (chair or secretariat).
    ---
    put:
      tags: [agenda]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: {type: object,
        properties: {item_id: {type: integer, nullable: true}}}}}}
      responses:
        200: Agenda
        403: Error
        409: Error
    """
    meeting = visible_meeting(meeting_id)
    agenda.set_current_item(current_user, meeting,
                            optional_int(json_body().get("item_id"), _l("Item")))
    return jsonify(state.agenda_data(meeting))


@bp.post("/meetings/<int:meeting_id>/agenda/step")
@login_required
def step_current(meeting_id):
    """Move the current item to the next (1) or previous (-1) one.
    ---
    post:
      tags: [agenda]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: {type: object, required: [direction],
        properties: {direction: {type: integer, enum: [-1, 1]}}}}}}
      responses:
        200: Agenda
        409: Error
    """
    meeting = visible_meeting(meeting_id)
    direction = json_body().get("direction")
    if direction not in (-1, 1):
        raise OperationError(_l("Direction must be 1 or -1."))
    agenda.step_item(current_user, meeting, direction)
    return jsonify(state.agenda_data(meeting))

"""JSON endpoints for reservations of opinion on a counted vote (in the OpenAPI document)."""

from flask import jsonify
from flask_login import current_user, login_required

from meeting.api import openapi
from meeting.api.blueprint import bp
from meeting.api.util import json_body
from meeting.core.time import utc_iso
from meeting.voting import reservations
from meeting.voting.api import _poll, _require_counted_reader

_ID, _STR = {"type": "integer"}, {"type": "string"}
openapi.SCHEMAS.update({
    "Reservation": {"type": "object", "properties": {
        "poll_id": _ID, "user_id": _ID, "name": _STR, "text": _STR,
        "recorded_dt": {"type": "string", "format": "date-time"}}},
    "ReservationList": {"type": "object", "properties": {
        "reservations": {"type": "array",
                         "items": {"$ref": "#/components/schemas/Reservation"}}}},
    "ReservationInput": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string", "maxLength": reservations.MAX_TEXT}}},
})


def reservation_data(row) -> dict:
    return {"poll_id": row.poll_id, "user_id": row.user_id, "name": row.user.full_name,
            "text": row.text, "recorded_dt": utc_iso(row.recorded_dt)}


@bp.get("/meetings/<int:meeting_id>/polls/<int:poll_id>/reservations")
@login_required
def list_reservations(meeting_id, poll_id):
    """List the members' reservations of opinion on a counted vote.
    ---
    get:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        200: ReservationList
    """
    poll = _poll(meeting_id, poll_id)
    _require_counted_reader(poll)
    return jsonify(reservations=[reservation_data(r) for r in
                                 reservations.reservations_of(poll)])


@bp.put("/meetings/<int:meeting_id>/polls/<int:poll_id>/reservation")
@login_required
def put_reservation(meeting_id, poll_id):
    """Record or replace one's reservation of opinion (a member present, in session).
    ---
    put:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      requestBody: {content: {application/json: {schema: ReservationInput}}}
      responses:
        200: Reservation
        409: Error
    """
    poll = _poll(meeting_id, poll_id)
    row = reservations.record_reservation(current_user, poll, json_body().get("text"))
    return jsonify(reservation_data(row))


@bp.delete("/meetings/<int:meeting_id>/polls/<int:poll_id>/reservation")
@login_required
def delete_reservation(meeting_id, poll_id):
    """Withdraw one's reservation of opinion.
    ---
    delete:
      tags: [polls]
      parameters: [meeting_id, poll_id]
      responses:
        204: {description: Withdrawn}
        409: Error
    """
    reservations.withdraw_reservation(current_user, _poll(meeting_id, poll_id))
    return "", 204

"""JSON endpoints for meetings: list, create, edit, status, live snapshot.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import OperationError
from meeting.extensions import db
from meeting.meetings import operations, state
from meeting.meetings.access import meetings_for
from meeting.meetings.api.common import meeting_fields, visible_meeting
from meeting.meetings.models import Body


@bp.get("/meetings")
@login_required
def list_meetings():
    """List the meetings the caller may see.
    ---
    get:
      tags: [meetings]
      responses:
        200: MeetingList
    """
    return jsonify(meetings=[state.meeting_data(m) for m in meetings_for(current_user)])


@bp.post("/meetings")
@login_required
def create_meeting():
    """Create a draft meeting (secretariat).
    ---
    post:
      tags: [meetings]
      requestBody: {content: {application/json: {schema: MeetingInput}}}
      responses:
        201: Meeting
        400: Error
        403: Error
    """
    data = json_body()
    body = db.session.get(Body, optional_int(data.get("body_id"), _l("Body")) or 0)
    if body is None:
        raise OperationError(_l("Choose the body that meets."))
    meeting = operations.create_meeting(current_user, body=body, **meeting_fields(data))
    return jsonify(state.meeting_data(meeting)), 201


@bp.get("/meetings/<int:meeting_id>")
@login_required
def get_meeting(meeting_id):
    """Return one meeting.
    ---
    get:
      tags: [meetings]
      parameters: [meeting_id]
      responses:
        200: Meeting
        404: Error
    """
    return jsonify(state.meeting_data(visible_meeting(meeting_id)))


@bp.patch("/meetings/<int:meeting_id>")
@login_required
def update_meeting(meeting_id):
    """Change a meeting's details before it opens (secretariat).
    ---
    patch:
      tags: [meetings]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: MeetingInput}}}
      responses:
        200: Meeting
        400: Error
        409: Error
    """
    meeting = visible_meeting(meeting_id)
    current = state.meeting_data(meeting)
    data = {**current, "number": meeting.number, **json_body()}
    operations.update_meeting(current_user, meeting, **meeting_fields(data))
    return jsonify(state.meeting_data(meeting))


@bp.post("/meetings/<int:meeting_id>/status")
@login_required
def change_status(meeting_id):
    """Move the meeting to another status; illegal moves are refused with the reason.
    ---
    post:
      tags: [meetings]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: {type: object, required: [status],
        properties: {status: {type: string,
          enum: [draft, published, in_session, closed, archived]}}}}}}
      responses:
        200: Meeting
        409: Error
    """
    meeting = visible_meeting(meeting_id)
    operations.change_status(current_user, meeting, str(json_body().get("status")))
    return jsonify(state.meeting_data(meeting))


@bp.get("/meetings/<int:meeting_id>/snapshot")
@login_required
def snapshot(meeting_id):
    """Return the meeting's whole live state and the sequence number it is valid for.
    ---
    get:
      tags: [live]
      description: Tablets load this on connect, on reconnect and whenever they see a gap in `seq`.
      parameters: [meeting_id]
      responses:
        200: Snapshot
        404: Error
    """
    meeting = visible_meeting(meeting_id)
    return jsonify(state.snapshot(meeting, current_user))

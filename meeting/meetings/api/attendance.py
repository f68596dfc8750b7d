"""JSON endpoints for attendance: answers, check-in, roll call, guests.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.core.errors import OperationError
from meeting.meetings import attendance, operations, state
from meeting.meetings.api.common import user_or_404, visible_meeting


@bp.get("/meetings/<int:meeting_id>/attendance")
@login_required
def get_attendance(meeting_id):
    """List members and guests with their answers and presence, and the quorum.
    ---
    get:
      tags: [attendance]
      parameters: [meeting_id]
      responses:
        200: Attendance
    """
    return jsonify(state.attendance_data(visible_meeting(meeting_id)))


@bp.put("/meetings/<int:meeting_id>/attendance/me")
@login_required
def respond(meeting_id):
    """Answer the invitation: attending, or excused with a reason.
    ---
    put:
      tags: [attendance]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: {type: object, required: [response],
        properties: {response: {type: string, enum: [attending, excused]},
          reason: {type: string}}}}}}
      responses:
        200: Attendance
        400: Error
    """
    meeting = visible_meeting(meeting_id)
    data = json_body()
    attendance.respond(current_user, meeting, data.get("response"), str(data.get("reason") or ""))
    return jsonify(state.attendance_data(meeting))


@bp.post("/meetings/<int:meeting_id>/attendance/me/check-in")
@login_required
def check_in(meeting_id):
    """Check in at the meeting from one's own tablet.
    ---
    post:
      tags: [attendance]
      parameters: [meeting_id]
      responses:
        200: Attendance
        409: Error
    """
    meeting = visible_meeting(meeting_id)
    attendance.check_in(current_user, meeting)
    return jsonify(state.attendance_data(meeting))


@bp.put("/meetings/<int:meeting_id>/attendance/<int:user_id>")
@login_required
def mark_presence(meeting_id, user_id):
    """Mark a person present or absent (secretariat).
    ---
    put:
      tags: [attendance]
      parameters: [meeting_id, user_id]
      requestBody: {content: {application/json: {schema: {type: object, required: [presence],
        properties: {presence: {type: string, enum: [present, absent, unknown]}}}}}}
      responses:
        200: Attendance
        403: Error
    """
    meeting = visible_meeting(meeting_id)
    presence = json_body().get("presence")
    attendance.mark_presence(current_user, meeting, user_or_404(user_id), presence)
    return jsonify(state.attendance_data(meeting))


@bp.post("/meetings/<int:meeting_id>/guests")
@login_required
def invite_guest(meeting_id):
    """Invite a guest (secretariat).
    ---
    post:
      tags: [attendance]
      parameters: [meeting_id]
      requestBody: {content: {application/json: {schema: {type: object, required: [user_id],
        properties: {user_id: {type: integer}}}}}}
      responses:
        201: Attendance
        409: Error
    """
    meeting = visible_meeting(meeting_id)
    user_id = optional_int(json_body().get("user_id"), _l("Person"))
    if user_id is None:
        raise OperationError(_l("Choose a person to invite."))
    operations.invite_guest(current_user, meeting, user_or_404(user_id))
    return jsonify(state.attendance_data(meeting)), 201


@bp.delete("/meetings/<int:meeting_id>/guests/<int:user_id>")
@login_required
def remove_guest(meeting_id, user_id):
    """Withdraw a guest's invitation (secretariat).
    ---
    delete:
      tags: [attendance]
      parameters: [meeting_id, user_id]
      responses:
        204: {description: Removed}
        404: Error
    """
    operations.remove_guest(current_user, visible_meeting(meeting_id), user_id)
    return "", 204

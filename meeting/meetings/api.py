"""JSON endpoints for meetings, agenda, attendance and speakers.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int, parse_dt
from meeting.auth.models import User
from meeting.core.errors import NotFound, OperationError
from meeting.core.ids import is_id
from meeting.extensions import db
from meeting.meetings import agenda, attendance, operations, speakers, state
from meeting.meetings.access import get_visible_meeting, meetings_for
from meeting.meetings.models import Body


def _meeting(meeting_id):
    return get_visible_meeting(current_user, meeting_id)


def _user(user_id):
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        raise NotFound(_l("This person does not exist."))
    return user


def _item(meeting, item_id):
    item = next((i for i in meeting.items if i.id == item_id), None)
    if item is None:
        raise NotFound()
    return item


def _meeting_fields(data):
    return dict(title=data.get("title"),
                start_dt=parse_dt(data.get("start_dt"), _l("Start")),
                end_dt=parse_dt(data.get("end_dt"), _l("End")),
                room=str(data.get("room") or ""),
                chair_id=optional_int(data.get("chair_id"), _l("Chair")),
                number=optional_int(data.get("number"), _l("Number")))


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
    meeting = operations.create_meeting(current_user, body=body, **_meeting_fields(data))
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
    return jsonify(state.meeting_data(_meeting(meeting_id)))


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
    meeting = _meeting(meeting_id)
    current = state.meeting_data(meeting)
    data = {**current, "number": meeting.number, **json_body()}
    operations.update_meeting(current_user, meeting, **_meeting_fields(data))
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
    return jsonify(state.snapshot(meeting, current_user))


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
    return jsonify(state.agenda_data(_meeting(meeting_id)))


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
    item = agenda.add_item(current_user, _meeting(meeting_id), **_item_fields(json_body()))
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
    item = _item(_meeting(meeting_id), item_id)
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
    agenda.delete_item(current_user, _item(_meeting(meeting_id), item_id))
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
    direction = json_body().get("direction")
    if direction not in (-1, 1):
        raise OperationError(_l("Direction must be 1 or -1."))
    agenda.step_item(current_user, meeting, direction)
    return jsonify(state.agenda_data(meeting))


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
    return jsonify(state.attendance_data(_meeting(meeting_id)))


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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
    attendance.mark_presence(current_user, meeting, _user(user_id), json_body().get("presence"))
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
    meeting = _meeting(meeting_id)
    user_id = optional_int(json_body().get("user_id"), _l("Person"))
    if user_id is None:
        raise OperationError(_l("Choose a person to invite."))
    operations.invite_guest(current_user, meeting, _user(user_id))
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
    operations.remove_guest(current_user, _meeting(meeting_id), user_id)
    return "", 204


@bp.get("/meetings/<int:meeting_id>/speakers")
@login_required
def get_speakers(meeting_id):
    """Return who speaks now and who waits on the current item.
    ---
    get:
      tags: [speakers]
      parameters: [meeting_id]
      responses:
        200: Speakers
    """
    return jsonify(state.speakers_data(_meeting(meeting_id)))


@bp.post("/meetings/<int:meeting_id>/speakers")
@login_required
def request_floor(meeting_id):
    """Ask to speak on the current item.
    ---
    post:
      tags: [speakers]
      parameters: [meeting_id]
      responses:
        201: Speakers
        409: Error
    """
    meeting = _meeting(meeting_id)
    speakers.request_floor(current_user, meeting)
    return jsonify(state.speakers_data(meeting)), 201


def _speaker_action(meeting_id, request_id, action, **kwargs):
    meeting = _meeting(meeting_id)
    action(current_user, meeting, request_id, **kwargs)
    return jsonify(state.speakers_data(meeting))


@bp.post("/meetings/<int:meeting_id>/speakers/<int:request_id>/withdraw")
@login_required
def withdraw(meeting_id, request_id):
    """Withdraw a waiting request (its owner, or the chair).
    ---
    post:
      tags: [speakers]
      parameters: [meeting_id, request_id]
      responses:
        200: Speakers
        409: Error
    """
    return _speaker_action(meeting_id, request_id, speakers.withdraw)


@bp.post("/meetings/<int:meeting_id>/speakers/<int:request_id>/floor")
@login_required
def give_floor(meeting_id, request_id):
    """Give the floor to a waiting speaker, optionally with a time limit (chair).
    ---
    post:
      tags: [speakers]
      parameters: [meeting_id, request_id]
      requestBody: {content: {application/json: {schema: {type: object,
        properties: {limit_seconds: {type: integer, minimum: 30, maximum: 3600}}}}}}
      responses:
        200: Speakers
        403: Error
    """
    limit = optional_int(json_body().get("limit_seconds"), _l("Time limit"))
    return _speaker_action(meeting_id, request_id, speakers.give_floor, limit_seconds=limit)


@bp.post("/meetings/<int:meeting_id>/speakers/<int:request_id>/end")
@login_required
def end_floor(meeting_id, request_id):
    """End the current speaker's turn (chair).
    ---
    post:
      tags: [speakers]
      parameters: [meeting_id, request_id]
      responses:
        200: Speakers
        409: Error
    """
    return _speaker_action(meeting_id, request_id, speakers.end_floor)

"""JSON endpoints for the speakers' queue.

Each docstring's YAML after ``---`` is read into the OpenAPI document.
"""

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meeting.api.blueprint import bp
from meeting.api.util import json_body, optional_int
from meeting.meetings import speakers, state
from meeting.meetings.api.common import visible_meeting


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
    return jsonify(state.speakers_data(visible_meeting(meeting_id)))


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
    meeting = visible_meeting(meeting_id)
    speakers.request_floor(current_user, meeting)
    return jsonify(state.speakers_data(meeting)), 201


def _speaker_action(meeting_id, request_id, action, **kwargs):
    meeting = visible_meeting(meeting_id)
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

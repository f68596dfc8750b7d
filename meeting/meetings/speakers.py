"""Operations on the speakers' queue: request, withdraw, give the floor, end."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, Forbidden, NotFound
from meeting.core.ids import is_id
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings import state
from meeting.meetings.access import is_participant, require_chair
from meeting.meetings.models import SpeakerRequest


def _finish(actor, action, request, before, meeting):
    db.session.flush()
    audit(actor, action, request, before=before, after=request.snapshot(), meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "speakers.changed", state.speakers_data(meeting))
    commit()
    return request


def _open_request(meeting, user_id):
    return db.session.scalar(select(SpeakerRequest).where(
        SpeakerRequest.meeting_id == meeting.id, SpeakerRequest.user_id == user_id,
        SpeakerRequest.status.in_(("waiting", "speaking"))))


def request_floor(actor, meeting):
    """Ask to speak on the current item."""
    if not is_participant(actor, meeting):
        raise Forbidden(_l("You are not invited to this meeting."))
    if meeting.status != "in_session":
        raise Conflict(_l("The meeting is not in session."))
    item = meeting.current_item
    if item is None:
        raise Conflict(_l("No agenda item is being discussed."))
    if _open_request(meeting, actor.id):
        raise Conflict(_l("You have already asked to speak."))
    request = SpeakerRequest(meeting_id=meeting.id, item_id=item.id, user_id=actor.id,
                             limit_seconds=current_app.config["SPEAKER_LIMIT_SECONDS"])
    db.session.add(request)
    return _finish(actor, "speaker.request", request, None, meeting)


def _get(meeting, request_id) -> SpeakerRequest:
    request = db.session.get(SpeakerRequest, request_id) if is_id(request_id) else None
    if request is None or request.meeting_id != meeting.id:
        raise NotFound()
    return request


def withdraw(actor, meeting, request_id):
    """Withdraw one's own waiting request (or the chair removes one)."""
    request = _get(meeting, request_id)
    if request.user_id != actor.id:
        require_chair(actor, meeting)
    if request.status != "waiting":
        raise Conflict(_l("Only a waiting request can be withdrawn."))
    before = request.snapshot()
    request.status, request.ended_dt = "withdrawn", utcnow()
    return _finish(actor, "speaker.withdraw", request, before, meeting)


def give_floor(actor, meeting, request_id, limit_seconds=None):
    """Give the floor to a waiting speaker; whoever was speaking is done."""
    require_chair(actor, meeting)
    request = _get(meeting, request_id)
    if request.status != "waiting":
        raise Conflict(_l("This person is not waiting to speak."))
    for other in db.session.scalars(select(SpeakerRequest).where(
            SpeakerRequest.meeting_id == meeting.id, SpeakerRequest.status == "speaking")):
        other.status, other.ended_dt = "done", utcnow()
    before = request.snapshot()
    request.status, request.started_dt = "speaking", utcnow()
    if limit_seconds:
        request.limit_seconds = max(30, min(int(limit_seconds), 3600))
    return _finish(actor, "speaker.give_floor", request, before, meeting)


def end_floor(actor, meeting, request_id):
    """End the current speaker's turn."""
    require_chair(actor, meeting)
    request = _get(meeting, request_id)
    if request.status != "speaking":
        raise Conflict(_l("This person is not speaking."))
    before = request.snapshot()
    request.status, request.ended_dt = "done", utcnow()
    return _finish(actor, "speaker.end", request, before, meeting)

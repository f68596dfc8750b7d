"""Who may see and do what in a meeting; queries that answer it."""

from sqlalchemy import exists, or_, select

from meeting.core.errors import Forbidden, NotFound
from meeting.core.ids import is_id
from meeting.extensions import db
from meeting.meetings.models import Meeting, MeetingGuest, Membership


def is_member(user, meeting) -> bool:
    """Tell whether ``user`` holds a seat in the meeting's body for its term now."""
    return bool(db.session.scalar(select(exists().where(
        Membership.term_id == meeting.term_id, Membership.user_id == user.id,
        Membership.end_date.is_(None)))))


def is_guest(user, meeting) -> bool:
    return bool(db.session.scalar(select(exists().where(
        MeetingGuest.meeting_id == meeting.id, MeetingGuest.user_id == user.id))))


def is_participant(user, meeting) -> bool:
    return meeting.chair_id == user.id or is_member(user, meeting) or is_guest(user, meeting)


def can_see(user, meeting) -> bool:
    """Secretariat sees all; others see published meetings they take part in."""
    if user.is_secretariat:
        return True
    return meeting.status != "draft" and is_participant(user, meeting)


def can_chair(user, meeting) -> bool:
    return user.is_secretariat or meeting.chair_id == user.id


def get_visible_meeting(user, meeting_id) -> Meeting:
    """Return the meeting if ``user`` may see it; unknown and hidden alike give 404."""
    meeting = db.session.get(Meeting, meeting_id) if is_id(meeting_id) else None
    if meeting is None or not can_see(user, meeting):
        raise NotFound()
    return meeting


# ``user`` None is the command line (``meeting demo``, scripts run by the operator):
# it may do what the secretariat may. Web and socket handlers always pass a person.

def require_secretariat(user):
    if user is not None and not user.is_secretariat:
        raise Forbidden()


def require_chair(user, meeting):
    if user is not None and not can_chair(user, meeting):
        raise Forbidden()


def meetings_for(user):
    """Return the meetings ``user`` may see, newest first."""
    query = select(Meeting).order_by(Meeting.start_dt.desc())
    if not user.is_secretariat:
        seat = exists().where(Membership.term_id == Meeting.term_id,
                              Membership.user_id == user.id, Membership.end_date.is_(None))
        invited = exists().where(MeetingGuest.meeting_id == Meeting.id,
                                 MeetingGuest.user_id == user.id)
        query = query.where(Meeting.status != "draft",
                            or_(Meeting.chair_id == user.id, seat, invited))
    return list(db.session.scalars(query))

"""The one way to change bodies, terms, members, meetings, guests and agendas.

Each operation checks permission and invariants, writes, records the audit entry,
commits, and only then announces (``unit_of_work.commit``).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from meeting.auth.models import User
from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings import state
from meeting.meetings.access import require_chair, require_secretariat
from meeting.meetings.models import (
    MEETING_STATUSES,
    OFFICES,
    Body,
    Meeting,
    MeetingGuest,
    Membership,
    Term,
)
from meeting.meetings.rules import can_transition

EDITABLE_STATUSES = ("draft", "published")


def _text(value, label, max_len):
    if value is not None and not isinstance(value, str):
        raise OperationError(_l("%(field)s must be text.", field=label))
    value = (value or "").strip()
    if not value:
        raise OperationError(_l("%(field)s is required.", field=label))
    if len(value) > max_len:
        raise OperationError(_l("%(field)s is too long (at most %(n)d characters).",
                                field=label, n=max_len))
    return value


# Bodies, terms, members ---------------------------------------------------------------

def create_body(actor, *, code, name):
    """Create a leading body."""
    require_secretariat(actor)
    code = _text(code, _l("Code"), 20).upper()
    if db.session.scalar(select(Body.id).where(Body.code == code)):
        raise Conflict(_l("The code %(code)s is already used.", code=code))
    body = Body(code=code, name=_text(name, _l("Name"), 200))
    db.session.add(body)
    db.session.flush()
    audit(actor, "body.create", body, after=body.snapshot())
    commit()
    return body


def create_term(actor, body, *, label, start_date: date, end_date: date | None = None):
    """Open a new term for a body; it becomes the current term."""
    require_secretariat(actor)
    if end_date and end_date < start_date:
        raise OperationError(_l("The end date is before the start date."))
    label = _text(label, _l("Term"), 40)
    for old in body.terms:
        old.is_current = False
    term = Term(body=body, label=label, start_date=start_date,
                end_date=end_date, is_current=True)
    db.session.add(term)
    db.session.flush()
    audit(actor, "term.create", term, after=term.snapshot())
    commit()
    return term


def add_member(actor, term, user, office="member"):
    """Give a person a seat in a term with an office."""
    require_secretariat(actor)
    if office not in OFFICES:
        raise OperationError(_l("Unknown office."))
    existing = db.session.scalar(select(Membership).where(
        Membership.term_id == term.id, Membership.user_id == user.id))
    if existing and existing.end_date is None:
        raise Conflict(_l("%(name)s is already a member of this term.", name=user.full_name))
    before = existing.snapshot() if existing else None
    membership = existing or Membership(term=term, user_id=user.id)
    membership.office, membership.end_date = office, None
    db.session.add(membership)
    db.session.flush()
    audit(actor, "member.add", membership, before=before, after=membership.snapshot())
    _announce_attendance_of_term(term.id)
    commit()
    return membership


def _announce_attendance_of_term(term_id):
    """Tell the rooms of the term's live meetings: their attendance list and quorum moved."""
    db.session.flush()
    term = db.session.get(Term, term_id)
    db.session.expire(term, ["memberships"])  # the list was loaded before the change
    live = db.session.scalars(select(Meeting).where(
        Meeting.term_id == term_id, Meeting.status.in_(("published", "in_session"))))
    for meeting in live:
        announce.to_meeting(meeting.id, "attendance.changed", state.attendance_data(meeting))


def end_membership(actor, membership, end_date: date):
    """End a seat (resignation, transfer); the person no longer counts towards quorum."""
    require_secretariat(actor)
    before = membership.snapshot()
    membership.end_date = end_date
    audit(actor, "member.end", membership, before=before, after=membership.snapshot())
    _announce_attendance_of_term(membership.term_id)
    commit()


# Meetings ------------------------------------------------------------------------------

def _check_times(start_dt, end_dt):
    if start_dt is None or end_dt is None:
        raise OperationError(_l("Start and end times are required."))
    if end_dt <= start_dt:
        raise OperationError(_l("The meeting must end after it starts."))


def _check_chair(chair_id):
    if chair_id is not None and db.session.get(User, chair_id) is None:
        raise NotFound(_l("The chosen chair does not exist."))


def create_meeting(actor, *, body, title, start_dt, end_dt, room="", chair_id=None,
                   number=None):
    """Create a draft meeting of ``body`` in its current term."""
    require_secretariat(actor)
    term = body.current_term
    if term is None:
        raise Conflict(_l("This body has no current term."))
    _check_times(start_dt, end_dt)
    _check_chair(chair_id)
    if number is None:
        number = (db.session.scalar(select(func.max(Meeting.number)).where(
            Meeting.term_id == term.id)) or 0) + 1
    meeting = Meeting(body=body, term=term, title=_text(title, _l("Title"), 300),
                      number=number, start_dt=start_dt, end_dt=end_dt, room=room.strip(),
                      chair_id=chair_id)
    db.session.add(meeting)
    db.session.flush()
    audit(actor, "meeting.create", meeting, after=meeting.snapshot(), meeting_id=meeting.id)
    commit()
    return meeting


def update_meeting(actor, meeting, *, title, start_dt, end_dt, room="", chair_id=None,
                   number=None):
    """Change a meeting's details while it is still being prepared."""
    require_secretariat(actor)
    if meeting.status not in EDITABLE_STATUSES:
        raise Conflict(_l("A meeting can be edited only before it opens."))
    _check_times(start_dt, end_dt)
    _check_chair(chair_id)
    before = meeting.snapshot()
    meeting.title = _text(title, _l("Title"), 300)
    meeting.start_dt, meeting.end_dt = start_dt, end_dt
    meeting.room, meeting.chair_id, meeting.number = room.strip(), chair_id, number
    db.session.flush()
    audit(actor, "meeting.update", meeting, before=before, after=meeting.snapshot(),
          meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "meeting.updated", {"meeting": state.meeting_data(meeting)})
    commit()
    return meeting


def change_status(actor, meeting, target):
    """Move a meeting along draft → published → in session → closed → archived.

    :raises Conflict: with the reason when the move is not allowed.
    """
    if target in ("in_session", "closed"):
        require_chair(actor, meeting)
    else:
        require_secretariat(actor)
    if target not in MEETING_STATUSES:
        raise OperationError(_l("Unknown status."))
    if not can_transition(meeting.status, target):
        raise Conflict(_l("A meeting that is %(current)s cannot become %(target)s.",
                          current=MEETING_STATUSES[meeting.status],
                          target=MEETING_STATUSES[target]))
    if target == "published" and not meeting.items:
        raise Conflict(_l("Add at least one agenda item before publishing."))
    before = meeting.snapshot()
    meeting.status = target
    if target == "closed":
        for item in meeting.items:
            if item.status == "current":
                item.status = "done"
    audit(actor, f"meeting.{target}", meeting, before=before, after=meeting.snapshot(),
          meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "meeting.status",
                        {"status": target, "agenda": state.agenda_data(meeting)})
    commit()
    return meeting


def invite_guest(actor, meeting, user):
    """Invite a guest (đại biểu mời) to a meeting."""
    require_secretariat(actor)
    if any(g.user_id == user.id for g in meeting.guests):
        raise Conflict(_l("%(name)s is already invited.", name=user.full_name))
    guest = MeetingGuest(meeting_id=meeting.id, user_id=user.id)
    meeting.guests.append(guest)
    db.session.flush()
    audit(actor, "meeting.invite_guest", guest, after={"user_id": user.id},
          meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "attendance.changed", state.attendance_data(meeting))
    commit()
    return guest


def remove_guest(actor, meeting, user_id):
    """Withdraw a guest's invitation."""
    require_secretariat(actor)
    guest = next((g for g in meeting.guests if g.user_id == user_id), None)
    if guest is None:
        raise NotFound()
    meeting.guests.remove(guest)
    db.session.flush()
    audit(actor, "meeting.remove_guest", guest, before={"user_id": user_id},
          meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "attendance.changed", state.attendance_data(meeting))
    commit()

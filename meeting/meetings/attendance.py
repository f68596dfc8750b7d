"""Operations on attendance: answering the invitation, checking in, marking presence."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings import state
from meeting.meetings.access import is_participant, require_secretariat
from meeting.meetings.models import PRESENCE_CHOICES, Attendance
from meeting.meetings.rules import check_in_opens

MAX_REASON = 500


def _record(meeting, user_id) -> Attendance:
    row = db.session.scalar(select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.user_id == user_id))
    if row is None:
        # Column defaults apply only on INSERT; set them now so the checks below see them.
        row = Attendance(meeting_id=meeting.id, user_id=user_id, rsvp="none",
                         presence="unknown", excuse_reason="")
        db.session.add(row)
    return row


def _finish(actor, action, row, before, meeting):
    db.session.flush()
    audit(actor, action, row, before=before, after=row.snapshot(), meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "attendance.changed", state.attendance_data(meeting))
    commit()
    return row


def respond(actor, meeting, response, reason=""):
    """Answer the invitation: attend, or excuse an absence with a reason."""
    if not is_participant(actor, meeting):
        raise Forbidden(_l("You are not invited to this meeting."))
    if meeting.status not in ("published", "in_session"):
        raise Conflict(_l("Answers are taken only for a published meeting."))
    reason = (reason or "").strip()
    if response not in ("attending", "excused"):
        raise OperationError(_l("Choose whether you will attend."))
    if response == "excused" and not reason:
        raise OperationError(_l("Please give the reason for your absence."))
    if len(reason) > MAX_REASON:
        raise OperationError(_l("The reason is too long (at most %(n)d characters).",
                                n=MAX_REASON))
    row = _record(meeting, actor.id)
    before = row.snapshot() if row.id else None
    row.rsvp = response
    row.excuse_reason = reason if response == "excused" else ""
    return _finish(actor, "attendance.respond", row, before, meeting)


def check_in_open(meeting) -> bool:
    """Tell whether self check-in is open: in session, or published and the day has come."""
    return meeting.status == "in_session" or (
        meeting.status == "published" and utcnow() >= check_in_opens(meeting.start_dt))


def check_in(actor, meeting):
    """Check in at the meeting from one's own tablet."""
    if not is_participant(actor, meeting):
        raise Forbidden(_l("You are not invited to this meeting."))
    if not check_in_open(meeting):
        raise Conflict(_l("Check-in is open only on the day of the meeting."))
    row = _record(meeting, actor.id)
    if row.presence == "present":
        return row
    before = row.snapshot() if row.id else None
    row.presence, row.checked_in_dt = "present", utcnow()
    if row.rsvp == "none":
        row.rsvp = "attending"
    return _finish(actor, "attendance.check_in", row, before, meeting)


def mark_presence(actor, meeting, user, presence):
    """Mark a person present or absent (the secretariat's roll call)."""
    require_secretariat(actor)
    if not isinstance(presence, str) or presence not in PRESENCE_CHOICES:
        raise OperationError(_l("Unknown presence."))
    if meeting.status in ("closed", "archived"):
        raise Conflict(_l("The attendance of a closed meeting cannot change."))
    if not is_participant(user, meeting):
        raise Conflict(_l("%(name)s is not invited to this meeting.", name=user.full_name))
    row = _record(meeting, user.id)
    before = row.snapshot() if row.id else None
    row.presence = presence
    row.checked_in_dt = utcnow() if presence == "present" else None
    return _finish(actor, "attendance.mark", row, before, meeting)

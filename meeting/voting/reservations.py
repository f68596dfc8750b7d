"""Reservations of opinion (bảo lưu ý kiến): a member who disagrees with a decision says
so for the minutes. Recorded on a counted vote, while the meeting is in session, by a
member of the body who is checked in; openly, by name, even after a secret ballot."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.voting.ballots import seat_and_presence
from meeting.voting.models import PollReservation

MAX_TEXT = 2000


def can_reserve(user, poll) -> bool:
    """Tell whether ``user`` may record a reservation on ``poll`` now (for the pages)."""
    try:
        _check(user, poll)
    except (Conflict, Forbidden):
        return False
    return True


def _check(actor, poll):
    """:raises Forbidden: not a member of the body; Conflict: not now, or not checked in."""
    if actor is None:
        raise Forbidden()
    if poll.state not in ("closed", "published"):
        raise Conflict(_l("A reservation is recorded once the vote is counted."))
    if poll.meeting.status != "in_session":
        raise Conflict(_l("Reservations are recorded while the meeting is in session."))
    seated, presence = seat_and_presence(actor, poll.meeting)
    if not seated:
        raise Forbidden(_l("Only members of the body record a reservation."))
    if presence != "present":
        raise Conflict(_l("Check in at the meeting first."))


def record_reservation(actor, poll, text) -> PollReservation:
    """Record ``actor``'s reservation on a counted vote, or replace the one they made."""
    _check(actor, poll)
    text = text.strip() if isinstance(text, str) else ""
    if not text or len(text) > MAX_TEXT:
        raise OperationError(_l("Write your reservation (at most %(n)d characters).",
                                n=MAX_TEXT))
    row = db.session.get(PollReservation, (poll.id, actor.id))
    before = {"reservation": row.text} if row else None
    if row is None:
        row = PollReservation(poll_id=poll.id, user_id=actor.id, text=text)
        db.session.add(row)
    else:
        row.text, row.recorded_dt = text, utcnow()
    db.session.flush()
    audit(actor, "poll.reserve", poll, before=before, after={"reservation": text},
          meeting_id=poll.meeting_id)
    commit()
    return row


def withdraw_reservation(actor, poll):
    """Withdraw ``actor``'s reservation on a vote while it may still be changed."""
    _check(actor, poll)
    row = db.session.get(PollReservation, (poll.id, actor.id))
    if row is None:
        raise NotFound(_l("You have recorded no reservation on this vote."))
    before = {"reservation": row.text}
    db.session.delete(row)
    audit(actor, "poll.withdraw_reservation", poll, before=before, meeting_id=poll.meeting_id)
    commit()


def reservations_of(poll) -> list[PollReservation]:
    """The vote's reservations with their members, in the order they were recorded."""
    return reservations_by_poll([poll.id]).get(poll.id, [])


def reservations_by_poll(poll_ids) -> dict[int, list[PollReservation]]:
    """The reservations of several votes in one query, each vote's in recorded order."""
    out: dict[int, list[PollReservation]] = {}
    if not poll_ids:
        return out
    for row in db.session.scalars(
            select(PollReservation).options(joinedload(PollReservation.user))
            .where(PollReservation.poll_id.in_(poll_ids))
            .order_by(PollReservation.recorded_dt, PollReservation.user_id)):
        out.setdefault(row.poll_id, []).append(row)
    return out

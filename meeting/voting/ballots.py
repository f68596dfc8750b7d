"""Casting a ballot: eligibility, validity, one per person, idempotent replays, receipts."""

import base64
import hashlib
import hmac
import re
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.meetings.access import is_guest
from meeting.meetings.models import Attendance, Membership
from meeting.voting import live_count, rules
from meeting.voting.models import Poll, PollBallot, PollParticipation

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-]{8,100}$")

CHOICE_ERRORS = {
    "unknown_option": _l("This option is not on the ballot."),
    "unknown_candidate": _l("This person is not on the ballot."),
    "malformed": _l("The ballot is not filled in correctly."),
    "too_many": _l("You kept more names than there are seats; the ballot would be invalid."),
    "none_kept": _l("Keep at least one name: there are more candidates than seats."),
    "incomplete": _l("Choose a level for every person on the ballot."),
    "no_ballots": _l("This vote is counted by a show of hands."),
}


def key_hash(poll, user, key) -> str:
    return hashlib.sha256(f"{poll.id}:{user.id}:{key}".encode()).hexdigest()


def receipt_for(poll, user, key) -> str:
    """Derive the voter's receipt code from their idempotency key, which is not stored.

    So a replay gets the same receipt, while nothing in the database leads from the
    person to the receipt (and from it to the ballot).
    """
    mac = hmac.new(current_app.config["SECRET_KEY"].encode(),
                   f"receipt:{poll.id}:{user.id}:{key}".encode(), hashlib.sha256).digest()
    code = base64.b32encode(mac[:10]).decode()[:12]
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def receipt_hash(receipt: str) -> str:
    return hashlib.sha256(receipt.strip().upper().encode()).hexdigest()


def seat_and_presence(user, meeting):
    """Return (holds a seat now, presence at the meeting) in one query."""
    row = db.session.execute(select(Membership.id, Attendance.presence).outerjoin(
        Attendance, (Attendance.user_id == Membership.user_id)
        & (Attendance.meeting_id == meeting.id)).where(
        Membership.term_id == meeting.term_id, Membership.user_id == user.id,
        Membership.end_date.is_(None))).first()
    return (row is not None, row.presence if row else None)


def _check_eligible(user, meeting):
    """A member of the meeting's body in its term, checked in at the meeting; never a guest."""
    seated, presence = seat_and_presence(user, meeting)
    if not seated:
        if is_guest(user, meeting):
            raise Forbidden(_l("Invited guests do not vote."))
        raise Forbidden(_l("Only members of %(body)s vote.", body=meeting.body.name))
    if presence != "present":
        raise Conflict(_l("Check in at the meeting before you vote."))


def _answer(poll, user, key) -> dict:
    answer = {"poll_id": poll.id, "voted": True}
    if poll.is_secret:
        answer["receipt"] = receipt_for(poll, user, key)
    return answer


def _replay(poll, user, key):
    """Return the first answer again for a replay; refuse a second ballot."""
    row = db.session.get(PollParticipation, (poll.id, user.id))
    if row is None:
        return None
    if row.key_hash != key_hash(poll, user, key):
        raise Conflict(_l("You have already voted in this vote."))
    return _answer(poll, user, key)


# The namespace of the polls' advisory locks on PostgreSQL (the first of two int keys).
POLL_LOCK_SPACE = 4004


def lock_poll(poll, shared):
    """Take the poll's transaction-scoped advisory lock on PostgreSQL (a no-op elsewhere).

    Casts share it, closing takes it alone: closing waits for the casts under way, and
    casts that come later queue behind the closing. A lock in the lock manager rather than
    FOR SHARE on the poll's row: hundreds of concurrent row share-locks make PostgreSQL
    build ever larger multixacts (written to disk), which a lock in memory avoids.
    """
    if db.session.get_bind().dialect.name != "postgresql":
        return
    name = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    db.session.execute(select(getattr(func, name)(POLL_LOCK_SPACE, poll.id)))


def _hold_open(poll):
    """Hold the poll open until this transaction ends, or refuse: it is not open.

    PostgreSQL: the shared advisory lock (``lock_poll``), then the state as committed now
    (READ COMMITTED: a closing that committed first is seen). SQLite: a no-op UPDATE takes
    the database's write lock first, so a closing cannot slip in between.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        lock_poll(poll, shared=True)
        found = db.session.scalar(select(Poll.id).where(
            Poll.id == poll.id, Poll.state == "open"))
    else:
        found = db.session.execute(update(Poll).where(
            Poll.id == poll.id, Poll.state == "open").values(state="open")
            .execution_options(synchronize_session=False)).rowcount
    if not found:
        raise Conflict(_l("This vote is not open."))


def cast_ballot(actor, poll, choice, key) -> dict:
    """Record ``actor``'s ballot once; the answer (with a receipt if secret) after commit.

    :raises OperationError: bad key or ballot; Forbidden: not a voter; Conflict: not open,
        not checked in, or already voted with another key.
    """
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise OperationError(_l("Send an Idempotency-Key header of 8 to 100 letters, digits, "
                                "'-' or '_'."))
    # A replay gets its first answer whatever happened since (closed, checked out); the
    # usual first ballot skips that lookup and meets the primary key instead.
    try:
        if poll.state != "open":
            raise Conflict(_l("This vote is not open."))
        _check_eligible(actor, poll.meeting)
    except OperationError:
        replay = _replay(poll, actor, key)
        if replay:
            return replay
        raise
    try:
        # A motion has no candidates: spare the query.
        ids = [c.id for c in poll.candidates] if poll.kind in ("election", "confidence") else []
        stored = rules.check_choice(poll.kind, choice, ids, poll.seats, poll.allow_abstain)
    except rules.InvalidChoice as exc:
        raise OperationError(CHOICE_ERRORS[exc.code]) from None
    _hold_open(poll)
    named = not poll.is_secret
    db.session.add(PollParticipation(poll_id=poll.id, user_id=actor.id,
                                     key_hash=key_hash(poll, actor, key),
                                     choice=stored if named else None,
                                     cast_dt=utcnow() if named else None))
    answer = _answer(poll, actor, key)
    if poll.is_secret:
        db.session.add(PollBallot(id=secrets.token_hex(16), poll_id=poll.id, choice=stored,
                                  receipt_hash=receipt_hash(answer["receipt"])))
    try:
        db.session.flush()
    except IntegrityError:
        # Another tablet of the same person got there first.
        db.session.rollback()
        replay = _replay(poll, actor, key)
        if replay:
            return replay
        raise Conflict(_l("You have already voted in this vote.")) from None
    # Who voted is audited; what a secret ballot says never is.
    audit(actor, "poll.vote", poll, after={"choice": stored} if named else None,
          meeting_id=poll.meeting_id)
    live_count.stage_tick(poll)
    commit()
    return answer

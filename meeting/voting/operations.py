"""Operations on polls: create, open, close, publish, repeat, record a show of hands.

Casting a ballot is in ``ballots.py``. Every operation checks permission, changes the
database in one transaction, writes its audit entry and announces after commit.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.ids import is_id
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings.access import require_chair
from meeting.meetings.rules import quorum
from meeting.voting import ballots, counting, rules, state
from meeting.voting.models import POLL_KINDS, Poll, PollCandidate

MAX_TITLE, MAX_CANDIDATES, MAX_NAME = 300, 100, 200
# Secret ballot is mandatory for elections and votes of confidence (Party rules).
ALWAYS_SECRET = ("election", "confidence")


def get_poll(meeting, poll_id) -> Poll:
    poll = db.session.get(Poll, poll_id) if is_id(poll_id) else None
    if poll is None or poll.meeting_id != meeting.id:
        raise NotFound(_l("This vote does not exist."))
    return poll


def _settings(kind, title, candidates, seats, base, threshold, num, den):
    if kind not in POLL_KINDS:
        raise OperationError(_l("Unknown kind of vote."))
    title = (title or "").strip() if isinstance(title, str) else ""
    if not title or len(title) > MAX_TITLE:
        raise OperationError(_l("Give the vote a title (at most %(n)d characters).",
                                n=MAX_TITLE))
    names = [n.strip() for n in candidates or [] if isinstance(n, str) and n.strip()]
    if len(names) != len(candidates or []) or any(len(n) > MAX_NAME for n in names):
        raise OperationError(_l("Each candidate needs a name."))
    if kind in ALWAYS_SECRET and not 1 <= len(names) <= MAX_CANDIDATES:
        raise OperationError(_l("List between 1 and %(n)d people.", n=MAX_CANDIDATES))
    if kind not in ALWAYS_SECRET:
        names = []
    if type(seats) is not int or not 1 <= seats <= MAX_CANDIDATES:
        raise OperationError(_l("The number of seats must be a whole number from 1."))
    if base not in rules.BASES:
        raise OperationError(_l("Unknown majority base."))
    if threshold != "custom" and threshold not in rules.THRESHOLDS:
        raise OperationError(_l("Unknown majority threshold."))
    if threshold == "custom" and not (type(num) is int and type(den) is int
                                      and 0 < num <= den <= 100):
        raise OperationError(_l("A custom threshold is a fraction such as 3/5."))
    rule = rules.rule_for(threshold, num or 1, den or 2)
    return title, names, rule


def create_poll(actor, meeting, *, kind, title, is_secret=False, allow_abstain=False,
                seats=1, candidates=(), base="members", threshold="half",
                threshold_num=None, threshold_den=None, item_id=None, repeat_of=None):
    """Prepare a vote (a draft) on an agenda item; only whoever chairs may."""
    require_chair(actor, meeting)
    if meeting.status not in ("published", "in_session"):
        raise Conflict(_l("Votes are prepared only for a published meeting."))
    title, names, rule = _settings(kind, title, list(candidates or []), seats, base,
                                   threshold, threshold_num, threshold_den)
    item = meeting.current_item if item_id is None else next(
        (i for i in meeting.items if i.id == item_id), None)
    if item_id is not None and item is None:
        raise NotFound(_l("This agenda item does not exist."))
    poll = Poll(meeting_id=meeting.id, item_id=item.id if item else None, kind=kind,
                title=title, is_secret=kind in ALWAYS_SECRET or (kind == "motion"
                                                                  and bool(is_secret)),
                allow_abstain=kind in ("motion", "hands") and bool(allow_abstain),
                seats=seats if kind == "election" else 1, base=base, threshold=threshold,
                threshold_num=rule.num, threshold_den=rule.den, state="draft",
                repeat_of_id=repeat_of.id if repeat_of else None,
                created_by_id=getattr(actor, "id", None))
    poll.candidates = [PollCandidate(position=i, name=n) for i, n in enumerate(names)]
    db.session.add(poll)
    db.session.flush()
    audit(actor, "poll.create", poll, after=poll.snapshot(), meeting_id=meeting.id)
    announce.to_role(meeting.id, "chair", "poll.drafted", state.poll_data(poll))
    commit()
    return poll


def repeat_poll(actor, poll):
    """Prepare a new vote on the same question, linked to the first (a repeat vote)."""
    if poll.state not in ("closed", "published"):
        raise Conflict(_l("Only a counted vote can be repeated."))
    return create_poll(actor, poll.meeting, kind=poll.kind, title=poll.title,
                       is_secret=poll.is_secret, allow_abstain=poll.allow_abstain,
                       seats=poll.seats, candidates=[c.name for c in poll.candidates],
                       base=poll.base, threshold=poll.threshold,
                       threshold_num=poll.threshold_num, threshold_den=poll.threshold_den,
                       item_id=poll.item_id, repeat_of=poll)


def open_poll(actor, poll):
    """Open the vote: every eligible tablet shows the ballot. Checks the quorum first."""
    meeting = poll.meeting
    require_chair(actor, meeting)
    if meeting.status != "in_session":
        raise Conflict(_l("Votes are held only while the meeting is in session."))
    if poll.state != "draft":
        raise Conflict(_l("Only a prepared vote can be opened."))
    if db.session.scalar(select(Poll.id).where(Poll.meeting_id == meeting.id,
                                              Poll.state == "open")):
        raise Conflict(_l("Another vote is open; close it first."))
    cfg = current_app.config
    q = quorum(counting.present_members_count(meeting), counting.incumbents_count(meeting),
               cfg["QUORUM_NUMERATOR"], cfg["QUORUM_DENOMINATOR"])
    if not q.is_met and cfg.get("VOTE_QUORUM_POLICY", "refuse") == "refuse":
        raise Conflict(_l("The quorum is not met: %(present)d of %(total)d members present, "
                          "%(required)d needed.", present=q.present, total=q.total,
                          required=q.required))
    before = poll.snapshot()
    poll.state, poll.opened_dt, poll.quorum_warning = "open", utcnow(), not q.is_met
    db.session.flush()
    audit(actor, "poll.open", poll, before=before, after=poll.snapshot(),
          meeting_id=meeting.id)
    announce.to_meeting(meeting.id, "poll.opened", state.poll_data(poll))
    commit()
    return poll


def _fix_figures(poll):
    poll.members_total = counting.incumbents_count(poll.meeting)
    poll.present_count = counting.present_members_count(poll.meeting)


def close_poll(actor, poll):
    """Close the vote and count it, in one atomic change: no ballot is taken after it.

    On PostgreSQL the poll's advisory lock, taken alone, waits for the casts under way to
    commit; casts that come later find the poll closed (see ``ballots.lock_poll``).
    """
    require_chair(actor, poll.meeting)
    if poll.kind == "hands":
        raise Conflict(_l("A show of hands is closed by recording its counts."))
    before = poll.snapshot()
    # Wait for the casts under way; casts that come later wait for this transaction.
    ballots.lock_poll(poll, shared=False)
    closed = db.session.execute(
        update(Poll).where(Poll.id == poll.id, Poll.state == "open")
        .values(state="closed", closed_dt=utcnow()).execution_options(
            synchronize_session=False)).rowcount
    if not closed:
        db.session.rollback()
        raise Conflict(_l("This vote is not open."))
    db.session.refresh(poll)
    _fix_figures(poll)
    if poll.is_secret:
        counting.reshuffle_ballots(poll)
    choices, lines = counting.stored_lines(poll)
    poll.result = counting.count(poll, choices)
    poll.ballots_sha256 = rules.digest(lines)
    db.session.flush()
    audit(actor, "poll.close", poll, before=before,
          after={**poll.snapshot(), "result": poll.result, "sha256": poll.ballots_sha256},
          meeting_id=poll.meeting_id)
    announce.to_meeting(poll.meeting_id, "poll.closed", state.poll_data(poll))
    commit()
    return poll


def record_hands(actor, poll, counts):
    """Record the counts of a show of hands (the secretariat counts the raised hands)."""
    require_chair(actor, poll.meeting)
    if poll.kind != "hands":
        raise Conflict(_l("Counts are entered only for a show of hands."))
    if poll.state not in ("draft", "open"):
        raise Conflict(_l("This vote is already counted."))
    options = rules.MOTION_OPTIONS if poll.allow_abstain else rules.MOTION_OPTIONS[:2]
    if not isinstance(counts, dict) or set(counts) - set(options) or any(
            type(counts.get(o, 0)) is not int or counts.get(o, 0) < 0 for o in options):
        raise OperationError(_l("Enter each count as a whole number, 0 or more."))
    counts = {o: counts.get(o, 0) for o in rules.MOTION_OPTIONS}
    before = poll.snapshot()
    _fix_figures(poll)
    if sum(counts.values()) > poll.present_count:
        raise OperationError(_l("The counts add up to more than the %(n)d members present.",
                                n=poll.present_count))
    poll.state, poll.closed_dt = "closed", utcnow()
    poll.opened_dt = poll.opened_dt or poll.closed_dt
    poll.result = counting.count(poll, hands=counts)
    poll.ballots_sha256 = rules.digest(counting.hands_lines(counts))
    db.session.flush()
    audit(actor, "poll.record_hands", poll, before=before,
          after={**poll.snapshot(), "result": poll.result}, meeting_id=poll.meeting_id)
    announce.to_meeting(poll.meeting_id, "poll.closed", state.poll_data(poll))
    commit()
    return poll


def publish_poll(actor, poll):
    """Publish the counted result: final, with the receipt list, for the minutes."""
    require_chair(actor, poll.meeting)
    if poll.state != "closed":
        raise Conflict(_l("Only a counted vote can be published."))
    before = poll.snapshot()
    poll.state = "published"
    db.session.flush()
    audit(actor, "poll.publish", poll, before=before, after=poll.snapshot(),
          meeting_id=poll.meeting_id)
    announce.to_meeting(poll.meeting_id, "poll.published", state.poll_data(poll))
    commit()
    return poll

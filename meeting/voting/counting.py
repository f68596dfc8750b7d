"""Counting a poll from what is stored: tally, outcome, digest, and the recount."""

import secrets

from sqlalchemy import delete, func, select

from meeting.extensions import db
from meeting.meetings.models import Attendance, Membership
from meeting.voting import rules
from meeting.voting.models import PollBallot, PollParticipation


def incumbents_count(meeting) -> int:
    return db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.term_id == meeting.term_id, Membership.end_date.is_(None))) or 0


def present_members_count(meeting) -> int:
    """Incumbent members checked in: the voters a poll of this meeting may have."""
    return db.session.scalar(select(func.count()).select_from(Membership).join(
        Attendance, (Attendance.user_id == Membership.user_id)
        & (Attendance.meeting_id == meeting.id)).where(
        Membership.term_id == meeting.term_id, Membership.end_date.is_(None),
        Attendance.presence == "present")) or 0


def received_count(poll) -> int:
    return db.session.scalar(select(func.count()).select_from(PollParticipation).where(
        PollParticipation.poll_id == poll.id)) or 0


def stored_lines(poll) -> tuple[list, list[str]]:
    """Return the stored choices and the digest lines of ``poll``."""
    if poll.is_secret:
        rows = db.session.execute(select(PollBallot.id, PollBallot.receipt_hash,
                                         PollBallot.choice).where(PollBallot.poll_id == poll.id))
        rows = list(rows)
        return ([r.choice for r in rows],
                [f"{r.id} {r.receipt_hash} {rules.canonical(r.choice)}" for r in rows])
    rows = list(db.session.execute(select(PollParticipation.user_id, PollParticipation.choice)
                                   .where(PollParticipation.poll_id == poll.id)))
    return ([r.choice for r in rows],
            [f"{r.user_id} {rules.canonical(r.choice)}" for r in rows])


def reshuffle_ballots(poll):
    """Rewrite a secret poll's ballots under fresh random ids, in the order of those ids.

    While a poll is open its ballots sit in the order they were cast (a table's physical
    order, SQLite's rowid). Rewriting them at closing leaves an order, and ids, that
    have nothing to do with the order of the voters in the audit log.
    """
    rows = list(db.session.execute(select(PollBallot.choice, PollBallot.receipt_hash)
                                   .where(PollBallot.poll_id == poll.id)))
    db.session.execute(delete(PollBallot).where(PollBallot.poll_id == poll.id))
    fresh = sorted((secrets.token_hex(16), r.choice, r.receipt_hash) for r in rows)
    if fresh:
        db.session.execute(PollBallot.__table__.insert(), [
            {"id": i, "poll_id": poll.id, "choice": c, "receipt_hash": h} for i, c, h in fresh])


def count(poll, choices=None, hands=None) -> dict:
    """Tally ``poll`` (from stored ballots unless given) and decide it by its rule."""
    ids = [c.id for c in poll.candidates]
    rule = rules.rule_for(poll.threshold, poll.threshold_num, poll.threshold_den)
    if poll.kind == "hands":
        counts = {o: hands.get(o, 0) for o in rules.MOTION_OPTIONS}
        total = sum(counts.values())
        result = {"ballots": total, "valid": total, "invalid": 0, "counts": counts}
    else:
        result = rules.tally(poll.kind, choices, ids, poll.seats, poll.allow_abstain)
    base = rules.base_count(poll.base, poll.members_total or 0, poll.present_count or 0,
                            result["valid"])
    if poll.kind in ("motion", "hands"):
        result["outcome"] = rules.motion_outcome(result["counts"], base, rule)
    elif poll.kind == "election":
        result["outcome"] = rules.election_outcome(result["counts"], poll.seats, base, rule)
    else:
        result["outcome"] = rules.confidence_outcome(result["counts"], result["ballots"])
    return result


def hands_lines(counts: dict) -> list[str]:
    return [f"{o} {counts.get(o, 0)}" for o in rules.MOTION_OPTIONS]


def verify(poll) -> dict:
    """Recount ``poll`` from the stored ballots; compare with its result and digest."""
    if poll.state not in ("closed", "published") or poll.result is None:
        return {"ok": False, "recount_matches": False, "digest_matches": False,
                "reason": "not counted"}
    if poll.kind == "hands":
        counts = poll.result["counts"]
        recount, lines = count(poll, hands=counts), hands_lines(counts)
    else:
        choices, lines = stored_lines(poll)
        recount = count(poll, choices)
    same = recount == poll.result
    digest_ok = rules.digest(lines) == poll.ballots_sha256
    participations = received_count(poll)
    # A ballot added or removed behind the count's back shows here too.
    complete = poll.kind == "hands" or recount["ballots"] == participations
    return {"ok": same and digest_ok and complete, "recount_matches": same,
            "digest_matches": digest_ok, "ballots_match_participations": complete,
            "ballots": recount["ballots"], "participations": participations,
            "sha256": rules.digest(lines)}

"""Polls as plain data: event payloads and the snapshot's part ``polls``.

Nothing here reveals a secret choice; a named poll's breakdown goes to the chair only.
"""

from sqlalchemy import select

from meeting.core.time import utc_iso
from meeting.extensions import db
from meeting.meetings.access import can_chair
from meeting.meetings.state import snapshot_part
from meeting.voting import counting, explain, rules
from meeting.voting.models import Poll, PollParticipation

RECENT = 5


def count_data(poll) -> dict:
    return {"poll_id": poll.id, "received": counting.received_count(poll),
            "eligible": counting.present_members_count(poll.meeting)}


def poll_data(poll) -> dict:
    """Everything anyone in the meeting may know about ``poll`` now."""
    data = {"id": poll.id, "meeting_id": poll.meeting_id, "item_id": poll.item_id,
            "kind": poll.kind, "title": poll.title, "is_secret": poll.is_secret,
            "allow_abstain": poll.allow_abstain, "seats": poll.seats, "base": poll.base,
            "threshold": poll.threshold, "threshold_num": poll.threshold_num,
            "threshold_den": poll.threshold_den, "state": poll.state,
            "repeat_of_id": poll.repeat_of_id, "quorum_warning": poll.quorum_warning,
            "opened_dt": utc_iso(poll.opened_dt), "closed_dt": utc_iso(poll.closed_dt),
            "candidates": [{"id": c.id, "name": c.name} for c in poll.candidates],
            **{k: v for k, v in count_data(poll).items() if k != "poll_id"}}
    if poll.state in ("closed", "published"):
        data |= {"result": poll.result, "explanation": explain.explain_both(poll),
                 "rule": explain.rule_words(poll), "sha256": poll.ballots_sha256,
                 "members_total": poll.members_total, "present_count": poll.present_count}
        if poll.result and poll.kind != "hands":
            data["received"] = poll.result["ballots"]
    return data


def breakdown(poll) -> dict:
    """A named poll's choices so far, for the chair: who voted what, and the tally."""
    if poll.is_secret:
        return {"poll_id": poll.id, "voters": [], "counts": None}
    rows = list(db.session.scalars(select(PollParticipation).where(
        PollParticipation.poll_id == poll.id).order_by(PollParticipation.cast_dt)))
    tally = rules.tally(poll.kind, [r.choice for r in rows], [c.id for c in poll.candidates],
                        poll.seats, poll.allow_abstain)
    return {"poll_id": poll.id, "counts": tally.get("counts"),
            "voters": [{"user_id": r.user_id, "name": r.user.full_name, "choice": r.choice}
                       for r in rows]}


def voted_poll_ids(meeting, user) -> list[int]:
    return list(db.session.scalars(select(PollParticipation.poll_id).join(Poll).where(
        Poll.meeting_id == meeting.id, PollParticipation.user_id == user.id)))


@snapshot_part
def polls_part(meeting, user) -> dict:
    """The open vote, the last counted ones, and which of them this person has voted in.

    Whether this person may vote is not here: it follows from ``me.is_member`` and
    ``me.presence``, which ``attendance.changed`` keeps current, so a tablet replaying
    events agrees with a fresh snapshot.
    """
    chair = can_chair(user, meeting)
    query = select(Poll).where(Poll.meeting_id == meeting.id).order_by(Poll.id.desc())
    polls = list(db.session.scalars(query))
    active = [poll_data(p) for p in polls if p.state == "open"]
    # Only the last few are sent: the others are not worked out at all.
    counted = [p for p in polls if p.state in ("closed", "published")][:RECENT]
    counted = [poll_data(p) for p in counted]
    part = {"active": active, "recent": counted, "voted": voted_poll_ids(meeting, user)}
    if chair:
        part["drafts"] = [poll_data(p) for p in polls if p.state == "draft"]
        part["breakdown"] = [breakdown(p) for p in polls
                             if p.state == "open" and not p.is_secret]
    return {"polls": part}

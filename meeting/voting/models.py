"""Polls, their candidates, who took part, and the ballots of secret polls.

Secrecy lives in the table layout: ``poll_participations`` says who voted (and, for a
named poll only, what); ``poll_ballots`` holds a secret poll's choices under random ids,
with no person, no time and no sequence (see docs/VOTING.md, "Secrecy").
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db

POLL_KINDS = {
    "motion": _l("Motion"),
    "election": _l("Election"),
    "confidence": _l("Vote of confidence"),
    "hands": _l("Show of hands"),
}
# Words of their own: "Closed" alone is the meeting's "Đã bế mạc" in the catalog.
POLL_STATES = {"draft": _l("Prepared"), "open": _l("Voting open"), "closed": _l("Counted"),
               "published": _l("Result published")}


class Poll(db.Model):
    """A vote (biểu quyết / bỏ phiếu) on an agenda item of a meeting."""

    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    is_secret: Mapped[bool] = mapped_column(default=False)
    allow_abstain: Mapped[bool] = mapped_column(default=False)
    seats: Mapped[int] = mapped_column(default=1)
    # Majority rule: the base counted against, and the fraction of it required.
    base: Mapped[str] = mapped_column(String(20), default="members")
    threshold: Mapped[str] = mapped_column(String(20), default="half")
    threshold_num: Mapped[int] = mapped_column(default=1)
    threshold_den: Mapped[int] = mapped_column(default=2)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("polls.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    opened_dt: Mapped[datetime | None]
    closed_dt: Mapped[datetime | None]
    quorum_warning: Mapped[bool] = mapped_column(default=False)
    # Fixed when the poll closes: the figures the result was counted on.
    members_total: Mapped[int | None]
    present_count: Mapped[int | None]
    result: Mapped[dict | None] = mapped_column(JSON)
    ballots_sha256: Mapped[str | None] = mapped_column(String(64))

    candidates: Mapped[list["PollCandidate"]] = relationship(
        back_populates="poll", order_by="PollCandidate.position", cascade="all, delete-orphan")
    meeting = relationship("Meeting")
    item = relationship("AgendaItem")

    def snapshot(self) -> dict:
        """Describe the poll for the audit log (settings and state; never a choice)."""
        return {"meeting_id": self.meeting_id, "item_id": self.item_id, "kind": self.kind,
                "title": self.title, "is_secret": self.is_secret,
                "allow_abstain": self.allow_abstain, "seats": self.seats, "base": self.base,
                "threshold": [self.threshold, self.threshold_num, self.threshold_den],
                "state": self.state, "repeat_of_id": self.repeat_of_id,
                "candidates": [c.name for c in self.candidates]}


class PollCandidate(db.Model):
    """A candidate of an election, or a person whose confidence is asked."""

    __tablename__ = "poll_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    poll: Mapped[Poll] = relationship(back_populates="candidates")


class PollParticipation(db.Model):
    """That a person voted in a poll: at most once, whatever the number of tablets.

    For a named poll the choice and time are kept here; for a secret poll both are NULL
    and the choice is a ``PollBallot`` that nothing links back to this row.
    """

    __tablename__ = "poll_participations"

    # The composite key is the database's guarantee of one ballot per person.
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    # SHA-256 of the Idempotency-Key: a replay is recognised, the key itself is not kept
    # (a secret poll's receipt is derived from it).
    key_hash: Mapped[str] = mapped_column(String(64))
    choice: Mapped[dict | list | str | None] = mapped_column(JSON)
    cast_dt: Mapped[datetime | None]

    user = relationship("User")


class PollBallot(db.Model):
    """One secret ballot: a random id, the choice and the hash of the voter's receipt."""

    __tablename__ = "poll_ballots"

    # Random, not a sequence: the key says nothing about when the ballot was cast.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         index=True)
    choice: Mapped[dict | list | str] = mapped_column(JSON)
    receipt_hash: Mapped[str] = mapped_column(String(64))


class PollReservation(db.Model):
    """A member's reservation of opinion (bảo lưu ý kiến) on a counted vote, for the minutes.

    Named on purpose, whatever the ballot: a reservation is a statement made openly and
    written into the minutes, not a vote. One per member and vote; rewriting replaces it.
    """

    __tablename__ = "poll_reservations"

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    text: Mapped[str] = mapped_column(String(2000))
    recorded_dt: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")

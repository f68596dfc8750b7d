"""The meeting room's records: bodies and their terms, meetings and what happens in them."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db

OFFICES = {
    "secretary": _l("Secretary"),
    "deputy_secretary": _l("Deputy Secretary"),
    "standing_member": _l("Standing Committee member"),
    "member": _l("Executive Committee member"),
}

MEETING_STATUSES = {
    "draft": _l("Draft"),
    "published": _l("Published"),
    "in_session": _l("In session"),
    "closed": _l("Closed"),
    "archived": _l("Archived"),
}

ITEM_STATUSES = {"pending": _l("Pending"), "current": _l("Current"), "done": _l("Done")}
RSVP_CHOICES = {"none": _l("Not answered"), "attending": _l("Will attend"),
                "excused": _l("Excused")}
PRESENCE_CHOICES = {"unknown": _l("Not checked in"), "present": _l("Present"),
                    "absent": _l("Absent")}
SPEAKER_STATUSES = {"waiting": _l("Waiting"), "speaking": _l("Speaking"), "done": _l("Done"),
                    "withdrawn": _l("Withdrawn")}


class Body(db.Model):
    """A leading body: the Executive Committee (BCH) or the Standing Committee (BTV)."""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    terms: Mapped[list["Term"]] = relationship(back_populates="body", order_by="Term.start_date")

    @property
    def current_term(self) -> "Term | None":
        return next((t for t in reversed(self.terms) if t.is_current), None)

    def snapshot(self) -> dict:
        return {"code": self.code, "name": self.name}


class Term(db.Model):
    """A term of office (khóa), e.g. khóa XVII, 2025–2030."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"))
    label: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    is_current: Mapped[bool] = mapped_column(default=True)

    body: Mapped[Body] = relationship(back_populates="terms")
    memberships: Mapped[list["Membership"]] = relationship(back_populates="term")

    @property
    def incumbents(self) -> list["Membership"]:
        return [m for m in self.memberships if m.end_date is None]

    def snapshot(self) -> dict:
        return {"body_id": self.body_id, "label": self.label, "is_current": self.is_current,
                "start_date": self.start_date.isoformat()}


class Membership(db.Model):
    """A person's seat in a body for a term, with their office."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("term_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    office: Mapped[str] = mapped_column(String(30), default="member")
    end_date: Mapped[date | None]

    term: Mapped[Term] = relationship(back_populates="memberships")
    user = relationship("User", lazy="joined")

    def snapshot(self) -> dict:
        return {"term_id": self.term_id, "user_id": self.user_id, "office": self.office,
                "end_date": self.end_date.isoformat() if self.end_date else None}


class Meeting(db.Model):
    """A meeting (hội nghị) of one body in one term."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id"))
    title: Mapped[str] = mapped_column(String(300))
    number: Mapped[int | None]
    start_dt: Mapped[datetime]
    end_dt: Mapped[datetime]
    room: Mapped[str] = mapped_column(String(200), default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Grows with every live announcement of this meeting; tablets use it to spot gaps.
    live_seq: Mapped[int] = mapped_column(default=0)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    body: Mapped[Body] = relationship()
    term: Mapped[Term] = relationship()
    chair = relationship("User", foreign_keys=[chair_id])
    items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan")
    guests: Mapped[list["MeetingGuest"]] = relationship(cascade="all, delete-orphan")

    @property
    def current_item(self) -> "AgendaItem | None":
        return next((i for i in self.items if i.status == "current"), None)

    def snapshot(self) -> dict:
        return {"body_id": self.body_id, "term_id": self.term_id, "title": self.title,
                "number": self.number, "start_dt": self.start_dt.isoformat(),
                "end_dt": self.end_dt.isoformat(), "room": self.room,
                "chair_id": self.chair_id, "status": self.status}


class MeetingGuest(db.Model):
    """An invited guest (đại biểu mời): reads what they are given, never votes."""

    __tablename__ = "meeting_guests"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    user = relationship("User", lazy="joined")


class AgendaItem(db.Model):
    """One item (nội dung) of a meeting's agenda."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    planned_minutes: Mapped[int] = mapped_column(default=15)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")

    meeting: Mapped[Meeting] = relationship(back_populates="items")

    def snapshot(self) -> dict:
        return {"title": self.title, "presenter": self.presenter, "position": self.position,
                "planned_minutes": self.planned_minutes, "description": self.description,
                "status": self.status}


class Attendance(db.Model):
    """A person's answer to the invitation and their presence at the meeting."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    rsvp: Mapped[str] = mapped_column(String(20), default="none")
    excuse_reason: Mapped[str] = mapped_column(String(500), default="")
    presence: Mapped[str] = mapped_column(String(20), default="unknown")
    checked_in_dt: Mapped[datetime | None]

    user = relationship("User", lazy="joined")

    def snapshot(self) -> dict:
        return {"user_id": self.user_id, "rsvp": self.rsvp, "excuse_reason": self.excuse_reason,
                "presence": self.presence}


class SpeakerRequest(db.Model):
    """A request to speak (đăng ký phát biểu) on an agenda item, and its time at the floor."""

    __tablename__ = "speaker_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    limit_seconds: Mapped[int] = mapped_column(default=300)
    requested_dt: Mapped[datetime] = mapped_column(default=utcnow)
    started_dt: Mapped[datetime | None]
    ended_dt: Mapped[datetime | None]

    user = relationship("User", lazy="joined")
    item: Mapped[AgendaItem] = relationship()

    def snapshot(self) -> dict:
        return {"item_id": self.item_id, "user_id": self.user_id, "status": self.status,
                "limit_seconds": self.limit_seconds}

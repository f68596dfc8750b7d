"""Issued papers and their numbers, the minutes being written, background builds."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db

# kind → (type code of Hướng dẫn 36, type title as printed, label in the app)
PAPER_KINDS = {
    "invitation": ("GM", "Giấy mời", _l("Invitation")),
    "agenda": ("CTr", "Chương trình", _l("Agenda")),
    "minutes": ("BB", "Biên bản", _l("Minutes")),
    "notice": ("TB", "Thông báo kết luận", _l("Conclusion notice")),
}
# Papers other domains generate and issue through issue.issue_generated_paper: same
# numbering, storage, signing and list. Numbers count per type code (all "BB" together).
GENERATED_KINDS = {
    "counting": ("BB", "Biên bản kiểm phiếu", _l("Counting minutes")),
}
MINUTES_STATES = {"draft": _l("Being written"), "approved": _l("Approved (locked)")}
JOB_STATES = {"queued": _l("Queued"), "running": _l("Being built"), "done": _l("Done"),
              "failed": _l("Failed")}


def kind_info(kind: str) -> tuple:
    """(type code, type title, label) of a meeting paper or a generated one."""
    return PAPER_KINDS.get(kind) or GENERATED_KINDS[kind]


class IssuedPaper(db.Model):
    """A paper issued with its number: "Số 12-BB/TU" is the 12th "BB" paper of a term.

    Numbers restart each term and count per type code (the meeting minutes and the
    counting minutes are both "BB"); the unique constraint makes two issues racing for
    the same number fail instead of both printing it. ``source`` names what a generated
    paper was made from (e.g. "poll:12"), so it is issued only once.
    """

    __tablename__ = "issued_papers"
    __table_args__ = (UniqueConstraint("term_id", "code", "number"),
                      UniqueConstraint("kind", "source"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str | None] = mapped_column(String(60))
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id"))
    number: Mapped[int]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    pages: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(300))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_dt: Mapped[datetime] = mapped_column(default=utcnow)
    # Signing keeps the unsigned file and adds the signed one beside it.
    signed_sha256: Mapped[str | None] = mapped_column(String(64))
    signed_path: Mapped[str | None] = mapped_column(String(300))
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_dt: Mapped[datetime | None]
    signer_subject: Mapped[str | None] = mapped_column(String(300))

    meeting = relationship("Meeting")
    term = relationship("Term")
    issued_by = relationship("User", foreign_keys=[issued_by_id])
    signed_by = relationship("User", foreign_keys=[signed_by_id])

    @property
    def is_signed(self) -> bool:
        return self.signed_path is not None

    def snapshot(self) -> dict:
        return {"kind": self.kind, "code": self.code, "title": self.title,
                "source": self.source, "term_id": self.term_id, "number": self.number,
                "meeting_id": self.meeting_id, "pages": self.pages, "sha256": self.sha256,
                "signed_sha256": self.signed_sha256, "signer_subject": self.signer_subject}


class Minutes(db.Model):
    """The minutes (biên bản) of a meeting as written in the app; locked once approved."""

    __tablename__ = "paper_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    opening: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")
    secretary_name: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str] = mapped_column(String(20), default="draft")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_dt: Mapped[datetime | None]

    notes: Mapped[list["MinutesNote"]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan")
    approved_by = relationship("User", foreign_keys=[approved_by_id])

    @property
    def is_locked(self) -> bool:
        return self.state == "approved"

    def note_for(self, item_id: int) -> str:
        return next((n.text for n in self.notes if n.item_id == item_id), "")

    def snapshot(self) -> dict:
        return {"meeting_id": self.meeting_id, "state": self.state,
                "opening": self.opening, "conclusions": self.conclusions,
                "secretary_name": self.secretary_name,
                "notes": {str(n.item_id): n.text for n in self.notes}}


class MinutesNote(db.Model):
    """Free text of the minutes for one agenda item."""

    __tablename__ = "paper_minutes_notes"
    __table_args__ = (UniqueConstraint("minutes_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(
        ForeignKey("paper_minutes.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")

    minutes: Mapped[Minutes] = relationship(back_populates="notes")


class PaperJob(db.Model):
    """A paper being built in the background; the page shows its state."""

    __tablename__ = "paper_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    finished_dt: Mapped[datetime | None]
    error: Mapped[str] = mapped_column(String(500), default="")
    paper_id: Mapped[int | None] = mapped_column(ForeignKey("issued_papers.id"))

    paper = relationship(IssuedPaper)

    def as_json(self) -> dict:
        return {"id": self.id, "meeting_id": self.meeting_id, "kind": self.kind,
                "state": self.state, "state_label": str(JOB_STATES[self.state]),
                "error": self.error, "paper_id": self.paper_id}

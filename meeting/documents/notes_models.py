"""A delegate's own marks on a paper (annotations) and comments on drafts (góp ý)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utc_iso, utcnow
from meeting.extensions import db

ANNOTATION_KINDS = {
    "highlight": _l("Highlight"),
    "ink": _l("Drawing"),
    "note": _l("Note"),
}

COMMENT_STATUSES = {"active": _l("Sent"), "withdrawn": _l("Withdrawn")}


class Annotation(db.Model):
    """A private mark on one page of a paper, kept under its owner's account.

    ``page_digest`` is the page's fingerprint (DocumentPage.digest) when the mark was made:
    on a new version the mark follows the page while the fingerprint is unchanged.
    ``data`` holds the geometry in page fractions (0–1), so it fits any zoom:
    highlight ``{"rects": [[x, y, w, h], …], "color": "#ffd400"}``,
    ink ``{"strokes": [[[x, y], …], …], "color": "#d00000", "width": 0.004}``,
    note ``{"x": 0.1, "y": 0.2}`` with the words in ``text``.
    """

    __tablename__ = "document_annotations"
    __table_args__ = (Index("ix_document_annotations_user_document", "user_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    version_number: Mapped[int]
    page_number: Mapped[int]  # 1-based, in the version it was made on
    page_digest: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text, default="")
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow)

    document = relationship("Document")

    def snapshot(self) -> dict:
        """What the audit log keeps: where and what kind, never the private words."""
        return {"document_id": self.document_id, "version": self.version_number,
                "page": self.page_number, "kind": self.kind}

    def as_dict(self) -> dict:
        return {"id": self.id, "document_id": self.document_id,
                "version": self.version_number, "page_number": self.page_number,
                "kind": self.kind, "data": self.data or {}, "text": self.text,
                "created_dt": utc_iso(self.created_dt), "updated_dt": utc_iso(self.updated_dt)}


class Comment(db.Model):
    """A delegate's comment on a draft, tied to a page and, optionally, a quoted passage."""

    __tablename__ = "document_comments"
    __table_args__ = (Index("ix_document_comments_document_status", "document_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    version_number: Mapped[int]
    page_number: Mapped[int | None]  # None: on the paper as a whole
    quote: Mapped[str] = mapped_column(Text, default="")  # the passage selected on the page
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", lazy="joined")
    document = relationship("Document")

    def snapshot(self) -> dict:
        return {"document_id": self.document_id, "version": self.version_number,
                "page": self.page_number, "quote": self.quote, "text": self.text,
                "status": self.status}

    def as_dict(self) -> dict:
        return {"id": self.id, "document_id": self.document_id, "user_id": self.user_id,
                "name": self.user.full_name if self.user else "",
                "version": self.version_number, "page_number": self.page_number,
                "quote": self.quote, "text": self.text, "status": self.status,
                "created_dt": utc_iso(self.created_dt), "updated_dt": utc_iso(self.updated_dt)}

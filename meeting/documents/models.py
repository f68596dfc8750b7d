"""Meeting papers (tài liệu): documents, their versions, stored files, pages and read receipts."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    DDL,
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db

# Kinds of paper (loại tài liệu). ``du_thao`` is a draft open for comment (góp ý).
KINDS = {
    "tai_lieu": _l("Document"),
    "du_thao": _l("Draft for comment"),
    "bao_cao": _l("Report"),
    "to_trinh": _l("Submission"),
    "ke_hoach": _l("Plan"),
    "chuong_trinh": _l("Programme"),
    "nghi_quyet": _l("Draft resolution"),
    "thong_bao": _l("Notice"),
    "khac": _l("Other"),
}

# Classification marks (độ mật) in rising order: Thường, Mật, Tối mật, Tuyệt mật.
CLASSIFICATIONS = {
    "thuong": _l("Unclassified"),
    "mat": _l("Confidential"),
    "toi_mat": _l("Secret"),
    "tuyet_mat": _l("Top secret"),
}
CLASSIFIED = ("mat", "toi_mat", "tuyet_mat")

DOCUMENT_STATUSES = {
    "draft": _l("Not published"),
    "published": _l("Published"),
    "unpublished": _l("Withdrawn"),
}

# Meeting states in which classified papers are recalled from delegates' tablets.
RECALL_MEETING_STATUSES = ("closed", "archived")


class StoredFile(db.Model):
    """A file kept under the instance folder, named by the server, shared by equal content."""

    __tablename__ = "document_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    # Relative to the documents folder, e.g. "ab/ab12…ef.pdf"; never a user's file name.
    storage_name: Mapped[str] = mapped_column(String(120))
    page_count: Mapped[int] = mapped_column(default=0)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)


class Document(db.Model):
    """A paper of a meeting, optionally attached to one agenda item."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"),
                                            index=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="tai_lieu")
    classification: Mapped[str] = mapped_column(String(20), default="thuong")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # True: every member of the body for the meeting's term, the chair and the guests.
    # False: only the people listed in DocumentRecipient.
    to_all: Mapped[bool] = mapped_column(default=True)
    allow_download: Mapped[bool] = mapped_column(default=False)
    comment_deadline_dt: Mapped[datetime | None]
    position: Mapped[int] = mapped_column(default=0)
    published_dt: Mapped[datetime | None]
    updated_dt: Mapped[datetime | None]  # when the latest version replaced an earlier one
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    meeting = relationship("Meeting")
    item = relationship("AgendaItem")
    created_by = relationship("User", foreign_keys=[created_by_id])
    versions: Mapped[list["DocumentVersion"]] = relationship(
        back_populates="document", order_by="DocumentVersion.number",
        cascade="all, delete-orphan")
    recipients: Mapped[list["DocumentRecipient"]] = relationship(
        cascade="all, delete-orphan")

    @property
    def current_version(self) -> "DocumentVersion | None":
        return self.versions[-1] if self.versions else None

    @property
    def is_classified(self) -> bool:
        return self.classification in CLASSIFIED

    @property
    def is_draft_for_comment(self) -> bool:
        return self.kind == "du_thao"

    @property
    def is_updated(self) -> bool:
        """Tell whether a newer version replaced the first one (the "updated" mark)."""
        return len(self.versions) > 1

    @property
    def is_recalled(self) -> bool:
        """Classified papers leave delegates' hands once the meeting is closed."""
        return self.is_classified and self.meeting.status in RECALL_MEETING_STATUSES

    def comments_open(self, now: datetime) -> bool:
        return (self.is_draft_for_comment and self.status == "published"
                and (self.comment_deadline_dt is None or now < self.comment_deadline_dt))

    def snapshot(self) -> dict:
        version = self.current_version
        return {"meeting_id": self.meeting_id, "item_id": self.item_id, "title": self.title,
                "kind": self.kind, "classification": self.classification,
                "status": self.status, "to_all": self.to_all,
                "allow_download": self.allow_download,
                "comment_deadline_dt": (self.comment_deadline_dt.isoformat()
                                        if self.comment_deadline_dt else None),
                "version": version.number if version else None,
                "recipients": sorted(r.user_id for r in self.recipients)}


class DocumentVersion(db.Model):
    """One uploaded file of a document; the highest number is the current one."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    number: Mapped[int] = mapped_column(default=1)
    file_id: Mapped[int] = mapped_column(ForeignKey("document_files.id"), index=True)
    page_count: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    # The name the file was uploaded under, cleaned; shown only, never used as a path.
    original_name: Mapped[str] = mapped_column(String(200), default="")
    converted_from: Mapped[str] = mapped_column(String(10), default="")  # "docx", "xlsx"…
    change_note: Mapped[str] = mapped_column(String(500), default="")  # what the update changed
    # Pages whose text search can find; None: all. A paper past DOCUMENT_INDEX_MAX_CHARS of
    # text is indexed up to there (1,000 pages × 20,000 characters held a server 15 s).
    indexed_pages: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="versions")
    file: Mapped[StoredFile] = relationship()
    pages: Mapped[list["DocumentPage"]] = relationship(
        order_by="DocumentPage.number", cascade="all, delete-orphan")

    def snapshot(self) -> dict:
        return {"document_id": self.document_id, "number": self.number,
                "page_count": self.page_count, "sha256": self.sha256,
                "original_name": self.original_name, "change_note": self.change_note}


class DocumentPage(db.Model):
    """A page of a version: its text (for search) and a digest of what it shows.

    Equal digests across versions mean the page did not change, so a delegate's notes
    on it can follow the paper to its new version.
    """

    __tablename__ = "document_pages"
    __table_args__ = (
        UniqueConstraint("version_id", "number"),
        Index("ix_document_pages_digest", "digest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]  # 1-based
    digest: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    # Lower-case, diacritics removed (đ→d): what search matches against.
    folded: Mapped[str] = mapped_column(Text, default="")


class DocumentRecipient(db.Model):
    """A person a document is distributed to, when it does not go to everyone."""

    __tablename__ = "document_recipients"
    __table_args__ = (UniqueConstraint("document_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)

    user = relationship("User", lazy="joined")


class ReadReceipt(db.Model):
    """That a person opened a version of a paper, and which pages they viewed; nothing more."""

    __tablename__ = "document_read_receipts"
    __table_args__ = (UniqueConstraint("version_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    first_opened_dt: Mapped[datetime] = mapped_column(default=utcnow)
    last_opened_dt: Mapped[datetime] = mapped_column(default=utcnow)
    pages_viewed: Mapped[list] = mapped_column(JSON, default=list)  # sorted page numbers

    user = relationship("User", lazy="joined")
    version: Mapped[DocumentVersion] = relationship()

    @property
    def pages_viewed_count(self) -> int:
        return len(self.pages_viewed or [])


# Full-text search (search.py) over DocumentPage.folded, created with the tables.
FTS_TABLE = "document_page_fts"

# SQLite: created with the table (tests' create_all) and by the migration alike.
SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(folded, tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS document_pages_fts_insert AFTER INSERT ON document_pages "
    f"BEGIN INSERT INTO {FTS_TABLE}(rowid, folded) VALUES (new.id, new.folded); END",
    f"CREATE TRIGGER IF NOT EXISTS document_pages_fts_delete AFTER DELETE ON document_pages "
    f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
)

# PostgreSQL: an expression index, so no column to keep in step.
PG_FTS_INDEX = Index("ix_document_pages_fts",
                     func.to_tsvector(text("'simple'"), DocumentPage.folded),
                     postgresql_using="gin").ddl_if(dialect="postgresql")

for _statement in SQLITE_DDL:
    event.listen(DocumentPage.__table__, "after_create",
                 DDL(_statement).execute_if(dialect="sqlite"))
event.listen(DocumentPage.__table__, "after_drop",
             DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"))


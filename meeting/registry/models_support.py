"""Registry tables that are not records of a unit: access grants, import drafts, frozen years."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db


class RegistryGrant(db.Model):
    """A person may edit or view the registry of a unit and every unit below it."""

    __tablename__ = "registry_grants"
    __table_args__ = (UniqueConstraint("user_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(20), default="viewer")

    user = relationship("User")
    unit = relationship("Unit", lazy="joined")

    def snapshot(self) -> dict:
        return {"user_id": self.user_id, "unit_id": self.unit_id, "level": self.level}


class ImportDraft(db.Model):
    """An uploaded file waiting for its dry run to be confirmed (then deleted)."""

    __tablename__ = "registry_import_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    mode: Mapped[str] = mapped_column(String(10), default="upsert")  # or "create" only
    filename: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)


class FrozenFigures(db.Model):
    """A year's report figures as published, so the report can be regenerated identically."""

    __tablename__ = "registry_frozen_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    as_of: Mapped[date]
    figures: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    frozen_dt: Mapped[datetime] = mapped_column(default=utcnow)
    frozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    frozen_by = relationship("User")

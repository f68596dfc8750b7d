"""Models shared by every domain: the audit log and the unit tree."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db


class Unit(db.Model):
    """A Party unit (đơn vị): province, district/city committee, commune; a simple tree."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="province")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent", order_by="Unit.name")

    LEVELS = ("province", "district", "commune")

    def snapshot(self) -> dict:
        return {"code": self.code, "name": self.name, "level": self.level,
                "parent_id": self.parent_id}

    def __repr__(self):
        return f"<Unit {self.code}>"


class AuditEntry(db.Model):
    """Who changed what, when, with the state before and after."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None]
    meeting_id: Mapped[int | None] = mapped_column(index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    user = relationship("User")

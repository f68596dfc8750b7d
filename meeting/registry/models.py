"""The IT registry: one typed table per record kind, each record belonging to a unit.

Units themselves live in ``meeting.core.models.Unit`` (code = natural key, parent tree);
what the registry adds about a unit (its level in the Party structure, mailboxes, staff)
is a ``UnitProfile`` row keyed by the unit. Every record kind declares ``KIND`` (its name
in URLs, the API, imports and audit actions), ``NATURAL_KEY`` (the column an import updates
by, when it has one) and ``snapshot()`` (the audit log's before/after).
"""

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from meeting.core.models import Unit
from meeting.core.time import utcnow
from meeting.extensions import db

# The status and type vocabularies (with their labels) live in ``vocab``; imported here
# so ``models.DEVICE_STATUSES`` etc. keep working.
from meeting.registry.vocab import (  # noqa: E402,F401
    CERTIFICATE_STATUSES,
    DEVICE_KINDS,
    DEVICE_STATUSES,
    GRANT_LEVELS,
    HOLDER_KINDS,
    LINK_STATUSES,
    POINT_STATUSES,
    SITE_STATUSES,
    SYSTEM_CATEGORIES,
    UNIT_LEVELS,
    USE_STATUSES,
    VIDEO_LEVELS,
)


def _iso(value):
    return value.isoformat() if value is not None else None


class UnitRecord:
    """Columns every unit-owned record shares: its unit and when the row changed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @declared_attr
    def unit_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("units.id"), index=True)

    @declared_attr
    def unit(cls):
        return relationship("Unit", lazy="joined", innerjoin=True)

    NATURAL_KEY: str | None = None
    FIELDS: tuple[str, ...] = ()

    def snapshot(self) -> dict:
        data = {"unit_id": self.unit_id}
        for name in self.FIELDS:
            value = getattr(self, name)
            data[name] = _iso(value) if isinstance(value, date | datetime) else value
        return data


class UnitProfile(db.Model):
    """What the registry knows about a unit beyond the tree: level, mailboxes, staff."""

    __tablename__ = "registry_unit_profiles"
    KIND = "unit"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         primary_key=True)
    level: Mapped[str] = mapped_column(String(20), default="commune", index=True)
    staff: Mapped[int] = mapped_column(default=0)        # people working in the unit
    mailboxes: Mapped[int] = mapped_column(default=0)    # official e-mail boxes in use
    notes: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit", backref=db.backref("profile", uselist=False))

    def snapshot(self) -> dict:
        return {"unit_id": self.unit_id, "level": self.level, "staff": self.staff,
                "mailboxes": self.mailboxes, "notes": self.notes}


class NetworkLink(UnitRecord, db.Model):
    """A unit's connection to the Party wide-area network (mạng diện rộng)."""

    __tablename__ = "registry_network_links"
    __table_args__ = (UniqueConstraint("unit_id"),)  # one WAN link per unit
    KIND = "network"
    FIELDS = ("provider", "bandwidth_mbps", "status", "connected_on", "closed_on", "notes")

    provider: Mapped[str] = mapped_column(String(120), default="")
    bandwidth_mbps: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    connected_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class Device(UnitRecord, db.Model):
    """A server, workstation, laptop, printer… identified by its serial number."""

    __tablename__ = "registry_devices"
    # Lists filter on the first three columns; the yearly figures count every device by
    # its dates and read only this index (half the time of reading the table on SQLite).
    __table_args__ = (Index("ix_registry_devices_unit_kind_status_dates", "unit_id", "kind",
                            "status", "commissioned_on", "purchased_on", "retired_on"),)
    KIND = "device"
    NATURAL_KEY = "serial"
    FIELDS = ("kind", "serial", "model", "status", "purchased_on", "commissioned_on",
              "retired_on", "notes")

    # No index of their own on kind and status: the planner would prefer one over the
    # (unit, kind, status) index that a branch's list needs (50× slower on SQLite).
    kind: Mapped[str] = mapped_column(String(20))
    serial: Mapped[str] = mapped_column(String(80), unique=True)
    model: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="in_use")
    purchased_on: Mapped[date | None]
    commissioned_on: Mapped[date | None]
    retired_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class Certificate(UnitRecord, db.Model):
    """A digital certificate (chứng thư số) for an organisation or an individual."""

    __tablename__ = "registry_certificates"
    KIND = "certificate"
    NATURAL_KEY = "serial"
    FIELDS = ("holder_kind", "holder_name", "holder_title", "serial", "issuer", "valid_from",
              "valid_to", "revoked_on", "notes")

    holder_kind: Mapped[str] = mapped_column(String(20), index=True)
    holder_name: Mapped[str] = mapped_column(String(200))
    holder_title: Mapped[str] = mapped_column(String(200), default="")
    serial: Mapped[str] = mapped_column(String(80), unique=True)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date]
    valid_to: Mapped[date] = mapped_column(index=True)
    revoked_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    def status_on(self, day: date) -> str:
        """Derived, never stored: revoked, not yet valid, expired or valid on ``day``."""
        if self.revoked_on is not None and self.revoked_on <= day:
            return "revoked"
        if day < self.valid_from:
            return "not_yet_valid"
        return "expired" if self.valid_to < day else "valid"

    @property
    def status(self) -> str:
        return self.status_on(date.today())


class VideoPoint(UnitRecord, db.Model):
    """A video-conference bridge point (điểm cầu truyền hình trực tuyến)."""

    __tablename__ = "registry_video_points"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)
    KIND = "video_point"
    FIELDS = ("name", "level", "status", "commissioned_on", "retired_on", "notes")

    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    commissioned_on: Mapped[date | None]
    retired_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class InfoSystem(db.Model):
    """An information system in the catalogue (document exchange, e-office, …)."""

    __tablename__ = "registry_systems"
    KIND = "system"
    NATURAL_KEY = "code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(30), default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    launched_on: Mapped[date | None]
    # How exactly launched_on is known: "day", "month", "quarter" or "year" ("from Q1/2017").
    launched_precision: Mapped[str] = mapped_column(String(10), default="day")
    retired_on: Mapped[date | None]

    def snapshot(self) -> dict:
        return {"code": self.code, "name": self.name, "category": self.category,
                "description": self.description, "launched_on": _iso(self.launched_on),
                "launched_precision": self.launched_precision,
                "retired_on": _iso(self.retired_on)}


class SystemUse(UnitRecord, db.Model):
    """A unit uses a system since a date (and maybe stopped)."""

    __tablename__ = "registry_system_uses"
    __table_args__ = (UniqueConstraint("unit_id", "system_id"),)
    KIND = "system_use"
    FIELDS = ("system_id", "status", "since", "until", "notes")

    system_id: Mapped[int] = mapped_column(ForeignKey("registry_systems.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    since: Mapped[date | None]
    until: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    system: Mapped[InfoSystem] = relationship(lazy="joined")


class ExchangeFigure(UnitRecord, db.Model):
    """Non-secret documents a unit sent and received in a period, electronically and on paper.

    The electronic share is computed from the counts, never typed in. ``quarter`` 0 means
    the whole year.
    """

    __tablename__ = "registry_exchange_figures"
    __table_args__ = (UniqueConstraint("unit_id", "year", "quarter"),)
    KIND = "exchange"
    FIELDS = ("year", "quarter", "sent_electronic", "sent_paper", "received_electronic",
              "received_paper")

    year: Mapped[int] = mapped_column(index=True)
    quarter: Mapped[int] = mapped_column(default=0)
    sent_electronic: Mapped[int] = mapped_column(default=0)
    sent_paper: Mapped[int] = mapped_column(default=0)
    received_electronic: Mapped[int] = mapped_column(default=0)
    received_paper: Mapped[int] = mapped_column(default=0)

    @property
    def electronic(self) -> int:
        return self.sent_electronic + self.received_electronic

    @property
    def total(self) -> int:
        return self.electronic + self.sent_paper + self.received_paper

    @property
    def electronic_percent(self) -> float | None:
        """Share of documents exchanged electronically, 0–100, or None with no documents."""
        return round(100 * self.electronic / self.total, 1) if self.total else None


class Website(UnitRecord, db.Model):
    """A unit's website (trang thông tin điện tử)."""

    __tablename__ = "registry_websites"
    KIND = "website"
    NATURAL_KEY = "address"
    FIELDS = ("address", "name", "status", "launched_on", "closed_on", "notes")

    address: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    launched_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class BudgetLine(UnitRecord, db.Model):
    """Money planned and spent on IT by a unit in a year, in đồng, for a purpose."""

    __tablename__ = "registry_budget_lines"
    __table_args__ = (UniqueConstraint("unit_id", "year", "purpose"),)
    KIND = "budget"
    FIELDS = ("year", "purpose", "planned", "spent", "notes")

    year: Mapped[int] = mapped_column(index=True)
    purpose: Mapped[str] = mapped_column(String(300))
    planned: Mapped[int] = mapped_column(BigInteger, default=0)
    spent: Mapped[int] = mapped_column(BigInteger, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")


class SecurityCheck(UnitRecord, db.Model):
    """A unit's security checklist as of its last check (history is in the audit log)."""

    __tablename__ = "registry_security_checks"
    __table_args__ = (UniqueConstraint("unit_id"),)
    KIND = "security"
    FIELDS = ("network_isolated", "firewall", "antivirus", "checked_on", "assessor", "notes")

    network_isolated: Mapped[bool] = mapped_column(default=False)  # internal net ≠ Internet
    firewall: Mapped[bool] = mapped_column(default=False)
    antivirus: Mapped[bool] = mapped_column(default=False)
    checked_on: Mapped[date | None]
    assessor: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def compliant(self) -> bool:
        return self.network_isolated and self.firewall and self.antivirus


from meeting.registry.models_support import (  # noqa: E402,F401
    FrozenFigures,
    ImportDraft,
    RegistryGrant,
)

# A branch is found by walking the tree down (access.branch_query): without this index
# every list of a branch made the database build a temporary one over all units.
Index("ix_units_parent_id", Unit.parent_id)

# Every unit-owned record kind by its KIND, in the order the pages list them.
RECORD_KINDS = {m.KIND: m for m in (NetworkLink, Device, Certificate, VideoPoint, SystemUse,
                                    ExchangeFigure, Website, BudgetLine, SecurityCheck)}

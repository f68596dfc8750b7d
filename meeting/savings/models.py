"""The savings settings (one row) and the copies the secretariat printed all the same."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    LargeBinary,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meeting.core.time import utcnow
from meeting.extensions import db

MONEY = Numeric(12, 2)
FACTOR = Numeric(10, 3)

# Defaults: a provincial office's usual costs in 2025-2026 (VND), 80 g/m² paper.
DEFAULTS = {
    "price_a4_bw": Decimal("350"), "price_a4_colour": Decimal("2500"),
    "price_a3_bw": Decimal("700"), "price_a3_colour": Decimal("5000"),
    "price_bound_set": Decimal("2000"), "price_envelope": Decimal("1500"),
    "duplex": True, "spare_copies": 5, "paper_size": "A4", "colour": "bw",
    "show_factors": True, "sheet_weight_g": Decimal("4.990"), "sheets_per_tree": 8333,
    "co2_kg_per_kg": Decimal("1.100"),
}


class SavingsSettings(db.Model):
    """Unit prices and constants; a single row (id 1), changed only by the secretariat."""

    __tablename__ = "savings_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    price_a4_bw: Mapped[Decimal] = mapped_column(MONEY, default=DEFAULTS["price_a4_bw"])
    price_a4_colour: Mapped[Decimal] = mapped_column(MONEY, default=DEFAULTS["price_a4_colour"])
    price_a3_bw: Mapped[Decimal] = mapped_column(MONEY, default=DEFAULTS["price_a3_bw"])
    price_a3_colour: Mapped[Decimal] = mapped_column(MONEY, default=DEFAULTS["price_a3_colour"])
    price_bound_set: Mapped[Decimal] = mapped_column(MONEY, default=DEFAULTS["price_bound_set"])
    price_envelope: Mapped[Decimal] = mapped_column(MONEY, default=DEFAULTS["price_envelope"])
    duplex: Mapped[bool] = mapped_column(default=True)
    spare_copies: Mapped[int] = mapped_column(default=DEFAULTS["spare_copies"])
    # The format a paper would have been printed in; documents carry no size of their own.
    paper_size: Mapped[str] = mapped_column(String(2), default="A4")
    colour: Mapped[str] = mapped_column(String(10), default="bw")
    show_factors: Mapped[bool] = mapped_column(default=True)
    sheet_weight_g: Mapped[Decimal] = mapped_column(FACTOR, default=DEFAULTS["sheet_weight_g"])
    sheets_per_tree: Mapped[int] = mapped_column(default=DEFAULTS["sheets_per_tree"])
    co2_kg_per_kg: Mapped[Decimal] = mapped_column(FACTOR, default=DEFAULTS["co2_kg_per_kg"])
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_dt: Mapped[datetime | None]

    updated_by = relationship("User")

    FIELDS = tuple(DEFAULTS)

    def snapshot(self) -> dict:
        return {name: _plain(getattr(self, name)) for name in self.FIELDS}


class PrintedCopies(db.Model):
    """Copies of a published paper printed all the same (e.g. classified papers on paper)."""

    __tablename__ = "savings_printed_copies"
    __table_args__ = (CheckConstraint("copies > 0", name="copies_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    copies: Mapped[int]
    printed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)

    document = relationship("Document")
    recorded_by = relationship("User")

    def snapshot(self) -> dict:
        return {"document_id": self.document_id, "copies": self.copies,
                "printed_on": self.printed_on.isoformat(), "reason": self.reason}


class PrintFormat(db.Model):
    """The format one paper would have been printed in, when not the settings' default
    (e.g. an A3 colour map appended to a report)."""

    __tablename__ = "savings_print_formats"
    __table_args__ = (UniqueConstraint("document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    paper_size: Mapped[str] = mapped_column(String(2))
    colour: Mapped[str] = mapped_column(String(10))

    document = relationship("Document")

    def snapshot(self) -> dict:
        return {"document_id": self.document_id, "paper_size": self.paper_size,
                "colour": self.colour}


class SavingsReport(db.Model):
    """One issued savings report: the inputs frozen when it was asked for, and its PDF.

    ``snapshot`` holds the settings and every document's inputs as they were (see
    ``meeting.savings.snapshot``), so the report can be rebuilt with the same numbers
    after prices or records change. The PDF is built in the background: ``state`` goes
    queued → running → done | failed, as for the official papers.
    """

    __tablename__ = "savings_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_date: Mapped[date]  # the date line of the report
    snapshot: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    error: Mapped[str] = mapped_column(String(500), default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    finished_dt: Mapped[datetime | None]
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    requested_by = relationship("User")


def _plain(value):
    """A JSON-safe value for the audit log: Decimal as its exact text, "400" not "400.00"."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value

"""The one way to change the savings settings and the printed-copies records.

Each operation checks permission and values, writes, records the audit entry and
commits; a refused call changes nothing.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.meetings.access import require_secretariat
from meeting.savings.compute import COLOURS, PAPER_SIZES
from meeting.savings.models import DEFAULTS, PrintedCopies, PrintFormat, SavingsSettings

LABELS = {
    "price_a4_bw": _l("Price per A4 page, black and white"),
    "price_a4_colour": _l("Price per A4 page, colour"),
    "price_a3_bw": _l("Price per A3 page, black and white"),
    "price_a3_colour": _l("Price per A3 page, colour"),
    "price_bound_set": _l("Price per bound set"),
    "price_envelope": _l("Price per delivered envelope"),
    "duplex": _l("Two-sided printing"),
    "spare_copies": _l("Spare copies per meeting"),
    "paper_size": _l("Paper size"),
    "colour": _l("Colour"),
    "show_factors": _l("Show paper weight, trees and CO₂"),
    "sheet_weight_g": _l("Weight of one A4 sheet (g)"),
    "sheets_per_tree": _l("A4 sheets per tree"),
    "co2_kg_per_kg": _l("CO₂ per kg of paper (kg)"),
}

# (smallest, largest) accepted. Above the largest a value is a typing mistake: a page
# never costs 100,000 đồng, a sheet never weighs 100 g.
DECIMAL_LIMITS = {
    "price_a4_bw": ("0", "100000"), "price_a4_colour": ("0", "100000"),
    "price_a3_bw": ("0", "100000"), "price_a3_colour": ("0", "100000"),
    "price_bound_set": ("0", "1000000"), "price_envelope": ("0", "100000"),
    "sheet_weight_g": ("0.1", "100"), "co2_kg_per_kg": ("0", "100"),
}
INT_LIMITS = {"spare_copies": (0, 1000), "sheets_per_tree": (100, 1000000)}
CHOICES = {"paper_size": PAPER_SIZES, "colour": COLOURS}
MAX_COPIES = 100000
THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")


def get_settings() -> SavingsSettings:
    """Return the settings row, or the defaults (not stored) before anyone saved them."""
    settings = db.session.get(SavingsSettings, 1)
    return settings or SavingsSettings(id=1, **DEFAULTS)


def _decimal(value, name) -> Decimal:
    label = LABELS[name]
    if isinstance(value, bool) or value is None or value == "":
        raise OperationError(_l("%(field)s must be a number.", field=label))
    if isinstance(value, str):
        # A Vietnamese user may type "1.500" or "1500,5"; accept a comma as the decimal mark.
        value = value.strip().replace(" ", "")
        if "," in value:
            value = value.replace(".", "").replace(",", ".")
        elif name.startswith("price") and THOUSANDS.match(value):
            # "1.500" is fifteen hundred đồng: a price never has three decimals.
            value = value.replace(".", "")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise OperationError(_l("%(field)s must be a number.", field=label)) from None
    if not number.is_finite():
        raise OperationError(_l("%(field)s must be a number.", field=label))
    low, high = (Decimal(x) for x in DECIMAL_LIMITS[name])
    if number < 0:
        raise OperationError(_l("%(field)s cannot be negative.", field=label))
    if number < low or number > high:
        raise OperationError(_l("%(field)s must be between %(low)s and %(high)s.",
                                field=label, low=_show(low), high=_show(high)))
    if number != number.quantize(Decimal("0.001")) or (
            name.startswith("price") and number != number.quantize(Decimal("0.01"))):
        raise OperationError(_l("%(field)s has too many decimal places.", field=label))
    return number


def _int(value, name) -> int:
    label = LABELS[name]
    if isinstance(value, bool):
        raise OperationError(_l("%(field)s must be a whole number.", field=label))
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise OperationError(_l("%(field)s must be a whole number.", field=label)) from None
    low, high = INT_LIMITS[name] if name in INT_LIMITS else (1, MAX_COPIES)
    if number < 0:
        raise OperationError(_l("%(field)s cannot be negative.", field=label))
    if number < low or number > high:
        raise OperationError(_l("%(field)s must be between %(low)s and %(high)s.",
                                field=label, low=_show(low), high=_show(high)))
    return number


def _show(number) -> str:
    """A limit as Vietnamese readers write it: 100.000 (dot between thousands)."""
    return f"{number:,}".replace(",", ".") if number == int(number) else str(number)


def clean_settings(values: dict) -> dict:
    """Check and convert the given settings; unknown names are refused."""
    cleaned = {}
    for name, value in values.items():
        if name not in LABELS:
            raise OperationError(_l("Unknown setting: %(name)s.", name=str(name)[:40]))
        if name in DECIMAL_LIMITS:
            cleaned[name] = _decimal(value, name)
        elif name in INT_LIMITS:
            cleaned[name] = _int(value, name)
        elif name in CHOICES:
            if value not in CHOICES[name]:
                raise OperationError(_l("%(field)s: choose one of the listed values.",
                                        field=LABELS[name]))
            cleaned[name] = value
        else:
            if not isinstance(value, bool):
                raise OperationError(_l("%(field)s must be yes or no.", field=LABELS[name]))
            cleaned[name] = value
    return cleaned


def update_settings(actor, values: dict) -> SavingsSettings:
    """Change some settings (secretariat); every value is checked before any is stored."""
    require_secretariat(actor)
    cleaned = clean_settings(values)
    settings = db.session.get(SavingsSettings, 1)
    if settings is None:
        settings = SavingsSettings(id=1, **DEFAULTS)
        db.session.add(settings)
        before = None
    else:
        before = settings.snapshot()
    for name, value in cleaned.items():
        setattr(settings, name, value)
    settings.updated_by_id = getattr(actor, "id", None)
    settings.updated_dt = utcnow()
    db.session.flush()
    audit(actor, "savings.settings", settings, before=before, after=settings.snapshot())
    commit()
    return settings


def _check_published(document):
    """Only a published paper counts in the savings, so only it takes records."""
    if document is None:
        raise NotFound(_l("This document does not exist."))
    if document.status != "published":
        raise Conflict(_l("Only published documents count in the savings."))


def record_printed_copies(actor, document, *, copies, printed_on: date | None = None,
                          reason="") -> PrintedCopies:
    """Record that ``copies`` of a published paper were printed all the same."""
    require_secretariat(actor)
    _check_published(document)
    copies = _int(copies, "copies") if copies not in (None, "") else None
    if copies is None:
        raise OperationError(_l("Enter the number of copies printed."))
    if not isinstance(reason, str):
        raise OperationError(_l("The reason must be text."))
    reason = reason.strip()
    if len(reason) > 300:
        raise OperationError(_l("The reason is too long (at most 300 characters)."))
    if printed_on is not None and not isinstance(printed_on, date):
        raise OperationError(_l("The printing date is not a date."))
    record = PrintedCopies(document_id=document.id, copies=copies, reason=reason,
                           printed_on=printed_on or utcnow().date(),
                           recorded_by_id=getattr(actor, "id", None))
    db.session.add(record)
    db.session.flush()
    audit(actor, "savings.printed.add", record, after=record.snapshot(),
          meeting_id=document.meeting_id)
    commit()
    return record


def delete_printed_copies(actor, record: PrintedCopies):
    """Remove a record entered by mistake; the audit log keeps what it said."""
    require_secretariat(actor)
    before = record.snapshot()
    meeting_id = record.document.meeting_id
    db.session.delete(record)
    audit(actor, "savings.printed.delete", record, before=before, meeting_id=meeting_id)
    commit()


def set_print_format(actor, document, *, paper_size, colour) -> PrintFormat | None:
    """Say how one published paper would have been printed; the defaults remove the entry."""
    require_secretariat(actor)
    _check_published(document)
    cleaned = clean_settings({"paper_size": paper_size, "colour": colour})
    entry = db.session.scalar(select(PrintFormat).where(PrintFormat.document_id == document.id))
    before = entry.snapshot() if entry else None
    settings = get_settings()
    if (cleaned["paper_size"], cleaned["colour"]) == (settings.paper_size, settings.colour):
        if entry is None:
            return None
        db.session.delete(entry)
        audit(actor, "savings.format.clear", entry, before=before,
              meeting_id=document.meeting_id)
        commit()
        return None
    entry = entry or PrintFormat(document_id=document.id)
    entry.paper_size, entry.colour = cleaned["paper_size"], cleaned["colour"]
    db.session.add(entry)
    db.session.flush()
    audit(actor, "savings.format.set", entry, before=before, after=entry.snapshot(),
          meeting_id=document.meeting_id)
    commit()
    return entry


def print_formats() -> list[PrintFormat]:
    return list(db.session.scalars(select(PrintFormat).order_by(PrintFormat.document_id)))


def printed_records(document_ids=None) -> list[PrintedCopies]:
    query = select(PrintedCopies).order_by(PrintedCopies.printed_on.desc(),
                                           PrintedCopies.id.desc())
    if document_ids is not None:
        query = query.where(PrintedCopies.document_id.in_(document_ids))
    return list(db.session.scalars(query))


LABELS["copies"] = _l("Copies printed")

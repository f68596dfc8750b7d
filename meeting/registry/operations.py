"""The one way to change registry records: create, update, retire, for every kind.

Each operation checks the unit permission (``access``), validates with the kind's
description (``schema``), writes, records the audit entry with before/after, and commits.
Imports reuse ``clean`` and ``check_unique`` row by row and commit once (``imports``).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.ids import is_id
from meeting.core.models import Unit
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.registry import access
from meeting.registry.models import InfoSystem
from meeting.registry.schema import (
    KINDS,
    Field,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    parse_text,
)

# Pairs of dates that must come in order when both are given.
DATE_ORDER = {
    "network": [("connected_on", "closed_on")],
    "device": [("purchased_on", "commissioned_on"), ("commissioned_on", "retired_on")],
    "certificate": [("valid_from", "valid_to")],
    "video_point": [("commissioned_on", "retired_on")],
    "system_use": [("since", "until")],
    "website": [("launched_on", "closed_on")],
}
# Columns that identify a record besides its natural key (one per unit and year, …).
UNIQUE_TOGETHER = {"network": ("unit_id",), "video_point": ("unit_id", "name"),
                   "system_use": ("unit_id", "system_id"),
                   "exchange": ("unit_id", "year", "quarter"),
                   "budget": ("unit_id", "year", "purpose"), "security": ("unit_id",)}


class Lookups:
    """Turns unit and system codes into ids; imports preload them all at once."""

    def __init__(self, units=None, systems=None):
        self.units, self.systems = units, systems

    def unit_id(self, value, f: Field):
        if is_id(value) and not isinstance(value, str):
            if db.session.get(Unit, value) is None:
                raise NotFound(_l("The unit does not exist."))
            return value
        code = str(value or "").strip().upper()
        if not code:
            raise OperationError(_l("%(field)s is required.", field=f.label))
        found = (self.units.get(code) if self.units is not None else
                 db.session.scalar(select(Unit.id).where(Unit.code == code)))
        if found is None:
            raise OperationError(_l("Unknown unit code \u201c%(code)s\u201d.", code=code[:40]))
        return found

    def system_id(self, value, f: Field):
        if is_id(value) and not isinstance(value, str):
            if db.session.get(InfoSystem, value) is None:
                raise NotFound(_l("The system does not exist."))
            return value
        code = str(value or "").strip().upper()
        if not code:
            raise OperationError(_l("%(field)s is required.", field=f.label))
        found = (self.systems.get(code) if self.systems is not None else
                 db.session.scalar(select(InfoSystem.id).where(InfoSystem.code == code)))
        if found is None:
            raise OperationError(_l("Unknown system code \u201c%(code)s\u201d.", code=code[:40]))
        return found


def _parse(f: Field, value, lookups: Lookups):
    if f.type == "unit":
        return lookups.unit_id(value, f)
    if f.type == "system":
        return lookups.system_id(value, f)
    if f.type == "date":
        return parse_date(value, f.label)
    if f.type in ("int", "money"):
        return parse_int(value, f)
    if f.type == "bool":
        return parse_bool(value, f)
    if f.type == "choice":
        return parse_choice(value, f)
    return parse_text(value, f)


def _column(f: Field) -> str:
    return {"unit": "unit_id", "system": "system_id"}.get(f.type, f.name)


def clean(kind, raw: dict, record=None, lookups: Lookups | None = None) -> dict:
    """Turn raw input into column values; a field left out keeps the record's value.

    ``raw`` may name the unit by ``unit`` / ``unit_code`` (code) or ``unit_id`` (id), and a
    system by ``system`` (code) or ``system_id``.
    """
    lookups = lookups or Lookups()
    values = {}
    for f in kind.fields:
        column = _column(f)
        keys = [k for k in (f.name, column, f"{f.name}_code") if k in raw]
        if not keys:
            if record is None:
                if f.required:
                    raise OperationError(_l("%(field)s is required.", field=f.label),
                                         field=f.name)
                values[column] = f.default if f.type != "longtext" else ""
                if values[column] is None and f.type == "text":
                    values[column] = ""
            continue
        try:
            values[column] = _parse(f, raw[keys[0]], lookups)
        except OperationError as exc:
            exc.details.setdefault("field", f.name)  # a form marks the field it names
            raise
        if f.required and values[column] in (None, ""):
            raise OperationError(_l("%(field)s is required.", field=f.label), field=f.name)
    if kind.natural_key and values.get(kind.natural_key):
        values[kind.natural_key] = values[kind.natural_key].upper() \
            if kind.key != "website" else values[kind.natural_key].lower()
    merged = {name: getattr(record, name, None) for name in _date_pair_names(kind)} | values
    for first, second in DATE_ORDER.get(kind.key, []):
        if merged.get(first) and merged.get(second) and merged[second] < merged[first]:
            raise OperationError(_l("%(second)s cannot be before %(first)s.",
                                    second=kind.field(second).label,
                                    first=kind.field(first).label), field=second)
    return values


def _date_pair_names(kind):
    return {name for pair in DATE_ORDER.get(kind.key, []) for name in pair}


def check_unique(kind, values: dict, record=None):
    """Refuse a natural key or unit/year/… combination another record already has."""
    model = kind.model
    exclude = [model.id != record.id] if record is not None else []
    if kind.natural_key and kind.natural_key in values:
        key = values[kind.natural_key]
        if db.session.scalar(select(model.id).where(
                getattr(model, kind.natural_key) == key, *exclude)):
            raise Conflict(_l("%(field)s \u201c%(value)s\u201d is already registered.",
                              field=kind.field(kind.natural_key).label, value=key))
    columns = UNIQUE_TOGETHER.get(kind.key)
    if columns:
        current = {c: values.get(c, getattr(record, c, None)) for c in columns}
        if db.session.scalar(select(model.id).where(
                *(getattr(model, c) == v for c, v in current.items()), *exclude)):
            raise Conflict(_l("This unit already has such a record (the same %(what)s).",
                              what=", ".join(str(kind.field(c.removesuffix("_id")).label)
                                             for c in columns if c != "unit_id")
                              or _l("unit")))


def get_kind(key):
    if key not in KINDS:
        raise NotFound()
    return KINDS[key]


def get_record(user, kind, record_id):
    """Return the record if ``user`` may see it; unknown and hidden alike give 404."""
    record = db.session.get(kind.model, record_id) if is_id(record_id) else None
    if record is None or not access.can_view(user, record.unit_id):
        raise NotFound()
    return record


def create_record(actor, kind, raw: dict):
    """Add a record of ``kind`` from raw input."""
    access.require_registry(actor)
    values = clean(kind, raw)
    access.require_edit(actor, values["unit_id"])
    check_unique(kind, values)
    record = kind.model(**values)
    db.session.add(record)
    db.session.flush()
    audit(actor, f"registry.{kind.key}.create", record, after=record.snapshot())
    commit()
    return record


def update_record(actor, kind, record, raw: dict):
    """Change a record; moving it to another unit needs the right to edit both."""
    access.require_edit(actor, record.unit_id)
    before = record.snapshot()
    values = clean(kind, raw, record)
    if values.get("unit_id", record.unit_id) != record.unit_id:
        access.require_edit(actor, values["unit_id"])
    check_unique(kind, values, record)
    for name, value in values.items():
        setattr(record, name, value)
    db.session.flush()
    if record.snapshot() != before:
        audit(actor, f"registry.{kind.key}.update", record, before=before,
              after=record.snapshot())
    commit()
    return record


def retire_record(actor, kind, record, on: date | None = None):
    """Retire a record (status and date), or delete one that has no lifecycle.

    Return the record, or None when it was deleted.
    """
    access.require_edit(actor, record.unit_id)
    before = record.snapshot()
    if kind.retire is None:
        db.session.delete(record)
        audit(actor, f"registry.{kind.key}.delete", record, before=before)
        commit()
        return None
    if kind.retire_date and getattr(record, kind.retire_date) is not None \
            and all(getattr(record, k) == v for k, v in kind.retire.items()):
        raise Conflict(_l("This record is already retired."))
    for name, value in kind.retire.items():
        setattr(record, name, value)
    if kind.retire_date and getattr(record, kind.retire_date) is None:
        setattr(record, kind.retire_date, on or date.today())
    audit(actor, f"registry.{kind.key}.retire", record, before=before, after=record.snapshot())
    commit()
    return record

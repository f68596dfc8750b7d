"""Importing a spreadsheet of one record kind: dry run first, then all or nothing.

``check`` reads and validates every row without writing and returns a ``Report`` (new
rows, updated rows, errors per row). ``apply`` runs the same check again inside the
transaction (the database may have changed since the dry run) and writes only when no
row has an error: one transaction, one audit entry per row.

A row updates the record with the same natural key (device and certificate serial,
website address) or the same unique combination (``operations.UNIQUE_TOGETHER``: unit
and system, unit/year/quarter, …); otherwise it adds a record.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, text, update

from meeting.core.errors import OperationError
from meeting.core.models import AuditEntry, Unit
from meeting.core.time import utcnow
from meeting.core.unit_of_work import commit
from meeting.extensions import db
from meeting.registry import access
from meeting.registry.models import InfoSystem
from meeting.registry.operations import UNIQUE_TOGETHER, Lookups, clean
from meeting.registry.present import headers
from meeting.registry.schema import Kind
from meeting.registry.tables import TableError, read_table

CHUNK = 2000
PREVIEW_ROWS = 20


@dataclass
class Report:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)     # (row number, message)
    preview: list = field(default_factory=list)    # (row number, action, values)
    plan: list = field(default_factory=list, repr=False)  # (action, id or None, values)

    @property
    def ok(self) -> bool:
        return self.rows > 0 and not self.errors

    def as_dict(self) -> dict:
        return {"kind": self.kind, "rows": self.rows, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged, "ok": self.ok,
                "errors": [{"row": r, "message": str(m)} for r, m in self.errors]}


def _identity(kind: Kind, values: dict, record_values: dict | None = None):
    """What makes a row the same record as another: natural key or unique columns."""
    source = (record_values or {}) | values
    if kind.natural_key:
        return source.get(kind.natural_key)
    columns = UNIQUE_TOGETHER.get(kind.key)
    return tuple(source.get(c) for c in columns) if columns else None


def _existing(kind: Kind) -> dict:
    """Identity → record id for the kind's records already in the database."""
    model = kind.model
    if kind.natural_key:
        column = getattr(model, kind.natural_key)
        return dict(db.session.execute(select(column, model.id)).all())
    columns = UNIQUE_TOGETHER.get(kind.key)
    if not columns:
        return {}
    rows = db.session.execute(select(*(getattr(model, c) for c in columns), model.id))
    return {tuple(row[:-1]): row[-1] for row in rows}


def check(actor, kind: Kind, content: bytes, filename: str, mode="upsert") -> Report:
    """Validate a file; write nothing. ``mode`` "create" refuses rows that exist already."""
    access.require_registry(actor)
    report = Report(kind.key)
    try:
        header, rows = read_table(content, filename)
    except TableError as exc:
        report.errors.append((exc.row or 0, exc.message))
        return report
    expected = headers(kind)
    unknown = [h for h in header if h not in expected]
    required = [n for n, f in zip(expected, kind.fields, strict=True) if f.required]
    missing = [n for n in required if n not in header]
    if unknown or missing or len(set(header)) != len(header):
        report.errors.append((1, _l(
            "Wrong header row. Unknown columns: %(unknown)s. Missing columns: %(missing)s. "
            "The columns are: %(expected)s.", unknown=", ".join(unknown) or "—",
            missing=", ".join(missing) or "—", expected=", ".join(expected))))
        return report
    lookups = Lookups(
        units=dict(db.session.execute(select(Unit.code, Unit.id)).all()),
        systems=dict(db.session.execute(select(InfoSystem.code, InfoSystem.id)).all()))
    editable = access.editable_unit_ids(actor)
    existing, seen = _existing(kind), {}
    report.rows = len(rows)
    for number, cells in rows:
        raw = {name: cell for name, cell in zip(header, cells, strict=True)}
        try:
            values = clean(kind, raw, _Blank(), lookups)
        except OperationError as exc:
            report.errors.append((number, exc.message))
            continue
        if editable is not None and values.get("unit_id") not in editable:
            report.errors.append((number, _l("You may not change the records of unit "
                                             "\u201c%(code)s\u201d.", code=raw.get("unit_code"))))
            continue
        key = _identity(kind, _defaults(kind) | values)
        if key is not None and key in seen:
            report.errors.append((number, _l("Same record as row %(row)d (%(key)s).",
                                             row=seen[key], key=_key_text(key))))
            continue
        if key is not None:
            seen[key] = number
        record_id = existing.get(key) if key is not None else None
        if record_id is not None and mode == "create":
            report.errors.append((number, _l("%(key)s is already registered.",
                                             key=_key_text(key))))
            continue
        action = "update" if record_id is not None else "create"
        report.plan.append((action, record_id, values))
        if len(report.preview) < PREVIEW_ROWS:
            report.preview.append((number, action, raw))
    if report.errors:
        report.plan = []
    report.created = sum(1 for a, _, _ in report.plan if a == "create")
    report.updated = len(report.plan) - report.created
    return report


def _defaults(kind: Kind) -> dict:
    """Values a new record gets for the columns a file leaves out."""
    return {f.name: ("" if f.type in ("text", "longtext") else f.default)
            for f in kind.fields if f.type not in ("unit", "system")}


class _Blank:
    """Stands for "some record" while checking, so optional columns left out stay unset."""

    def __getattr__(self, name):
        return None


def _key_text(key) -> str:
    return key if isinstance(key, str) else " / ".join(str(k) for k in key)


def _plain(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v)
            for k, v in values.items()}


def _insert(model, rows: list[dict]) -> list[int]:
    """Insert rows in one statement batch; return their ids in order.

    On PostgreSQL the ids are taken from the sequence first: INSERT … RETURNING over many
    rows is four times slower there than a plain INSERT of rows that carry their ids.
    """
    table = model.__table__
    if db.session.get_bind().dialect.name == "postgresql":
        ids = db.session.scalars(text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
            "FROM generate_series(1, :n)"), {"table": table.name, "n": len(rows)}).all()
        db.session.execute(table.insert(), [r | {"id": i} for r, i in zip(rows, ids,
                                                                          strict=True)])
        return ids
    return db.session.scalars(table.insert().returning(table.c.id,
                                                       sort_by_parameter_order=True),
                              rows).all()


def apply(actor, kind: Kind, content: bytes, filename: str, mode="upsert") -> Report:
    """Check again and, when every row is clean, write them all in one transaction."""
    report = check(actor, kind, content, filename, mode)
    if not report.ok:
        db.session.rollback()
        return report
    model, now, audits = kind.model, utcnow(), []
    action_name = f"registry.{kind.key}.%s"
    creates = [v for a, _, v in report.plan if a == "create"]
    defaults = _defaults(kind)
    for start in range(0, len(creates), CHUNK):
        chunk = [defaults | v | {"created_dt": now, "updated_dt": now}
                 for v in creates[start:start + CHUNK]]
        ids = _insert(model, chunk)
        audits += [dict(user_id=getattr(actor, "id", None), action=action_name % "create",
                        target_type=model.__name__, target_id=i, created_dt=now,
                        meeting_id=None, before=None,
                        after=_plain({"unit_id": v["unit_id"]} | {
                            n: v.get(n) for n in model.FIELDS}))
                   for i, v in zip(ids, chunk, strict=True)]
    updates = [(i, v) for a, i, v in report.plan if a == "update"]
    for start in range(0, len(updates), CHUNK):
        chunk = dict(updates[start:start + CHUNK])
        records = db.session.scalars(select(model).where(model.id.in_(chunk))).all()
        changed = []
        for record in records:
            before = record.snapshot()
            after = before | _plain({k: v for k, v in chunk[record.id].items()
                                     if k in before})
            if after == before:
                report.unchanged += 1
                continue
            changed.append({"id": record.id, "updated_dt": now, **chunk[record.id]})
            audits.append(dict(user_id=getattr(actor, "id", None),
                               action=action_name % "update", target_type=model.__name__,
                               target_id=record.id, created_dt=now, meeting_id=None,
                               before=before, after=after))
        if changed:
            db.session.execute(update(model), changed)
    report.updated -= report.unchanged
    for start in range(0, len(audits), CHUNK):
        db.session.execute(AuditEntry.__table__.insert(), audits[start:start + CHUNK])
    commit()
    return report

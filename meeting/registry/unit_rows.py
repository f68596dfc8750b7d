"""Units as registry rows: the tree with each unit's profile, listed, exported, imported.

A row is keyed by the unit code. A registry administrator may add units and rename or
move them; a unit's editor may change its profile (level, staff, mailboxes, notes).
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from meeting.core.errors import OperationError
from meeting.core.models import Unit
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.registry import access
from meeting.registry.imports import Report
from meeting.registry.models import UNIT_LEVELS, UnitProfile
from meeting.registry.queries import unit_by_code
from meeting.registry.schema import Field, parse_choice, parse_int, parse_text
from meeting.registry.tables import TableError, read_table

HEADERS = ["unit_code", "name", "parent_code", "level", "staff", "mailboxes", "notes"]
LEVEL = Field("level", _l("Level"), "choice", choices=UNIT_LEVELS, default="commune")
CORE_LEVEL = {"province": "province", "district": "district", "affiliated": "district",
              "commune": "commune"}


def unit_query(user, filters: dict):
    """SELECT (Unit, UnitProfile or None) the person may see, filtered like the lists."""
    parent = db.aliased(Unit)
    query = select(Unit, UnitProfile, parent.code).outerjoin(
        UnitProfile, UnitProfile.unit_id == Unit.id).outerjoin(parent, parent.id == Unit.parent_id)
    query = access.limit_to_visible(user, query, Unit.id)
    code = (filters.get("unit") or "").strip()
    if code:
        query = query.where(Unit.id.in_(access.branch_query([unit_by_code(code).id])))
    level = (filters.get("type") or "").strip()
    if level:
        query = query.where(UnitProfile.level == parse_choice(level, LEVEL))
    text = (filters.get("q") or "").strip()[:100].lower()
    if text:
        query = query.where(or_(func.lower(Unit.name).like(f"%{text}%"),
                                func.lower(Unit.code).like(f"%{text}%")))
    return query.order_by(Unit.code)


def cells(row) -> list:
    unit, profile, parent_code = row
    return [unit.code, unit.name, parent_code or "",
            profile.level if profile else "", profile.staff if profile else "",
            profile.mailboxes if profile else "", profile.notes if profile else ""]


def data(row) -> dict:
    return dict(zip(["id", *HEADERS], [row[0].id, *cells(row)], strict=True))


def _profile_values(raw: dict, profile) -> dict:
    return {"level": parse_choice(raw.get("level") or (profile.level if profile else None),
                                  LEVEL),
            "staff": parse_int(raw.get("staff"), Field("staff", _l("Staff"), "int",
                                                       default=profile.staff if profile else 0)),
            "mailboxes": parse_int(raw.get("mailboxes"), Field(
                "mailboxes", _l("Mailboxes"), "int",
                default=profile.mailboxes if profile else 0)),
            "notes": parse_text(raw.get("notes"), Field("notes", _l("Notes"), max_len=2000))
            if raw.get("notes") is not None else (profile.notes if profile else "")}


def import_units(actor, content: bytes, filename: str, write=False) -> Report:
    """Check (and with ``write``, apply in one transaction) a file of units by code."""
    access.require_registry(actor)
    report = Report("unit")
    try:
        header, rows = read_table(content, filename)
    except TableError as exc:
        report.errors.append((exc.row or 0, exc.message))
        return report
    if set(header) - set(HEADERS) or "unit_code" not in header:
        report.errors.append((1, _l(
            "Wrong header row. Unknown columns: %(unknown)s. Missing columns: %(missing)s. "
            "The columns are: %(expected)s.",
            unknown=", ".join(sorted(set(header) - set(HEADERS))) or "—",
            missing="unit_code" if "unit_code" not in header else "—",
            expected=", ".join(HEADERS))))
        return report
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    profiles = {p.unit_id: p for p in db.session.scalars(select(UnitProfile))}
    admin, editable = access.is_registry_admin(actor), access.editable_unit_ids(actor)
    seen, report.rows = {}, len(rows)
    for number, row in rows:
        raw = dict(zip(header, row, strict=True))
        try:
            code = parse_text(raw.get("unit_code"), Field("unit_code", _l("Unit code"),
                                                          max_len=40)).upper()
            if not code:
                raise OperationError(_l("%(field)s is required.", field=_l("Unit code")))
            if code in seen:
                raise OperationError(_l("Same record as row %(row)d (%(key)s).",
                                        row=seen[code], key=code))
            seen[code] = number
            unit = units.get(code)
            name = parse_text(raw.get("name"), Field("name", _l("Name")))
            parent_code = parse_text(raw.get("parent_code"), Field(
                "parent_code", _l("Parent unit code"), max_len=40)).upper()
            if parent_code and parent_code not in units:
                raise OperationError(_l("Unknown unit code \u201c%(code)s\u201d.",
                                        code=parent_code))
            if unit is not None and parent_code and \
                    units[parent_code].id in access.branch_ids(unit.id):
                raise OperationError(_l("A unit cannot be placed under itself or a unit "
                                        "below it."))
            values = _profile_values(raw, profiles.get(unit.id) if unit else None)
            moves = unit is None or (name and name != unit.name) or (
                "parent_code" in raw and (units[parent_code].id if parent_code else None)
                != unit.parent_id)
            if moves and not admin:
                raise OperationError(_l("Only a registry administrator may add, rename or "
                                        "move units."))
            if unit is not None and editable is not None and unit.id not in editable:
                raise OperationError(_l("You may not change the records of unit "
                                        "\u201c%(code)s\u201d.", code=code))
            if unit is None and not name:
                raise OperationError(_l("%(field)s is required.", field=_l("Name")))
        except OperationError as exc:
            report.errors.append((number, exc.message))
            continue
        if unit is None:
            unit = Unit(code=code, name=name, level=CORE_LEVEL[values["level"]],
                        parent_id=units[parent_code].id if parent_code else None)
            units[code] = unit  # a later row may name it as its parent
            report.created += 1
            if write:
                db.session.add(unit)
                db.session.flush()
                audit(actor, "unit.create", unit, after=unit.snapshot())
        else:
            report.updated += 1
            if write:
                before = unit.snapshot()
                unit.name = name or unit.name
                if "parent_code" in raw:
                    unit.parent_id = units[parent_code].id if parent_code else None
                if unit.snapshot() != before:
                    audit(actor, "unit.update", unit, before=before, after=unit.snapshot())
        if write:
            profile = profiles.get(unit.id)
            before = profile.snapshot() if profile else None
            profile = profile or UnitProfile(unit_id=unit.id)
            for key, value in values.items():
                setattr(profile, key, value)
            db.session.add(profile)
            db.session.flush()
            if profile.snapshot() != before:
                audit(actor, "registry.unit.update" if before else "registry.unit.create",
                      profile, before=before, after=profile.snapshot())
    if write:
        if report.errors:
            db.session.rollback()
        else:
            commit()
    return report

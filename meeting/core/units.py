"""Operations on the unit tree (province → district/city committees → communes)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.core.ids import is_id
from meeting.core.models import Unit
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db


def can_edit_units(user) -> bool:
    return user is None or user.has_role("admin", "secretariat", "it_officer")


def create_unit(actor, *, code, name, level="province", parent_id=None):
    """Add a unit under ``parent_id`` (or at the top)."""
    if not can_edit_units(actor):
        raise Forbidden()
    code, name = (code or "").strip().upper(), (name or "").strip()
    if not code or not name:
        raise OperationError(_l("Code and name are required."))
    if len(code) > 40 or len(name) > 200:
        raise OperationError(_l("The code or name is too long."))
    if level not in Unit.LEVELS:
        raise OperationError(_l("Unknown level."))
    if parent_id is not None and (not is_id(parent_id) or db.session.get(Unit, parent_id) is None):
        raise NotFound(_l("The parent unit does not exist."))
    if db.session.scalar(select(Unit.id).where(Unit.code == code)):
        raise Conflict(_l("The code %(code)s is already used.", code=code))
    unit = Unit(code=code, name=name, level=level, parent_id=parent_id)
    db.session.add(unit)
    db.session.flush()
    audit(actor, "unit.create", unit, after=unit.snapshot())
    commit()
    return unit


def tree() -> list[tuple[int, Unit]]:
    """Return every unit with its depth, parents before children, siblings by name."""
    units = list(db.session.scalars(select(Unit).order_by(Unit.name)))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered, stack = [], [(0, u) for u in reversed(children.get(None, []))]
    while stack:
        depth, unit = stack.pop()
        ordered.append((depth, unit))
        stack.extend((depth + 1, c) for c in reversed(children.get(unit.id, [])))
    return ordered

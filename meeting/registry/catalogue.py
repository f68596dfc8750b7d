"""The registry's own settings: the systems catalogue, unit profiles and access grants.

Only a registry administrator changes the catalogue and the grants; a unit's editor may
keep its profile (level, staff, mailboxes).
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.registry import access
from meeting.registry.models import (
    GRANT_LEVELS,
    SYSTEM_CATEGORIES,
    UNIT_LEVELS,
    InfoSystem,
    RegistryGrant,
    UnitProfile,
)
from meeting.registry.schema import Field, parse_choice, parse_date, parse_int, parse_text


def _save(actor, row, action, before):
    """Store a new or changed row, audit it with its state before and after, commit."""
    db.session.add(row)
    db.session.flush()
    audit(actor, action, row, before=before, after=row.snapshot())
    commit()
    return row


def save_system(actor, raw: dict, system: InfoSystem | None = None) -> InfoSystem:
    """Add a system to the catalogue, or change one."""
    access.require_admin(actor)
    before = system.snapshot() if system else None
    code = parse_text(raw.get("code", system.code if system else ""),
                      Field("code", _l("Code"), max_len=40)).upper()
    name = parse_text(raw.get("name", system.name if system else ""), Field("name", _l("Name")))
    if not code or not name:
        raise OperationError(_l("Code and name are required."))
    clash = db.session.scalar(select(InfoSystem.id).where(InfoSystem.code == code))
    if clash and (system is None or clash != system.id):
        raise Conflict(_l("The code %(code)s is already used.", code=code))
    system = system or InfoSystem()
    system.code, system.name = code, name
    system.category = parse_choice(raw.get("category", system.category), Field(
        "category", _l("Category"), "choice", choices=SYSTEM_CATEGORIES, default="other"))
    system.description = parse_text(raw.get("description", system.description or ""),
                                    Field("description", _l("Description"), max_len=2000))
    system.launched_on = parse_date(raw.get("launched_on", system.launched_on),
                                    _l("Launched on"))
    precision = raw.get("launched_precision", system.launched_precision or "day")
    if precision not in ("day", "month", "quarter", "year"):
        raise OperationError(_l("Unknown date precision."))
    system.launched_precision = precision
    system.retired_on = parse_date(raw.get("retired_on", system.retired_on), _l("Retired on"))
    return _save(actor, system, "registry.system.update" if before else "registry.system.create",
                 before)


def save_profile(actor, unit, raw: dict) -> UnitProfile:
    """Set a unit's level, staff and mailboxes."""
    access.require_edit(actor, unit.id)
    profile = db.session.get(UnitProfile, unit.id)
    before = profile.snapshot() if profile else None
    profile = profile or UnitProfile(unit_id=unit.id, level="commune", staff=0, mailboxes=0,
                                     notes="")
    profile.level = parse_choice(raw.get("level", profile.level), Field(
        "level", _l("Level"), "choice", choices=UNIT_LEVELS, default=profile.level))
    profile.staff = parse_int(raw.get("staff", profile.staff),
                              Field("staff", _l("Staff"), "int", default=0))
    profile.mailboxes = parse_int(raw.get("mailboxes", profile.mailboxes),
                                  Field("mailboxes", _l("Mailboxes"), "int", default=0))
    profile.notes = parse_text(raw.get("notes", profile.notes),
                               Field("notes", _l("Notes"), max_len=2000))
    return _save(actor, profile, "registry.unit.update" if before else "registry.unit.create",
                 before)


def grant(actor, user, unit, level) -> RegistryGrant:
    """Let ``user`` edit or view the registry of ``unit`` and its branch."""
    access.require_admin(actor)
    if level not in GRANT_LEVELS:
        raise OperationError(_l("Unknown access level."))
    row = db.session.scalar(select(RegistryGrant).where(
        RegistryGrant.user_id == user.id, RegistryGrant.unit_id == unit.id))
    before = row.snapshot() if row else None
    row = row or RegistryGrant(user_id=user.id, unit_id=unit.id)
    row.level = level
    return _save(actor, row, "registry.grant.set", before)


def revoke_grant(actor, row: RegistryGrant):
    access.require_admin(actor)
    if row is None:
        raise NotFound()
    before = row.snapshot()
    db.session.delete(row)
    audit(actor, "registry.grant.revoke", row, before=before)
    commit()


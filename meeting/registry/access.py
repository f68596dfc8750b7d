"""Who may see and change which part of the registry.

A registry administrator (role ``admin`` or ``it_officer``) sees and edits every unit.
Anyone else works through ``RegistryGrant`` rows: a grant on a unit covers that unit and
every unit below it (the editor of a district committee keeps its communes' records too).
An editor grant implies viewing. ``user`` None is the command line, run by the operator.
"""

from flask import g, has_request_context
from sqlalchemy import select

from meeting.core.errors import Forbidden, NotFound
from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry.models import RegistryGrant

ADMIN_ROLES = ("admin", "it_officer")


def is_registry_admin(user) -> bool:
    return user is None or user.has_role(*ADMIN_ROLES)


def branch_query(root_ids):
    """SELECT of the ids of ``root_ids`` and every unit below them (recursive CTE)."""
    branch = select(Unit.id).where(Unit.id.in_(list(root_ids))).cte("branch", recursive=True)
    branch = branch.union(select(Unit.id).where(Unit.parent_id == branch.c.id))
    return select(branch.c.id)


def branch_ids(unit_id) -> set[int]:
    """The unit and every unit below it."""
    return set(db.session.scalars(branch_query([unit_id])))


def _granted(user, levels) -> set[int]:
    roots = db.session.scalars(select(RegistryGrant.unit_id).where(
        RegistryGrant.user_id == user.id, RegistryGrant.level.in_(levels))).all()
    return set(db.session.scalars(branch_query(roots))) if roots else set()


def _cached(user, key, levels) -> set[int]:
    # Asked once per record on a list page: keep the answer for the request.
    if not has_request_context():
        return _granted(user, levels)
    cache = g.setdefault("registry_access", {})
    if (user.id, key) not in cache:
        cache[(user.id, key)] = _granted(user, levels)
    return cache[(user.id, key)]


def editable_unit_ids(user) -> set[int] | None:
    """Ids of the units ``user`` may edit; None means all of them."""
    return None if is_registry_admin(user) else _cached(user, "edit", ("editor",))


def visible_unit_ids(user) -> set[int] | None:
    """Ids of the units ``user`` may see; None means all of them."""
    return None if is_registry_admin(user) else _cached(user, "view", ("editor", "viewer"))


def can_use_registry(user) -> bool:
    """Whether the registry pages are for this person at all."""
    if is_registry_admin(user):
        return True
    return bool(db.session.scalar(select(RegistryGrant.id).where(
        RegistryGrant.user_id == user.id).limit(1)))


def can_edit(user, unit_id) -> bool:
    ids = editable_unit_ids(user)
    return ids is None or unit_id in ids


def can_view(user, unit_id) -> bool:
    ids = visible_unit_ids(user)
    return ids is None or unit_id in ids


def require_admin(user):
    if not is_registry_admin(user):
        raise Forbidden()


def require_registry(user):
    if not can_use_registry(user):
        raise Forbidden()


def require_edit(user, unit_id):
    """Refuse unless ``user`` may change records of ``unit_id``; a hidden unit is "not found"."""
    if can_edit(user, unit_id):
        return
    raise Forbidden() if can_view(user, unit_id) else NotFound()


def require_view(user, unit_id):
    if not can_view(user, unit_id):
        raise NotFound()


def limit_to_visible(user, query, unit_column):
    """Restrict a SELECT of records to the units ``user`` may see (in SQL, no id list)."""
    if is_registry_admin(user):
        return query
    roots = db.session.scalars(select(RegistryGrant.unit_id).where(
        RegistryGrant.user_id == user.id)).all()
    return query.where(unit_column.in_(branch_query(roots)))

"""Filtered lists of records: one query for the pages, the API and the exports.

Filters (all optional, all strings as they come from a URL):
``unit``      unit code; with ``branch`` (default on) the units below it are included
``status``    a status of the kind (for certificates: valid, expired, revoked, not_yet_valid)
``type``      the kind's sub-type: device type, holder type, bridge level, system code, year
``expiring``  number of days: certificates valid now whose end falls within them
``q``         text found in the kind's text columns (serial, holder, model…)
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from meeting.core.errors import OperationError
from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import access
from meeting.registry.models import Certificate, InfoSystem, SystemUse
from meeting.registry.schema import Kind

PER_PAGE = 50
MAX_PER_PAGE = 500
# The column each kind's "type" filter looks at.
TYPE_COLUMN = {"device": "kind", "certificate": "holder_kind", "video_point": "level",
               "exchange": "year", "budget": "year"}


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _int(value, label, low=0, high=100_000):
    try:
        number = int(str(value).strip())
    except ValueError:
        raise OperationError(_l("%(field)s must be a whole number.", field=label)) from None
    if not low <= number <= high:
        raise OperationError(_l("%(field)s must be between %(low)d and %(high)d.",
                                field=label, low=low, high=high))
    return number


def unit_by_code(code) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == str(code).strip().upper()))
    if unit is None:
        raise OperationError(_l("Unknown unit code \u201c%(code)s\u201d.", code=str(code)[:40]))
    return unit


def record_query(user, kind: Kind, filters: dict, today: date | None = None):
    """SELECT of the records of ``kind`` that ``user`` may see and ``filters`` keep."""
    model, today = kind.model, today or date.today()
    query = access.limit_to_visible(user, select(model), model.unit_id)
    unit_code = (filters.get("unit") or "").strip()
    if unit_code:
        unit = unit_by_code(unit_code)
        if str(filters.get("branch", "1")).lower() in ("0", "false", "no", "off"):
            query = query.where(model.unit_id == unit.id)
        else:
            query = query.where(model.unit_id.in_(access.branch_query([unit.id])))
    status = (filters.get("status") or "").strip()
    if status:
        if status not in kind.statuses:
            raise OperationError(_l("Unknown status \u201c%(value)s\u201d.", value=status[:40]))
        query = _certificate_status(query, status, today) if model is Certificate \
            else query.where(getattr(model, kind.status) == status)
    type_value = (filters.get("type") or "").strip()
    if type_value:
        if model is SystemUse:
            query = query.where(SystemUse.system_id == select(InfoSystem.id).where(
                InfoSystem.code == type_value.upper()).scalar_subquery())
        elif kind.key in TYPE_COLUMN:
            column = getattr(model, TYPE_COLUMN[kind.key])
            query = query.where(column == (_int(type_value, _l("Year"), 2000, 2100)
                                           if TYPE_COLUMN[kind.key] == "year" else type_value))
    expiring = (filters.get("expiring") or "").strip()
    if expiring and kind.expiry:
        days = _int(expiring, _l("Expiring within (days)"), 0, 3650)
        column = getattr(model, kind.expiry)
        query = query.where(column >= today, column <= today + timedelta(days=days))
        if model is Certificate:
            query = query.where(or_(Certificate.revoked_on.is_(None),
                                    Certificate.revoked_on > today))
    text = (filters.get("q") or "").strip()[:100]
    if text and kind.search:
        pattern = f"%{text.lower()}%"
        query = query.where(or_(*(func.lower(getattr(model, c)).like(pattern)
                                  for c in kind.search)))
    order = getattr(model, kind.expiry) if kind.expiry else model.id
    return query.order_by(order, model.id)


def _certificate_status(query, status, today):
    revoked = Certificate.revoked_on.is_not(None) & (Certificate.revoked_on <= today)
    not_revoked = Certificate.revoked_on.is_(None) | (Certificate.revoked_on > today)
    return query.where({
        "revoked": revoked,
        "not_yet_valid": not_revoked & (Certificate.valid_from > today),
        "expired": not_revoked & (Certificate.valid_to < today),
        "valid": not_revoked & (Certificate.valid_from <= today)
        & (Certificate.valid_to >= today),
    }[status])


def page_of(query, filters: dict, rows=False) -> Page:
    """One page of a query; ``page`` and ``per_page`` come from the filters.

    Items are the first column's objects, or whole rows with ``rows``.
    """
    page = _int(filters.get("page") or 1, _l("Page"), 1, 1_000_000)
    per_page = _int(filters.get("per_page") or PER_PAGE, _l("Per page"), 1, MAX_PER_PAGE)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    query = query.limit(per_page).offset((page - 1) * per_page)
    items = db.session.execute(query).all() if rows else list(db.session.scalars(query))
    return Page(items, total, page, per_page)

"""The expiry and compliance panel: what needs the IT officer's attention today.

Certificates that expire within 30/60/90 days or were revoked lately, units whose security
checklist fails, units whose last check is too old (or never happened). The same panel
feeds the page and the e-mail alert (``mail.py``).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import or_, select

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry.models import Certificate, NetworkLink, SecurityCheck

WINDOWS = (30, 60, 90)
REVOKED_SHOWN_DAYS = 365  # revocations older than this are history, not news


@dataclass
class ExpiringCertificate:
    id: int
    serial: str
    holder_name: str
    holder_kind: str
    unit_name: str
    valid_to: date
    days_left: int

    @property
    def window(self) -> int:
        """The narrowest of 30/60/90 days the certificate falls in."""
        return next(n for n in WINDOWS if self.days_left <= n)


@dataclass
class UnitIssue:
    unit_id: int
    unit_name: str
    checked_on: date | None
    missing: list = field(default_factory=list)  # "network_isolated", "firewall", "antivirus"


@dataclass
class Panel:
    today: date
    expiring: list = field(default_factory=list)
    revoked: list = field(default_factory=list)
    failing: list = field(default_factory=list)
    overdue: list = field(default_factory=list)

    def counts(self) -> dict:
        by_window = {n: sum(c.days_left <= n for c in self.expiring) for n in WINDOWS}
        return {"expiring": by_window, "revoked": len(self.revoked),
                "failing": len(self.failing), "overdue": len(self.overdue)}

    @property
    def empty(self) -> bool:
        return not (self.expiring or self.revoked or self.failing or self.overdue)


def _scoped(query, column, unit_ids):
    return query if unit_ids is None else query.where(column.in_(unit_ids))


def build_panel(unit_ids=None, today: date | None = None) -> Panel:
    """The panel for ``unit_ids`` (None: the whole province) as of ``today``."""
    today = today or date.today()
    panel = Panel(today=today)
    horizon = today + timedelta(days=max(WINDOWS))
    rows = db.session.execute(_scoped(
        select(Certificate.id, Certificate.serial, Certificate.holder_name,
               Certificate.holder_kind, Unit.name, Certificate.valid_to)
        .join(Unit, Unit.id == Certificate.unit_id)
        .where(Certificate.valid_to >= today, Certificate.valid_to <= horizon,
               Certificate.valid_from <= today,
               or_(Certificate.revoked_on.is_(None), Certificate.revoked_on > today))
        .order_by(Certificate.valid_to, Certificate.serial), Certificate.unit_id, unit_ids))
    panel.expiring = [ExpiringCertificate(*r, (r[5] - today).days) for r in rows]
    panel.revoked = list(db.session.execute(_scoped(
        select(Certificate.serial, Certificate.holder_name, Unit.name, Certificate.revoked_on)
        .join(Unit, Unit.id == Certificate.unit_id)
        .where(Certificate.revoked_on <= today,
               Certificate.revoked_on > today - timedelta(days=REVOKED_SHOWN_DAYS))
        .order_by(Certificate.revoked_on.desc()), Certificate.unit_id, unit_ids)))

    max_age = int(current_app.config.get("REGISTRY_CHECK_MAX_AGE_DAYS", 365))
    checks = {c.unit_id: c for c in db.session.scalars(
        _scoped(select(SecurityCheck), SecurityCheck.unit_id, unit_ids))}
    for check in sorted(checks.values(), key=lambda c: c.unit.name):
        missing = [name for name in ("network_isolated", "firewall", "antivirus")
                   if not getattr(check, name)]
        if missing:
            panel.failing.append(UnitIssue(check.unit_id, check.unit.name, check.checked_on,
                                           missing))
    connected = db.session.execute(_scoped(
        select(Unit.id, Unit.name).join(NetworkLink, NetworkLink.unit_id == Unit.id)
        .where(NetworkLink.status == "active").distinct().order_by(Unit.name),
        NetworkLink.unit_id, unit_ids))
    limit = today - timedelta(days=max_age)
    for unit_id, name in connected:
        check = checks.get(unit_id)
        if check is None or check.checked_on is None or check.checked_on < limit:
            panel.overdue.append(UnitIssue(unit_id, name, check.checked_on if check else None))
    return panel

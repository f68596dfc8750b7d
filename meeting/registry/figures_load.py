"""Read the registry rows the figures need, as plain tuples, in a few column-only queries.

For one year's figures the devices and certificates are counted in SQL (GROUP BY over
representative days, see ``figures_counts``), so the rows read stay few whatever the size
of the registry; ``figures_counts.count_rows`` is the same grouping in Python, and a test
checks that both give the same groups.
"""

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Date, case, func, literal, null, select, type_coerce

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import figures_counts as fc
from meeting.registry import figures_data as fd
from meeting.registry import models as m


def settings_from_config() -> fd.Settings:
    """The report's targets and thresholds from the app config (defaults in figures_data)."""
    config, base = current_app.config, fd.Settings()
    return fd.Settings(
        exchange_target_percent=float(config.get("REGISTRY_EXCHANGE_TARGET_PERCENT",
                                                 base.exchange_target_percent)),
        check_max_age_days=int(config.get("REGISTRY_CHECK_MAX_AGE_DAYS",
                                          base.check_max_age_days)))


def _rows(row_type, *columns, where=None):
    query = select(*columns)
    if where is not None:
        query = query.where(where)
    return [row_type(*r) for r in db.session.execute(query)]


def load_registry_data(unit_ids=None, year=None, as_of=None) -> fd.RegistryData:
    """The registry rows of ``unit_ids`` (a set; None means the whole province).

    With ``year``, ready for that year's figures as of ``as_of`` (default 31 December):
    devices and certificates counted in groups, only the certificates the report names
    read one by one. Without it, every row (figures for any year; slow at scale).
    """

    def scope(model):
        return None if unit_ids is None else model.unit_id.in_(unit_ids)

    level = db.func.coalesce(m.UnitProfile.level, Unit.level)
    unit_query = (select(Unit.id, Unit.code, Unit.name, level, Unit.parent_id,
                         db.func.coalesce(m.UnitProfile.mailboxes, 0))
                  .outerjoin(m.UnitProfile, m.UnitProfile.unit_id == Unit.id))
    if unit_ids is not None:
        unit_query = unit_query.where(Unit.id.in_(unit_ids))
    units = [fd.UnitRow(*r) for r in db.session.execute(unit_query)]
    systems = [fd.SystemRow(*r) for r in db.session.execute(select(
        m.InfoSystem.id, m.InfoSystem.code, m.InfoSystem.name, m.InfoSystem.category,
        m.InfoSystem.launched_on, m.InfoSystem.launched_precision, m.InfoSystem.retired_on))]
    L, D, C, V, S, E, W, B, K = (m.NetworkLink, m.Device, m.Certificate, m.VideoPoint,
                                 m.SystemUse, m.ExchangeFigure, m.Website, m.BudgetLine,
                                 m.SecurityCheck)
    settings = settings_from_config()
    if year is None:
        counted = None
        devices = _rows(fd.DeviceRow, D.unit_id, D.kind, D.status, _device_start(),
                        D.retired_on, where=scope(D))
        certificates = _certificate_rows(scope(C))
    else:
        day = as_of or date(year, 12, 31)
        cuts = fc.cut_days(year, day, settings.expiry_windows)
        counted = fc.Counted(cuts, _device_counts(cuts, unit_ids),
                             _certificate_counts(cuts, unit_ids))
        devices = []
        # One by one only the certificates the report may name: ending within the window.
        named = C.valid_to.between(day, day + timedelta(days=max(settings.expiry_windows)))
        certificates = _certificate_rows(named if unit_ids is None else named & scope(C))
    return fd.RegistryData(
        units=units, counted=counted, devices=devices, certificates=certificates,
        links=_rows(fd.LinkRow, L.unit_id, L.status, L.connected_on, L.closed_on,
                    where=scope(L)),
        video_points=_rows(fd.VideoPointRow, V.unit_id, V.name, V.level, V.status,
                           V.commissioned_on, V.retired_on, where=scope(V)),
        systems=systems,
        system_uses=_rows(fd.SystemUseRow, S.unit_id, S.system_id, S.status, S.since,
                          S.until, where=scope(S)),
        exchange=_rows(fd.ExchangeRow, E.unit_id, E.year, E.quarter, E.sent_electronic,
                       E.sent_paper, E.received_electronic, E.received_paper,
                       where=scope(E)),
        websites=_rows(fd.WebsiteRow, W.unit_id, W.status, W.launched_on, W.closed_on,
                       where=scope(W)),
        budgets=_rows(fd.BudgetRow, B.unit_id, B.year, B.planned, B.spent, where=scope(B)),
        checks=_rows(fd.CheckRow, K.unit_id, K.network_isolated, K.firewall, K.antivirus,
                     K.checked_on, K.assessor, where=scope(K)),
        settings=settings,
    )


def _device_start():
    return db.func.coalesce(m.Device.commissioned_on, m.Device.purchased_on)


def _certificate_rows(where):
    C = m.Certificate
    return _rows(fd.CertificateRow, C.unit_id, C.holder_kind, C.serial, C.holder_name,
                 C.valid_from, C.valid_to, C.revoked_on, C.holder_title, where=where)


def _representative(column, cuts):
    """``figures_counts.representative`` in SQL: a CASE over the sorted cut days."""
    whens = [(column.is_(None), null())]
    whens += [(column <= literal(cut, Date), literal(cut, Date)) for cut in cuts]
    return type_coerce(case(*whens, else_=literal(cuts[-1] + fc.ONE_DAY, Date)), Date)


def _grouped(model, row_type, columns, unit_ids):
    """Count ``model``'s rows grouped by ``columns`` (label → expression) and unit level."""
    level = func.coalesce(m.UnitProfile.level, Unit.level, "?").label("level")
    inner = (select(level, *[expr.label(name) for name, expr in columns])
             .select_from(model).join(Unit, Unit.id == model.unit_id)
             .outerjoin(m.UnitProfile, m.UnitProfile.unit_id == model.unit_id))
    if unit_ids is not None:
        inner = inner.where(model.unit_id.in_(unit_ids))
    # Grouped outside: PostgreSQL does not match GROUP BY expressions that carry parameters.
    sub = inner.subquery()
    keys = [sub.c.level] + [sub.c[name] for name, _ in columns]
    query = select(*keys, func.count()).group_by(*keys)
    return [row_type(*r) for r in db.session.execute(query)]


def _device_counts(cuts, unit_ids):
    D = m.Device
    return _grouped(D, fc.DeviceCount, [
        ("kind", D.kind), ("status", D.status),
        ("start", _representative(_device_start(), cuts.starts)),
        ("end", _representative(D.retired_on, cuts.starts))], unit_ids)


def _certificate_counts(cuts, unit_ids):
    C = m.Certificate
    return _grouped(C, fc.CertificateCount, [
        ("holder_kind", C.holder_kind),
        ("valid_from", _representative(C.valid_from, cuts.starts)),
        ("valid_to", _representative(C.valid_to, cuts.valid_to)),
        ("revoked_on", _representative(C.revoked_on, cuts.starts))], unit_ids)

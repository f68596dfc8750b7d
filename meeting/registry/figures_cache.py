"""Keep the dashboard's figures between requests until the registry changes.

Computing a year's figures costs a few queries (devices and certificates are counted in
SQL, see ``figures_load``) and a pass over the units; the dashboard asks for the same
figures again and again. The key holds a version of the data: the last audit entry
(every change through an operation writes one) and the last id of each registry table
(bulk imports and the demo insert rows). One small query reads it.
The cache lives in the app (per process), holds a few entries and is dropped with the app.
"""

from collections import OrderedDict
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from meeting.core.models import AuditEntry, Unit
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.figures import YearFigures, year_figures
from meeting.registry.figures_load import load_registry_data, settings_from_config

SIZE = 16
COLUMNS = (AuditEntry.id, Unit.id, m.UnitProfile.unit_id, m.NetworkLink.id, m.Device.id,
           m.Certificate.id, m.VideoPoint.id, m.InfoSystem.id, m.SystemUse.id,
           m.ExchangeFigure.id, m.Website.id, m.BudgetLine.id, m.SecurityCheck.id)


def data_version() -> tuple:
    """Last ids of the audit log and of every table the figures read, in one query."""
    columns = [select(func.max(column)).scalar_subquery() for column in COLUMNS]
    return tuple(db.session.execute(select(*columns)).one())


def cached_year_figures(unit_ids, year: int, as_of: date) -> YearFigures:
    """``year_figures`` over the rows of ``unit_ids`` (None: all), reused while unchanged."""
    cache = current_app.extensions.setdefault("registry_figures", OrderedDict())
    key = (None if unit_ids is None else frozenset(unit_ids), year, as_of, data_version(),
           settings_from_config())
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    figures = year_figures(load_registry_data(unit_ids, year, as_of), year, as_of)
    cache[key] = figures
    while len(cache) > SIZE:
        cache.popitem(last=False)
    return figures

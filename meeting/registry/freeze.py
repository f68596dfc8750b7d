"""Freeze a year's report figures: the published report then regenerates identically."""

from datetime import date

from flask_babel import lazy_gettext as _l

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.registry.access import is_registry_admin
from meeting.registry.figures import year_figures
from meeting.registry.figures_load import load_registry_data
from meeting.registry.models import FrozenFigures
from meeting.registry.report import as_of_for, frozen

FIRST_YEAR = 2000


def _check(actor, year):
    if actor is not None and not is_registry_admin(actor):
        raise Forbidden()
    # A year not begun has no figures to publish.
    if not isinstance(year, int) or not FIRST_YEAR <= year <= date.today().year:
        raise OperationError(_l("Unknown year."))


def freeze_year(actor, year: int, today=None, note: str = "") -> FrozenFigures:
    """Store the figures of ``year`` as they are now; refused when already frozen."""
    _check(actor, year)
    note = (note or "").strip()
    if len(note) > 2000:
        raise OperationError(_l("The note is too long."))
    if frozen(year) is not None:
        raise Conflict(_l("The figures of %(year)s are already frozen.", year=year))
    as_of = as_of_for(year, today)
    figures = year_figures(load_registry_data(None, year, as_of), year, as_of).to_dict()
    row = FrozenFigures(year=year, as_of=as_of, figures=figures, note=note,
                        frozen_by_id=getattr(actor, "id", None))
    db.session.add(row)
    db.session.flush()
    audit(actor, "registry.report.freeze", row,
          after={"year": year, "as_of": figures["as_of"], "note": note})
    commit()
    return row


def unfreeze_year(actor, year: int) -> None:
    """Drop the frozen figures of ``year``; the report is computed from the data again."""
    _check(actor, year)
    row = frozen(year)
    if row is None:
        raise NotFound(_l("The figures of %(year)s are not frozen.", year=year))
    audit(actor, "registry.report.unfreeze", row, before={"year": year,
                                                          "figures": row.figures})
    db.session.delete(row)
    commit()

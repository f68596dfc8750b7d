"""Exporting a filtered list as CSV (UTF-8 with BOM) or XLSX, in the import's columns."""

from datetime import date

from meeting.extensions import db
from meeting.registry.present import cells, headers
from meeting.registry.queries import record_query
from meeting.registry.schema import SLUGS, Kind
from meeting.registry.tables import write_csv, write_xlsx

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def export(user, kind: Kind, filters: dict, fmt="csv") -> tuple[bytes, str, str]:
    """Return (content, mimetype, file name) for every record the filters keep."""
    query = record_query(user, kind, filters).execution_options(yield_per=2000)
    rows = (cells(kind, record) for record in db.session.scalars(query))
    header = headers(kind)
    content = write_xlsx(header, rows, SLUGS[kind.key]) if fmt == "xlsx" \
        else write_csv(header, rows)
    name = f"{SLUGS[kind.key]}-{date.today():%Y%m%d}.{fmt if fmt == 'xlsx' else 'csv'}"
    return content, FORMATS.get(fmt, FORMATS["csv"]), name

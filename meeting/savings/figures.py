"""The savings as a reader sees them: computed figures, named, filtered to what they may see.

One ``Report`` feeds the dashboard, the API, the CSV and the PDF, so all four show the
same numbers. Anyone may see the totals; the papers behind a figure are named only to
those the paper was distributed to (the others see how many there are).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import OperationError
from meeting.documents.access import visible_clause
from meeting.documents.models import Document
from meeting.extensions import db
from meeting.meetings.access import meetings_for
from meeting.meetings.models import Meeting
from meeting.savings.compute import Figures, Savings, compute, rounded
from meeting.savings.operations import get_settings
from meeting.savings.sources import Filters, Inputs, load, prices_of


@dataclass
class Report:
    filters: Filters
    settings: object
    inputs: Inputs
    savings: Savings
    visible_documents: set
    visible_meetings: set

    @property
    def prices(self):
        return self.savings.prices

    def figures_data(self, figures: Figures) -> dict:
        """One figure as JSON-ready values; money exact and rounded once."""
        shown = [i for i in figures.document_ids if i in self.visible_documents]
        data = {
            "copies": figures.copies, "pages": figures.pages, "sheets": figures.sheets,
            "envelopes": figures.envelopes,
            # Exact: prices have at most two decimals, so the cost has too.
            "cost": str(figures.cost.quantize(Decimal("0.01"))),
            "cost_rounded": int(rounded(figures.cost)),
            "printed_copies": figures.printed_copies,
            "printed_beyond_plan": figures.printed_beyond_plan,
            "document_count": len(figures.document_ids),
            "document_ids": shown, "other_documents": len(figures.document_ids) - len(shown),
        }
        if self.settings.show_factors:
            data.update(paper_kg=str(rounded(figures.paper_kg(self.prices), 1)),
                        trees=str(rounded(figures.trees(self.prices), 2)),
                        co2_kg=str(rounded(figures.co2_kg(self.prices), 1)))
        return data

    def meeting_label(self, meeting_id) -> str:
        meeting = self.inputs.meetings[meeting_id]
        body = self.inputs.bodies[meeting.body_id].name
        day = self.day_of(meeting_id).strftime("%d/%m/%Y")
        if meeting_id in self.visible_meetings:
            return f"{meeting.title} ({day})"
        return f"{body} ({day})"

    @cached_property
    def _days(self) -> dict:
        return {d.meeting_id: d.day for d in self.inputs.documents}

    def day_of(self, meeting_id) -> date:
        return self._days[meeting_id]

    def meetings_with_documents(self) -> list[tuple]:
        """[(meeting id, its figures, [DocumentInput the reader may see])] by meeting date."""
        visible: dict = {}
        for d in self.inputs.documents:
            if d.id in self.visible_documents:
                visible.setdefault(d.meeting_id, []).append(d)
        return [(key, figures, visible.get(key, [])) for key, _label, figures
                in self.rows("meetings")]

    def document_title(self, doc_id) -> str | None:
        return self.inputs.titles[doc_id] if doc_id in self.visible_documents else None

    def rows(self, kind: str) -> list[tuple]:
        """(key, label, figures) rows of one breakdown, in order."""
        s = self.savings
        if kind == "meetings":
            order = sorted(s.meetings, key=lambda m: (self.day_of(m), m))
            return [(m, self.meeting_label(m), s.meetings[m]) for m in order]
        if kind == "bodies":
            return [(b, self.inputs.bodies[b].name, s.bodies[b]) for b in s.bodies]
        if kind == "months":
            return [(k, f"{k[1]:02d}/{k[0]}", v) for k, v in s.months.items()]
        if kind == "quarters":
            return [(k, f"Q{k[1]}/{k[0]}", v) for k, v in s.quarters.items()]
        if kind == "years":
            return [(k, str(k), v) for k, v in s.years.items()]
        if kind == "cumulative":
            return [(k, f"{k[1]:02d}/{k[0]}", v) for k, v in s.cumulative.items()]
        raise ValueError(kind)

    def trace_filters(self, kind: str, key) -> dict:
        """The filters that select exactly the documents behind one row (for links)."""
        base = {"body": self.filters.body_id, "meeting": self.filters.meeting_id,
                "start": self.filters.start, "end": self.filters.end}
        if kind == "meetings":
            base["meeting"] = key
        elif kind == "bodies":
            base["body"] = key
        elif kind in ("months", "quarters", "years", "cumulative"):
            start, end = period_bounds(kind, key)
            if kind == "cumulative":
                start = self.filters.start
            base["start"] = max(filter(None, [start, self.filters.start]), default=None)
            base["end"] = min(filter(None, [end, self.filters.end]), default=None)
        return {k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in base.items() if v}


def period_bounds(kind, key) -> tuple[date, date]:
    if kind == "years":
        return date(key, 1, 1), date(key, 12, 31)
    year, n = key
    if kind == "quarters":
        first = 3 * (n - 1) + 1
        return date(year, first, 1), date(year, first + 2,
                                           calendar.monthrange(year, first + 2)[1])
    return date(year, n, 1), date(year, n, calendar.monthrange(year, n)[1])


def parse_filters(args) -> Filters:
    """Read ``body``, ``meeting``, ``year``, ``start`` and ``end`` from query arguments."""
    def number(name):
        value = (args.get(name) or "").strip()
        if not value:
            return None
        if not value.isdigit() or len(value) > 9:
            raise OperationError(_l("The filter %(name)s must be a number.", name=name))
        return int(value)

    def day(name):
        value = (args.get(name) or "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise OperationError(_l("The filter %(name)s must be a date (YYYY-MM-DD).",
                                    name=name)) from None

    start, end = day("start"), day("end")
    year = number("year")
    if year:
        if not 1900 < year < 3000:
            raise OperationError(_l("The filter %(name)s must be a number.", name="year"))
        start, end = max(filter(None, [start, date(year, 1, 1)])), min(
            filter(None, [end, date(year, 12, 31)]))
    if start and end and end < start:
        raise OperationError(_l("The end of the period is before its start."))
    return Filters(body_id=number("body"), meeting_id=number("meeting"), start=start, end=end)


def build(user, filters: Filters) -> Report:
    settings = get_settings()
    inputs = load(filters, settings)
    savings = compute(inputs.documents, prices_of(settings))
    ids = [d.id for d in inputs.documents]
    if user is None or user.is_secretariat:
        visible_docs, visible_meetings = set(ids), set(inputs.meetings)
    else:
        visible_docs = set(db.session.scalars(
            select(Document.id).join(Meeting, Document.meeting_id == Meeting.id)
            .where(Document.id.in_(ids), visible_clause(user)))) if ids else set()
        visible_meetings = {m.id for m in meetings_for(user)} & set(inputs.meetings)
    return Report(filters, settings, inputs, savings, visible_docs, visible_meetings)


def settings_data(settings) -> dict:
    return {name: (str(v) if isinstance(v, Decimal) else v)
            for name, v in settings.snapshot().items()}

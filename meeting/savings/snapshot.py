"""Freeze a savings report's inputs as JSON, and rebuild the same report from them.

An issued report must keep its numbers when prices or records change later: what the
arithmetic used (the settings, and per document its meeting, date, pages, recipients,
copies printed and format) is stored with the report, with the names needed to show it
and what its reader was allowed to see. ``thaw`` gives back a ``Report`` that the PDF and
CSV exports treat exactly like a live one.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from meeting.savings.compute import DocumentInput, compute
from meeting.savings.figures import Report
from meeting.savings.models import SavingsSettings
from meeting.savings.operations import DECIMAL_LIMITS
from meeting.savings.sources import Filters, Inputs, prices_of

VERSION = 1
_INPUT_FIELDS = ("id", "meeting_id", "body_id", "pages", "recipients", "printed", "size",
                 "colour")


def freeze(report: Report) -> dict:
    """Everything the report's numbers and names rest on, as plain JSON values."""
    inputs = report.inputs
    return {
        "version": VERSION,
        "filters": report.filters.as_json(),
        "settings": report.settings.snapshot(),
        "documents": [{**{k: getattr(d, k) for k in _INPUT_FIELDS}, "day": d.day.isoformat(),
                       "title": inputs.titles[d.id], "classified": d.id in inputs.classified}
                      for d in inputs.documents],
        "meetings": {str(m.id): {"title": m.title, "body_id": m.body_id}
                     for m in inputs.meetings.values()},
        "bodies": {str(b.id): b.name for b in inputs.bodies.values()},
        "visible_documents": sorted(report.visible_documents),
        "visible_meetings": sorted(report.visible_meetings),
    }


def frozen_settings(values: dict) -> SavingsSettings:
    """A settings object (never stored) holding the frozen values."""
    converted = {k: Decimal(v) if k in DECIMAL_LIMITS else v for k, v in values.items()}
    return SavingsSettings(id=1, **converted)


def thaw(data: dict) -> Report:
    """The report as it was issued, rebuilt from its snapshot alone (no database read)."""
    f = data["filters"]
    filters = Filters(body_id=f["body_id"], meeting_id=f["meeting_id"],
                      start=date.fromisoformat(f["start"]) if f["start"] else None,
                      end=date.fromisoformat(f["end"]) if f["end"] else None)
    settings = frozen_settings(data["settings"])
    inputs = Inputs()
    for d in data["documents"]:
        inputs.documents.append(DocumentInput(day=date.fromisoformat(d["day"]),
                                              **{k: d[k] for k in _INPUT_FIELDS}))
        inputs.titles[d["id"]] = d["title"]
        if d["classified"]:
            inputs.classified.add(d["id"])
    inputs.meetings = {int(k): SimpleNamespace(id=int(k), **v)
                       for k, v in data["meetings"].items()}
    inputs.bodies = {int(k): SimpleNamespace(id=int(k), name=v)
                     for k, v in data["bodies"].items()}
    savings = compute(inputs.documents, prices_of(settings))
    return Report(filters, settings, inputs, savings, set(data["visible_documents"]),
                  set(data["visible_meetings"]))

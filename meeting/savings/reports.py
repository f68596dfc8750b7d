"""Issued savings reports: frozen when asked for, their PDF built in the background.

``request_report`` freezes the reader's figures (``snapshot.freeze``) and queues the
build; ``build_report`` lays out the PDF from the snapshot alone, so the file says what
the figures were on the report's date, whatever changed since. The page polls the
report's state; the requester's devices are also told (``savings.report``).
"""

import logging
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.background import run_later, start_build
from meeting.core.errors import NotFound
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.savings.figures import build
from meeting.savings.models import SavingsReport
from meeting.savings.snapshot import freeze, thaw
from meeting.savings.sources import Filters, local_date

log = logging.getLogger(__name__)
STATES = {"queued": _l("Queued"), "running": _l("Being built"), "done": _l("Done"),
          "failed": _l("Failed")}  # the same words as the official papers' builds
STALE = timedelta(minutes=15)  # a build this old that never ended was cut short


def request_report(actor, filters: Filters) -> SavingsReport:
    """Freeze the figures ``actor`` sees with ``filters`` and queue the PDF.

    One build at a time per person: asking again while one is under way returns it.
    """
    pending = db.session.scalar(
        select(SavingsReport).where(SavingsReport.requested_by_id == actor.id,
                                    SavingsReport.state.in_(("queued", "running")),
                                    SavingsReport.created_dt > utcnow() - STALE)
        .order_by(SavingsReport.id.desc()).limit(1))
    if pending is not None:
        return pending
    snapshot = freeze(build(actor, filters))
    report = SavingsReport(report_date=local_date(utcnow()), snapshot=snapshot,
                           requested_by_id=actor.id, state="queued")
    db.session.add(report)
    db.session.flush()
    audit(actor, "savings.report.request", report,
          after={"filters": snapshot["filters"], "settings": snapshot["settings"],
                 "documents": len(snapshot["documents"])})
    commit()
    run_later(build_report, report.id, name="savings.report", setting="SAVINGS_BACKGROUND")
    return report


def render(report: SavingsReport) -> bytes:
    """The report's PDF from its snapshot: the same numbers every time."""
    from meeting.savings.exports import render_report_pdf

    return render_report_pdf(thaw(report.snapshot), today=report.report_date)


def build_report(report_id: int):
    """queued → running → done | failed, each state committed so the page can show it."""
    report = start_build(SavingsReport, report_id)
    if report is None:
        return
    try:
        pdf = render(report)
    except Exception:  # a bug must not leave the report "running" forever
        db.session.rollback()
        log.exception("savings report %s failed", report_id)
        _finish(report_id, "failed", error=str(_l("The report could not be built.")))
    else:
        _finish(report_id, "done", pdf=pdf)


def _died(report_id: int):
    _finish(report_id, "failed", error=str(_l("The report could not be built.")))


build_report.on_died = _died  # its worker died (core/jobs.py reap)


def _finish(report_id, state, error="", pdf=None):
    report = db.session.get(SavingsReport, report_id)
    report.state, report.error, report.pdf = state, error[:500], pdf
    report.finished_dt = utcnow()
    if report.requested_by_id:
        announce.to_user(report.requested_by_id, "savings.report", status_data(report))
    commit()


def state_of(report: SavingsReport) -> str:
    """The state to show; a build that never ended (server restarted) counts as failed."""
    if report.state in ("queued", "running") and report.created_dt < utcnow() - STALE:
        return "failed"
    return report.state


def status_data(report: SavingsReport) -> dict:
    """What the requester's devices are told (no URLs: the worker has no request)."""
    state = state_of(report)
    return {"id": report.id, "state": state, "state_label": str(STATES[state]),
            "error": report.error, "report_date": report.report_date.isoformat()}


def report_data(report: SavingsReport) -> dict:
    from flask import url_for

    state = state_of(report)
    data = {**status_data(report), "filters": report.snapshot["filters"],
            "settings": report.snapshot["settings"],
            "documents": len(report.snapshot["documents"])}
    if state == "done":
        data["pdf_url"] = url_for("savings.issued_pdf", report_id=report.id)
    data["csv_url"] = url_for("savings.issued_csv", report_id=report.id)
    return data


def get_report(user, report_id) -> SavingsReport:
    """A report its requester (or the secretariat) may open; anyone else gets 404."""
    report = db.session.get(SavingsReport, report_id)
    if report is None or not (user.is_secretariat or report.requested_by_id == user.id):
        raise NotFound()
    return report


def recent_reports(user, limit=5) -> list[SavingsReport]:
    """The person's latest reports (the secretariat sees everyone's)."""
    query = select(SavingsReport).order_by(SavingsReport.id.desc()).limit(limit)
    if not user.is_secretariat:
        query = query.where(SavingsReport.requested_by_id == user.id)
    return list(db.session.scalars(query))

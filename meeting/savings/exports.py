"""The savings report as PDF (Party layout, same charts as the page) and as CSV.

The CSV of the current figures is downloaded at once; the PDF takes seconds to lay out,
so it is issued as a report built in the background (``meeting.savings.issued``).
"""

import csv
import io
from datetime import date

from flask import Response, abort, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meeting.core.errors import OperationError
from meeting.savings.blueprint import bp
from meeting.savings.charts import amount, count, money, plain, savings_charts
from meeting.savings.figures import build, parse_filters

BREAKDOWNS = ("years", "quarters", "months", "bodies", "meetings", "cumulative")


def _report():
    try:
        return build(current_user, parse_filters(request.args))
    except OperationError:
        abort(400)


def report_context(report, today: date | None = None) -> dict:
    """What the PDF template needs: the report, its charts, the Party header of a "BC"."""
    from meeting.papers.layout import party_header

    return dict(report=report, charts=savings_charts(report), money=money, count=count,
                amount=amount, plain=plain, doc_type=_("Report"),
                summary=_("Printing costs saved by paperless meetings"),
                **party_header("BC", day=today))


def render_report_pdf(report, today: date | None = None) -> bytes:
    """The report as a Party-layout PDF, with the same charts as the dashboard."""
    from meeting.papers.pdf import render_pdf

    # An official paper: in Vietnamese whatever language the reader's screens use.
    with force_locale("vi"):
        return render_pdf("savings/report_pdf.html", **report_context(report, today))


def _cell(value) -> str:
    """Text for a spreadsheet: a leading = + - @ would be run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    factors = report.settings.show_factors
    head = [_("Breakdown"), _("Key"), _("Label"), _("Documents"), _("Copies avoided"),
            _("Pages avoided"), _("Sheets avoided"), _("Envelopes avoided"),
            _("Copies printed"), _("Printed beyond plan"), _("Cost avoided (exact, đồng)"),
            _("Cost avoided (rounded, đồng)")]
    if factors:
        head += [_("Paper (kg)"), _("Trees"), _("CO₂ (kg)")]
    writer.writerow(head + [_("Document ids"), _("Other documents")])
    rows = [("total", "", _("Total"), report.savings.total)]
    for kind in BREAKDOWNS:
        rows += [(kind, "-".join(map(str, k)) if isinstance(k, tuple) else k, label, f)
                 for k, label, f in report.rows(kind)]
    rows += [("document", d.id, report.document_title(d.id) or "",
              report.savings.documents[d.id])
             for d in report.inputs.documents if d.id in report.visible_documents]
    for kind, key, label, f in rows:
        data = report.figures_data(f)
        line = [kind, key, _cell(label), data["document_count"], f.copies, f.pages, f.sheets,
                f.envelopes, f.printed_copies, f.printed_beyond_plan, data["cost"],
                data["cost_rounded"]]
        if factors:
            line += [data["paper_kg"], data["trees"], data["co2_kg"]]
        writer.writerow(line + [" ".join(map(str, data["document_ids"])),
                                data["other_documents"]])
    return out.getvalue()


@bp.get("/report.csv")
@login_required
def report_csv_download():
    # A byte-order mark so spreadsheet programs read the Vietnamese text as UTF-8.
    body = "\ufeff" + report_csv(_report())
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="tiet-kiem-in-an.csv"'})

"""Issued savings reports: ask for one, follow its build, download its PDF and CSV."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from meeting.core.errors import OperationError
from meeting.savings import reports
from meeting.savings.blueprint import bp
from meeting.savings.charts import count, money, plain
from meeting.savings.exports import report_csv
from meeting.savings.figures import parse_filters
from meeting.savings.snapshot import thaw

FILENAME = "tiet-kiem-in-an-{id}"


@bp.post("/reports")
@login_required
def request_report():
    """The dashboard's "Report (PDF)": freeze the figures shown and build them in the back."""
    try:
        filters = parse_filters(request.form)
    except OperationError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("savings.dashboard"))
    report = reports.request_report(current_user, filters)
    return redirect(url_for("savings.issued", report_id=report.id))


@bp.get("/reports/<int:report_id>")
@login_required
def issued(report_id):
    report = reports.get_report(current_user, report_id)
    frozen = thaw(report.snapshot)
    return render_template("savings/report.html", report=report, frozen=frozen,
                           state=reports.state_of(report), states=reports.STATES,
                           settings=frozen.settings,
                           money=money, plain=plain, count=count)


@bp.get("/reports/<int:report_id>.pdf")
@login_required
def issued_pdf(report_id):
    report = reports.get_report(current_user, report_id)
    if reports.state_of(report) != "done" or not report.pdf:
        abort(404)
    return Response(report.pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{FILENAME.format(id=report.id)}.pdf"'})


@bp.get("/reports/<int:report_id>.csv")
@login_required
def issued_csv(report_id):
    """The issued figures as CSV, from the snapshot: ready at once, whatever the PDF's state."""
    report = reports.get_report(current_user, report_id)
    body = "\ufeff" + report_csv(thaw(report.snapshot))
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{FILENAME.format(id=report.id)}.csv"'})

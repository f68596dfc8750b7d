"""Savings pages. Everyone signed in sees the figures; the secretariat sets the prices
and records the copies printed all the same."""

from datetime import date
from decimal import Decimal

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.routing import BuildError

from meeting.core.errors import OperationError
from meeting.core.web import try_operation
from meeting.documents.models import Document
from meeting.extensions import db
from meeting.meetings.models import Body, Meeting
from meeting.savings import operations, reports
from meeting.savings.blueprint import bp
from meeting.savings.charts import amount, count, money, plain, savings_charts
from meeting.savings.compute import COLOURS, PAPER_SIZES
from meeting.savings.figures import build, parse_filters
from meeting.savings.models import PrintedCopies
from meeting.savings.operations import LABELS


def _require_secretariat():
    if not current_user.is_secretariat:
        abort(403)


def document_url(doc_id) -> str | None:
    """The paper's own page, when the documents module offers one."""
    try:
        return url_for("documents.read", document_id=doc_id)
    except BuildError:
        return None


def helpers() -> dict:
    return {"money": money, "count": count, "amount": amount, "plain": plain,
            "document_url": document_url, "labels": LABELS}


def _report_or_message():
    """Build the report for the query's filters; a bad filter shows its reason on the page."""
    try:
        filters = parse_filters(request.args)
    except OperationError as exc:
        return None, str(exc.message)
    return build(current_user, filters), None


@bp.get("")
@login_required
def dashboard():
    report, problem = _report_or_message()
    if report is None:
        return render_template("savings/dashboard.html", report=None, problem=problem,
                               **_filter_choices(), **helpers()), 400
    return render_template("savings/dashboard.html", report=report,
                           charts=savings_charts(report), problem=None,
                           recent=reports.recent_reports(current_user, 3),
                           report_states=reports.STATES, report_state=reports.state_of,
                           **_filter_choices(), **helpers())


def _filter_choices() -> dict:
    bodies = list(db.session.scalars(select(Body).order_by(Body.name)))
    years = sorted({m.start_dt.year for m in db.session.scalars(
        select(Meeting).where(Meeting.status != "draft"))}, reverse=True)
    return {"bodies": bodies, "years": years or [date.today().year],
            "args": request.args}


@bp.get("/documents")
@login_required
def documents():
    """The papers behind one figure: the same filters as the link that led here."""
    report, problem = _report_or_message()
    if report is None:
        abort(400)
    return render_template("savings/documents.html", report=report, **helpers())


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    _require_secretariat()
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in LABELS
                  if name not in ("duplex", "show_factors", "copies")}
        values["duplex"] = request.form.get("duplex") == "on"
        values["show_factors"] = request.form.get("show_factors") == "on"
        _result, ok = try_operation(lambda: operations.update_settings(current_user, values),
                                    _("Saved."))
        if ok:
            return redirect(url_for("savings.settings"))
        return render_template("savings/settings.html", values=request.form, posted=True,
                               sizes=PAPER_SIZES, colours=COLOURS, **helpers()), 400
    current = operations.get_settings()
    values = {k: format(v.normalize(), "f") if isinstance(v, Decimal) else v
              for k, v in {n: getattr(current, n) for n in current.FIELDS}.items()}
    return render_template("savings/settings.html", values=values, posted=False,
                           settings_row=current, sizes=PAPER_SIZES, colours=COLOURS,
                           **helpers())


def _form_document():
    """The document the form's ``document_id`` names, or None."""
    doc_id = request.form.get("document_id", "")
    return db.session.get(Document, int(doc_id)) if doc_id.isdigit() and len(
        doc_id) < 10 else None


def _published_documents():
    query = (select(Document).join(Meeting, Document.meeting_id == Meeting.id)
             .where(Document.status == "published", Meeting.status != "draft")
             .order_by(Meeting.start_dt.desc(), Document.position, Document.id))
    return list(db.session.scalars(query))


@bp.route("/printed", methods=["GET", "POST"])
@login_required
def printed():
    """Copies printed all the same: the list and the form to add one."""
    _require_secretariat()
    status = 200
    if request.method == "POST":
        document = _form_document()
        day = request.form.get("printed_on", "")

        def record():
            try:
                printed_on = date.fromisoformat(day) if day else None
            except ValueError:
                raise OperationError(_("The printing date is not a date.")) from None
            return operations.record_printed_copies(
                current_user, document, copies=request.form.get("copies", ""),
                printed_on=printed_on, reason=request.form.get("reason", ""))

        _result, ok = try_operation(record, _("Printed copies recorded."))
        if ok:
            return redirect(url_for("savings.printed"))
        status = 400
    return render_template("savings/printed.html", records=operations.printed_records(),
                           formats=operations.print_formats(),
                           defaults=operations.get_settings(), sizes=PAPER_SIZES,
                           documents=_published_documents(), form=request.form,
                           today=date.today(), **helpers()), status


@bp.post("/printed/<int:record_id>/delete")
@login_required
def delete_printed(record_id):
    _require_secretariat()
    record = db.session.get(PrintedCopies, record_id)
    if record is None:
        abort(404)
    try_operation(lambda: operations.delete_printed_copies(current_user, record),
                  _("The record was removed."))
    return redirect(url_for("savings.printed"))


@bp.post("/formats")
@login_required
def set_format():
    """The paper format of one document (from the printed-copies page)."""
    _require_secretariat()
    document = _form_document()
    try_operation(lambda: operations.set_print_format(
        current_user, document, paper_size=request.form.get("paper_size"),
        colour=request.form.get("colour")), _("Saved."))
    return redirect(url_for("savings.printed"))

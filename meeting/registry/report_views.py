"""Pages of the yearly IT report: the years, a preview, the PDF, freezing a year."""

from datetime import date

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from meeting.core.web import try_operation
from meeting.extensions import db
from meeting.registry import access
from meeting.registry.blueprint import bp
from meeting.registry.freeze import FIRST_YEAR, freeze_year, unfreeze_year
from meeting.registry.models import ExchangeFigure, FrozenFigures
from meeting.registry.report import render_report_html, render_report_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _years(today: date) -> list[int]:
    """From the first year with exchange figures (or five years back) to this year."""
    first = db.session.scalar(select(func.min(ExchangeFigure.year))) or today.year - 4
    return list(range(today.year, max(first, FIRST_YEAR) - 1, -1))


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= date.today().year:
        from werkzeug.exceptions import NotFound

        raise NotFound()
    return year


@bp.get("/reports")
@login_required
def reports():
    """The yearly reports: read any year, freeze the published ones."""
    access.require_admin(current_user)
    frozen = {row.year: row for row in db.session.scalars(select(FrozenFigures))}
    return render_template("registry/reports.html", years=_years(date.today()), frozen=frozen)


@bp.get("/reports/<int:year>")
@login_required
def report_preview(year):
    """The report as a page (the same template and SVG charts as the PDF)."""
    access.require_admin(current_user)
    return render_report_html(_year(year))


@bp.get("/reports/<int:year>.pdf")
@login_required
def report_pdf(year):
    access.require_admin(current_user)
    pdf = render_report_pdf(_year(year))
    filename = f"bao-cao-cntt-{year}.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


@bp.get("/reports/<int:year>.docx")
@login_required
def report_docx(year):
    """The same report as DOCX, for an office that edits it before issuing it."""
    from meeting.registry.report_docx import render_report_docx

    access.require_admin(current_user)
    data = render_report_docx(_year(year))
    return Response(data, mimetype=DOCX, headers={
        "Content-Disposition": f'attachment; filename="bao-cao-cntt-{year}.docx"'})


@bp.post("/reports/<int:year>/freeze")
@login_required
def freeze_report(year):
    """Freeze (or, with ``action=unfreeze``, release) the figures of ``year``."""
    if request.form.get("action") == "unfreeze":
        try_operation(lambda: unfreeze_year(current_user, year),
                      _("The figures of %(year)s are computed from the registry again.",
                        year=year))
    else:
        try_operation(lambda: freeze_year(current_user, year,
                                          note=request.form.get("note", "")),
                      _("The figures of %(year)s are frozen.", year=year))
    return redirect(url_for("registry.reports"))

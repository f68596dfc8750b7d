"""Import (upload, dry run, confirm) and export pages of the registry."""

import secrets
from datetime import timedelta

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import delete, select

from meeting.core.errors import NotFound, OperationError
from meeting.core.time import utcnow
from meeting.extensions import db
from meeting.registry import access, imports, tables, unit_rows
from meeting.registry.blueprint import bp
from meeting.registry.controllers import kind_of
from meeting.registry.exports import FORMATS, export
from meeting.registry.models import ImportDraft
from meeting.registry.present import headers

MAX_UPLOAD = 30 * 1024 * 1024
DRAFT_HOURS = 12


@bp.get("/<slug>/export.<fmt>")
@login_required
def export_records(slug, fmt):
    access.require_registry(current_user)
    if fmt not in ("csv", "xlsx"):
        raise NotFound()
    if slug == "units":
        rows = (unit_rows.cells(r) for r in db.session.execute(
            unit_rows.unit_query(current_user, request.args)))
        content = tables.write_xlsx(unit_rows.HEADERS, rows, "units") if fmt == "xlsx" \
            else tables.write_csv(unit_rows.HEADERS, rows)
        mimetype, name = FORMATS[fmt], f"units.{fmt}"
    else:
        content, mimetype, name = export(current_user, kind_of(slug), request.args, fmt)
    return Response(content, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


class _Units:
    """Stands for a record kind on the import page when the rows are units."""

    key, label = "unit", _l("Units")


def _kind(slug):
    return _Units if slug == "units" else kind_of(slug)


def _check(kind, content, filename, mode, write=False):
    if kind is _Units:
        return unit_rows.import_units(current_user, content, filename, write=write)
    if write:
        return imports.apply(current_user, kind, content, filename, mode)
    return imports.check(current_user, kind, content, filename, mode)


def _render(kind, slug, report=None, draft=None, status=200):
    columns = unit_rows.HEADERS if kind is _Units else headers(kind)
    return render_template("registry/import.html", kind=kind, slug=slug, report=report,
                           draft=draft, columns=columns), status


@bp.route("/<slug>/import", methods=["GET", "POST"])
@login_required
def import_records(slug):
    """Upload a file: it is checked (dry run) and kept until the person confirms."""
    kind = _kind(slug)
    access.require_registry(current_user)
    if request.method == "GET":
        return _render(kind, slug)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose a CSV or XLSX file."), "error")
        return _render(kind, slug, status=400)
    content = upload.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        flash(_("The file is too large."), "error")
        return _render(kind, slug, status=400)
    mode = "create" if request.form.get("mode") == "create" else "upsert"
    report = _check(kind, content, upload.filename, mode)
    draft = None
    if report.ok:
        # Old drafts of abandoned imports go when a new one comes.
        db.session.execute(delete(ImportDraft).where(
            ImportDraft.created_dt < utcnow() - timedelta(hours=DRAFT_HOURS)))
        draft = ImportDraft(token=secrets.token_urlsafe(24), user_id=current_user.id,
                            kind=kind.key, mode=mode, filename=upload.filename[:200],
                            content=content)
        db.session.add(draft)
    db.session.commit()
    return _render(kind, slug, report, draft, 200 if report.ok else 400)


@bp.post("/<slug>/import/confirm")
@login_required
def confirm_import(slug):
    """Write a checked file: all rows or, if anything changed since the check, none."""
    kind = _kind(slug)
    draft = db.session.scalar(select(ImportDraft).where(
        ImportDraft.token == request.form.get("token", ""),
        ImportDraft.user_id == current_user.id, ImportDraft.kind == kind.key))
    if draft is None:
        raise OperationError(_("This import has expired. Upload the file again."))
    mode, filename, content = draft.mode, draft.filename, draft.content
    # Deleted in the import's own transaction: gone only if the rows were written.
    db.session.execute(delete(ImportDraft).where(ImportDraft.id == draft.id))
    report = _check(kind, content, filename, mode, write=True)
    if not report.ok:
        return _render(kind, slug, report, None, 409)
    flash(_("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.",
            created=report.created, updated=report.updated, unchanged=report.unchanged),
          "success")
    return redirect(url_for("registry.list_records", slug=slug))

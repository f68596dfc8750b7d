"""Registry pages: the overview, a filtered list per record kind, the record form."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from meeting.core.errors import OperationError
from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import access, queries
from meeting.registry.blueprint import bp
from meeting.registry.models import InfoSystem
from meeting.registry.operations import create_record, get_record, retire_record, update_record
from meeting.registry.present import shown
from meeting.registry.schema import BY_SLUG, KINDS, SLUGS

EXPIRY_CHOICES = (30, 60, 90)
FILTER_KEYS = ("unit", "branch", "status", "type", "expiring", "q", "per_page")


def kind_of(slug):
    if slug not in BY_SLUG:
        abort(404)
    return BY_SLUG[slug]


def _systems(kind):
    """The catalogue, for the kind whose records name a system."""
    if kind.key != "system_use":
        return []
    return db.session.scalars(select(InfoSystem).order_by(InfoSystem.name)).all()


@bp.get("/")
@login_required
def home():
    """How many records of each kind the person may see, with links to each list."""
    access.require_registry(current_user)
    counts = {}
    for key, kind in KINDS.items():
        query = access.limit_to_visible(current_user, select(func.count(kind.model.id)),
                                        kind.model.unit_id)
        counts[key] = db.session.scalar(query)
    unit_count = db.session.scalar(access.limit_to_visible(
        current_user, select(func.count(Unit.id)), Unit.id))
    return render_template("registry/home.html", kinds=KINDS, slugs=SLUGS, counts=counts,
                           unit_count=unit_count,
                           is_admin=access.is_registry_admin(current_user))


@bp.get("/<slug>")
@login_required
def list_records(slug):
    kind = kind_of(slug)
    access.require_registry(current_user)
    filters = request.args
    try:
        page = queries.page_of(queries.record_query(current_user, kind, filters), filters)
        error = None
    except OperationError as exc:
        page, error = queries.Page([], 0, 1, queries.PER_PAGE), exc.message
    systems = _systems(kind)
    editable = access.editable_unit_ids(current_user)
    return render_template(
        "registry/list.html", kind=kind, slug=slug, page=page, filters=filters, error=error,
        shown=shown, systems=systems, expiry_choices=EXPIRY_CHOICES,
        can_add=editable is None or bool(editable),
        can_edit=lambda record: editable is None or record.unit_id in editable,
        args={k: v for k, v in filters.items() if k in FILTER_KEYS}), 400 if error else 200


def _raw_from_form(kind) -> dict:
    raw = {}
    for f in kind.fields:
        if f.type == "bool":
            raw[f.name] = "1" if request.form.get(f.name) else "0"
        elif f.name in request.form:
            raw[f.name] = request.form[f.name]
    return raw


def _unit_choices():
    """Units offered in the form: those the person may edit (typed by code when many)."""
    query = select(Unit.code, Unit.name).order_by(Unit.code)
    editable = access.editable_unit_ids(current_user)
    if editable is not None:
        query = query.where(Unit.id.in_(editable or [0]))
    return db.session.execute(query.limit(500)).all()


@bp.route("/<slug>/new", methods=["GET", "POST"])
@bp.route("/<slug>/<int:record_id>", methods=["GET", "POST"])
@login_required
def edit_record(slug, record_id=None):
    kind = kind_of(slug)
    access.require_registry(current_user)
    record = get_record(current_user, kind, record_id) if record_id else None
    can_edit = access.can_edit(current_user, record.unit_id) if record else True
    values, error, error_field = {}, None, None
    if request.method == "POST":
        raw = _raw_from_form(kind)
        try:
            if record is None:
                record = create_record(current_user, kind, raw)
            else:
                update_record(current_user, kind, record, raw)
        except OperationError as exc:
            if exc.status in (403, 404):
                raise  # not a mistake in the form: the error page says why
            db.session.rollback()
            values, error, error_field = raw, exc.message, exc.details.get("field")
            record = get_record(current_user, kind, record_id) if record_id else None
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("registry.list_records", slug=slug))
    systems = _systems(kind)
    return render_template(
        "registry/form.html", kind=kind, slug=slug, record=record, values=values,
        error=error, error_field=error_field, can_edit=can_edit, units=_unit_choices(),
        systems=systems), 400 if error else 200


@bp.post("/<slug>/<int:record_id>/retire")
@login_required
def retire(slug, record_id):
    kind = kind_of(slug)
    record = get_record(current_user, kind, record_id)
    retire_record(current_user, kind, record)
    flash(_("Retired.") if kind.retire is not None else _("Deleted."), "success")
    return redirect(url_for("registry.list_records", slug=slug))


@bp.get("/units")
@login_required
def list_units():
    """The units the person may see with their profile (level, staff, mailboxes)."""
    from meeting.registry.models import UNIT_LEVELS
    from meeting.registry.unit_rows import unit_query

    access.require_registry(current_user)
    try:
        page = queries.page_of(unit_query(current_user, request.args), request.args, rows=True)
        error = None
    except OperationError as exc:
        page, error = queries.Page([], 0, 1, queries.PER_PAGE), exc.message
    return render_template(
        "registry/units.html", page=page, filters=request.args, error=error,
        levels=UNIT_LEVELS, is_admin=access.is_registry_admin(current_user),
        args={k: v for k, v in request.args.items() if k in FILTER_KEYS}), 400 if error else 200

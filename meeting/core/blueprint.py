"""Routes every module shares: home, health check, audit log."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import false, select, text
from sqlalchemy.orm import joinedload

from meeting.core import audit_labels, units
from meeting.core.ids import is_id
from meeting.core.models import AuditEntry, Unit
from meeting.core.web import try_operation
from meeting.extensions import csrf, db

bp = Blueprint("core", __name__)

AUDIT_PAGE = 50
MAX_AUDIT_PAGE = 100_000  # beyond any real log; keeps the offset a number the database takes


@bp.route("/")
def index():
    return redirect(url_for("meetings.my_meetings"))


@bp.route("/healthz")
@csrf.exempt
def healthz():
    """Report whether the database answers; load balancers and operators poll this."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception as exc:  # report, never raise: this is the page that says what's wrong
        database = f"error: {type(exc).__name__}"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "degraded", database=database,
                   dialect=db.engine.dialect.name), status


@bp.route("/admin/audit")
@login_required
def audit_log():
    """Browse the audit log, newest first, filtered by action, person or meeting."""
    if not current_user.has_role("admin"):
        abort(403)
    # The people with their entries: one query, not one per row.
    query = select(AuditEntry).options(joinedload(AuditEntry.user)).order_by(AuditEntry.id.desc())
    action = request.args.get("action", "").strip()
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    # An id no row can have matches nothing; sent to the database it would fail instead.
    user_id = request.args.get("user_id", type=int)
    if user_id:
        query = query.where(AuditEntry.user_id == user_id if is_id(user_id) else false())
    meeting_id = request.args.get("meeting_id", type=int)
    if meeting_id:
        query = query.where(
            AuditEntry.meeting_id == meeting_id if is_id(meeting_id) else false())
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_AUDIT_PAGE)
    entries = list(db.session.scalars(query.limit(AUDIT_PAGE + 1).offset((page - 1) * AUDIT_PAGE)))
    return render_template("core/audit.html", entries=entries[:AUDIT_PAGE], page=page,
                           has_more=len(entries) > AUDIT_PAGE, action=action,
                           user_id=user_id, meeting_id=meeting_id,
                           action_label=audit_labels.action_label,
                           target_label=audit_labels.target_label)


@bp.route("/units", methods=["GET", "POST"])
@login_required
def list_units():
    """Show the unit tree; the secretariat and IT officers add units."""
    if not units.can_edit_units(current_user):
        abort(403)
    if request.method == "POST":
        unit, ok = try_operation(lambda: units.create_unit(
            current_user, code=request.form.get("code"), name=request.form.get("name"),
            level=request.form.get("level", "province"),
            parent_id=request.form.get("parent_id", type=int) or None), _("Unit added."))
        if ok:
            return redirect(url_for("core.list_units"))
    return render_template("core/units.html", tree=units.tree(), levels=Unit.LEVELS,
                           form=request.form), 400 if request.method == "POST" else 200

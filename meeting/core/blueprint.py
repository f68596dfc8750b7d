"""Routes every module shares: home, health check, audit log."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select, text

from meeting.core.models import AuditEntry
from meeting.extensions import csrf, db

bp = Blueprint("core", __name__)

AUDIT_PAGE = 50


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
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    action = request.args.get("action", "").strip()
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    user_id = request.args.get("user_id", type=int)
    if user_id:
        query = query.where(AuditEntry.user_id == user_id)
    meeting_id = request.args.get("meeting_id", type=int)
    if meeting_id:
        query = query.where(AuditEntry.meeting_id == meeting_id)
    page = max(request.args.get("page", 1, type=int), 1)
    entries = list(db.session.scalars(query.limit(AUDIT_PAGE + 1).offset((page - 1) * AUDIT_PAGE)))
    return render_template("core/audit.html", entries=entries[:AUDIT_PAGE], page=page,
                           has_more=len(entries) > AUDIT_PAGE, action=action,
                           user_id=user_id, meeting_id=meeting_id)

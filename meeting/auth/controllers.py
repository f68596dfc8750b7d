"""Thin controllers: parse the request, call an operation, render or redirect."""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from meeting.auth import operations
from meeting.auth.blueprint import bp
from meeting.auth.forms import LoginForm, UserForm
from meeting.auth.models import ROLES, User
from meeting.core.errors import OperationError
from meeting.core.models import Unit
from meeting.extensions import db, limiter


def _login_key():
    # Throttle per account, so one tablet cannot guess a password, and the room's
    # shared Wi-Fi address is not locked out for everyone.
    return "login:" + (request.form.get("username") or "").strip().lower()


def _safe_next(target):
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("meetings.my_meetings")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
               key_func=_login_key)
@limiter.limit(lambda: current_app.config["LOGIN_IP_RATE_LIMIT"], methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("meetings.my_meetings"))
    form = LoginForm()
    if form.validate_on_submit():
        user = operations.log_in(form.username.data, form.password.data,
                                 request.user_agent.string)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Wrong username or password, or the account is disabled."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 400


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    operations.log_out(current_user)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def set_language():
    lang = request.form.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(_safe_next(request.form.get("next")))


def _require_admin():
    if not current_user.has_role("admin"):
        abort(403)


def _unit_choices():
    units = db.session.scalars(select(Unit).order_by(Unit.name))
    return [(0, "—")] + [(u.id, u.name) for u in units]


@bp.route("/admin/users")
@login_required
def list_users():
    _require_admin()
    users = db.session.scalars(select(User).order_by(User.full_name))
    return render_template("auth/users.html", users=list(users), role_names=ROLES)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@login_required
def edit_user(user_id=None):
    _require_admin()
    user = db.get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=user)
    form.unit_id.choices = _unit_choices()
    if user and request.method == "GET":
        form.roles.data = sorted(user.roles)
        form.unit_id.data = user.unit_id or 0
    if form.validate_on_submit():
        try:
            if user is None:
                user = operations.create_user(
                    current_user, username=form.username.data, full_name=form.full_name.data,
                    password=form.password.data or "", roles=form.roles.data,
                    title=form.title.data or "", unit_id=form.unit_id.data or None)
            else:
                operations.update_user(
                    current_user, user, full_name=form.full_name.data,
                    title=form.title.data or "", roles=form.roles.data,
                    unit_id=form.unit_id.data, password=form.password.data or None)
                if form.is_enabled.data != user.is_enabled:
                    operations.set_user_enabled(current_user, user, form.is_enabled.data)
            flash(_("Saved."), "success")
            return redirect(url_for("auth.list_users"))
        except OperationError as exc:
            db.session.rollback()
            flash(str(exc.message), "error")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/user_form.html", form=form, user=user), status

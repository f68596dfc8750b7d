"""Registry administration pages: API tokens for scripts and access grants per unit."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from meeting.auth.models import User
from meeting.auth.tokens import ApiToken, create_token, revoke_token, tokens_of
from meeting.core.errors import NotFound, OperationError
from meeting.core.ids import is_id
from meeting.core.web import try_operation
from meeting.extensions import db
from meeting.registry import access, catalogue
from meeting.registry.blueprint import bp
from meeting.registry.models import GRANT_LEVELS, RegistryGrant
from meeting.registry.queries import unit_by_code


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    """A person's API tokens; a new one is shown once, right after it is made."""
    access.require_registry(current_user)
    new_token = None
    if request.method == "POST":
        try:
            _row, new_token = create_token(current_user, current_user, request.form.get("name"))
        except OperationError as exc:
            db.session.rollback()
            flash(str(exc.message), "error")
    return render_template("registry/tokens.html", tokens=tokens_of(current_user),
                           new_token=new_token), 201 if new_token else 200


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id):
    revoke_token(current_user, db.session.get(ApiToken, token_id))
    flash(_("The token is revoked."), "success")
    return redirect(url_for("registry.tokens"))


def _grant_from(form):
    user = db.session.scalar(select(User).where(
        User.username == (form.get("username") or "").strip()))
    if user is None:
        raise NotFound(_("No account with this user name."))
    return catalogue.grant(current_user, user, unit_by_code(form.get("unit_code") or ""),
                           form.get("level"))


@bp.route("/grants", methods=["GET", "POST"])
@login_required
def grants():
    """Who may edit or view which branch of the unit tree (registry administrators)."""
    access.require_admin(current_user)
    if request.method == "POST":
        _row, ok = try_operation(lambda: _grant_from(request.form), _("Saved."))
        if ok:
            return redirect(url_for("registry.grants"))
    rows = db.session.scalars(select(RegistryGrant).order_by(RegistryGrant.id)).all()
    return render_template("registry/grants.html", grants=rows, levels=GRANT_LEVELS)


@bp.post("/grants/<int:grant_id>/revoke")
@login_required
def revoke_grant(grant_id):
    row = db.session.get(RegistryGrant, grant_id) if is_id(grant_id) else None
    catalogue.revoke_grant(current_user, row)
    flash(_("Access removed."), "success")
    return redirect(url_for("registry.grants"))


@bp.route("/systems", methods=["GET", "POST"])
@login_required
def systems():
    """The catalogue of information systems units may use (administrators add to it)."""
    from meeting.registry.models import SYSTEM_CATEGORIES, InfoSystem

    access.require_registry(current_user)
    if request.method == "POST":
        try:
            catalogue.save_system(current_user, {k: v for k, v in request.form.items()
                                                 if k != "csrf_token"})
            flash(_("Saved."), "success")
            return redirect(url_for("registry.systems"))
        except OperationError as exc:
            if exc.status in (403, 404):
                raise
            db.session.rollback()
            flash(str(exc.message), "error")
    rows = db.session.scalars(select(InfoSystem).order_by(InfoSystem.name)).all()
    return render_template("registry/systems.html", systems=rows, categories=SYSTEM_CATEGORIES,
                           is_admin=access.is_registry_admin(current_user))

"""The expiry and compliance page, and its "send by e-mail now" button."""

from flask import current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meeting.core.web import try_operation
from meeting.registry import access
from meeting.registry.blueprint import bp
from meeting.registry.expiry import WINDOWS, build_panel
from meeting.registry.mail import recipients, send_alerts


@bp.get("/expiry")
@login_required
def expiry():
    """Certificates expiring within 30/60/90 days or revoked; units failing their checks."""
    access.require_registry(current_user)
    panel = build_panel(access.visible_unit_ids(current_user))
    mail_ready = bool(current_app.config.get("MAIL_SERVER") and recipients())
    return render_template("registry/expiry.html", panel=panel, counts=panel.counts(),
                           windows=WINDOWS, mail_ready=mail_ready,
                           is_admin=access.is_registry_admin(current_user))


@bp.post("/expiry/send")
@login_required
def send_expiry_alert():
    """E-mail the whole province's panel to REGISTRY_ALERT_TO (registry administrators)."""
    access.require_admin(current_user)
    try_operation(lambda: send_alerts(current_user, build_panel()),
                  _("The alert was sent by e-mail."))
    return redirect(url_for("registry.expiry"))

"""Flask-Login wiring: a cookie names a server-side login session, not a user."""

from flask import redirect, request, url_for
from flask_babel import lazy_gettext as _l

from meeting.auth.operations import load_login
from meeting.core.i18n import wants_json


def init_login(app, login_manager):
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in.")
    login_manager.login_message_category = "info"
    # "strong" protection would drop sessions when a tablet's address changes on Wi-Fi;
    # revocation is handled by deleting the LoginSession row instead.
    login_manager.session_protection = None
    login_manager.user_loader(load_login)

    @login_manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            from flask import jsonify

            return jsonify(error=str(_l("Please log in.")), status=401), 401
        return redirect(url_for("auth.login", next=request.full_path))

"""What every response shares: security headers, error replies, template helpers."""

import logging

from flask import flash, jsonify, redirect, render_template, request
from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from meeting.core.errors import OperationError
from meeting.core.i18n import wants_json
from meeting.core.ids import MAX_ID
from meeting.extensions import db

log = logging.getLogger(__name__)

# No inline script or style anywhere: the pages work on a network with no Internet and
# nothing may be injected. ws: lets the Socket.IO client upgrade on the same host.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")

MESSAGES = {
    400: _l("The request was not understood."),
    403: _l("You are not allowed to do this."),
    404: _l("Not found."),
    405: _l("This action is not allowed here."),
    413: _l("The request is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
}


def error_reply(status, message):
    """Reply with JSON for scripts and fetch(), a page for people."""
    db.session.rollback()
    if wants_json():
        return jsonify(error=str(message), status=status), status
    if request.method != "GET" and status in (400, 409) and request.referrer:
        # A refused form: back to the page it came from, with the reason on top.
        flash(str(message), "error")
        return redirect(request.referrer)
    return render_template("core/error.html", status=status, message=message), status


def try_operation(action, success):
    """Run an operation for a form; on a refusal flash its reason and keep what was typed.

    Return (result, True) on success, (None, False) when the operation refused.
    """
    try:
        result = action()
    except OperationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return None, False
    flash(success, "success")
    return result, True


class IdConverter(IntegerConverter):
    """``<int:…>`` in a URL: a number too large for an id matches no route (404, not 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_web(app):
    # Before the blueprints: a rule looks its converters up when it is added.
    app.url_map.converters["int"] = IdConverter

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.errorhandler(OperationError)
    def operation_error(exc):
        return error_reply(exc.status, exc.message)

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return error_reply(400, _l("The form has expired. Please reload the page and try again."))

    @app.errorhandler(DataError)
    def data_error(exc):
        # A value no column can hold (PostgreSQL refuses a NUL byte in text, a number out
        # of range): the request was bad, not the server.
        return error_reply(400, MESSAGES[400])

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return error_reply(exc.code, MESSAGES.get(exc.code, exc.name))

    @app.errorhandler(Exception)
    def unexpected(exc):
        log.exception("unexpected error")
        return error_reply(500, _l("Something went wrong on the server. Please try again."))

    @app.context_processor
    def helpers():
        from meeting.core.js_strings import js_strings
        from meeting.version import product_version

        return {"format_dt": format_datetime, "current_locale": str(get_locale()),
                "js_strings": js_strings, "product_version": product_version}

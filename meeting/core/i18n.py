"""Language and time zone: Vietnamese by default, English on request."""

from flask import current_app, has_request_context, request, session


def select_locale():
    # Outside a request (command line, tests) the default language applies.
    lang = session.get("lang") if has_request_context() else None
    if lang in current_app.config["LANGUAGES"]:
        return lang
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone():
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def wants_json() -> bool:
    """Tell whether the caller is a script or our own fetch() rather than a page load."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]

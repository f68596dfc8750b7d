"""Errors an operation raises for a user's mistake; controllers turn them into replies."""

from flask_babel import lazy_gettext as _l


class OperationError(Exception):
    """Refuse a request with a message the user can read; nothing was changed."""

    status = 400

    def __init__(self, message=None, **details):
        # Kept lazy: translated when shown, in the language of whoever reads it.
        self.message = message or self.default_message
        super().__init__(self.message)
        self.details = details

    default_message = _l("The request could not be carried out.")


class Forbidden(OperationError):
    status = 403
    default_message = _l("You are not allowed to do this.")


class NotFound(OperationError):
    status = 404
    default_message = _l("Not found.")


class Conflict(OperationError):
    """The request is valid but the current state does not allow it."""

    status = 409
    default_message = _l("This is not possible in the current state.")


class Unavailable(OperationError):
    """A part of the server this needs is missing (see `meeting doctor`)."""

    status = 503
    default_message = _l("This is not available on this server. The IT office can run "
                         "`meeting doctor` to see what is missing.")

"""Slow builds after the request: a worker thread with the app's context, and its states.

A thread is enough for one server and a few builds a day; under gevent it is a greenlet.
Each domain has a setting (``PAPERS_BACKGROUND``, ``SAVINGS_BACKGROUND``) that, when off
(tests), runs the task inline, before the response.
"""

import threading

from flask import current_app

from meeting.extensions import db


def run_later(task, *args, name, setting):
    """Call ``task(*args)`` in the background; the task commits its own changes."""
    app = current_app._get_current_object()
    if not app.config.get(setting, True):
        task(*args)
        return None
    thread = threading.Thread(target=_in_app, args=(app, task, args), daemon=True, name=name)
    thread.start()
    return thread


def _in_app(app, task, args):
    with app.app_context():
        try:
            task(*args)
        finally:
            db.session.remove()


def start_build(model, row_id):
    """Move a queued build (a row with ``state``) to running and commit, so its page shows it.

    Return the row, or None when it is gone or already taken: only a queued build starts.
    """
    row = db.session.get(model, row_id)
    if row is None or row.state != "queued":
        return None
    row.state = "running"
    db.session.commit()
    return row

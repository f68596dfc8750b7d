"""Plain helpers the test modules share: audit log reading, refused operations, threads."""


import pytest
from flask_babel import force_locale
from sqlalchemy import select

from meeting.core.models import AuditEntry
from meeting.extensions import db


def english(message) -> str:
    """Render a (lazy) message in English, whatever the default language."""
    with force_locale("en"):
        return str(message)


def actions():
    """Return the audit log's actions, oldest first (pending entries included)."""
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def last_entry():
    return db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def refused(error, fn, *args, **kwargs):
    """Call an operation that must be refused; check it wrote nothing, return the error."""
    before = actions()
    with pytest.raises(error) as exc:
        fn(*args, **kwargs)
    assert actions() == before, "a refused operation left an audit entry"
    db.session.rollback()
    db.session.expire_all()
    return exc.value


def run_queued(app) -> int:
    """Run what waits on the app's queue, as `meeting worker` would, with this app; return
    how many messages ran."""
    from meeting.core import queue

    huey = queue.get_huey()
    queue._app = app  # the worker's app is the test's (its database, its settings)
    ran = 0
    try:
        while (task := huey.dequeue()) is not None:
            huey.execute(task)
            ran += 1
    finally:
        queue._app = None
    return ran

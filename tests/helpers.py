"""Plain helpers the test modules share: audit log reading, refused operations, threads."""

import threading
from contextlib import contextmanager

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


@contextmanager
def thread_starts():
    """Yield the list of threads started inside the block; they still run."""
    started = []
    real_start = threading.Thread.start

    def spy(thread):
        started.append(thread)
        real_start(thread)

    threading.Thread.start = spy
    try:
        yield started
    finally:
        threading.Thread.start = real_start

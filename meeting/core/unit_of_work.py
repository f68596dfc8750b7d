"""The end of every operation: audit entry, commit, then announcements.

Operations stage their live announcements with ``live.stage`` while they write;
``commit`` sends them only once the database has the change, so a tablet never
hears of something a snapshot would not show.
"""

from sqlalchemy import event
from sqlalchemy.orm import Session

from meeting.core.models import AuditEntry
from meeting.extensions import db

_PENDING = "pending_announcements"


def audit(user, action, target, before=None, after=None, meeting_id=None):
    """Add an audit entry for ``target`` to the current transaction."""
    db.session.add(AuditEntry(
        user_id=getattr(user, "id", None),
        action=action,
        target_type=type(target).__name__,
        target_id=getattr(target, "id", None),
        meeting_id=meeting_id,
        before=before,
        after=after,
    ))


def stage(announcement):
    """Keep an announcement until the transaction commits."""
    db.session.info.setdefault(_PENDING, []).append(announcement)


def commit():
    """Commit the transaction, then send what it staged, in order."""
    db.session.commit()
    pending = db.session.info.pop(_PENDING, [])
    for announcement in pending:
        announcement.send()


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session, previous_transaction):
    # A rolled-back change must never be announced.
    session.info.pop(_PENDING, None)

"""Operations on presence: which sockets are open, and which meeting each has joined.

The rows are not audited (they say who is online, not what was decided); a change of a
meeting's presence is announced to the chair's room after commit.
"""

from sqlalchemy import delete

from meeting.core.unit_of_work import commit
from meeting.extensions import db
from meeting.live import announce
from meeting.live.models import Connection
from meeting.meetings import state
from meeting.meetings.models import Meeting


def _stage_presence(meeting_id):
    db.session.flush()
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is not None:
        # Only the chair's console shows who is online; telling every tablet about every
        # other tablet joining would cost N² messages when a room of N fills up.
        announce.to_role(meeting_id, "chair", "presence.changed", state.presence_data(meeting))


def open_connection(user, sid):
    """Record a new socket of ``user``'s current login session."""
    db.session.merge(Connection(sid=sid, user_id=user.id, login_token=user.login_token))
    commit()


def close_connection(sid):
    """Forget a closed socket; the meeting it had joined sees it go."""
    row = db.session.get(Connection, sid)
    meeting_id = row.meeting_id if row else None
    db.session.execute(delete(Connection).where(Connection.sid == sid))
    if meeting_id:
        _stage_presence(meeting_id)
    commit()


def enter_meeting(sid, meeting):
    """Mark the socket as in ``meeting``; return the meeting id it was in before, if any."""
    row = db.session.get(Connection, sid)
    if row is None or row.meeting_id == meeting.id:
        return None
    previous, row.meeting_id = row.meeting_id, meeting.id
    if previous:
        # The meeting it came from must see it go, as on leave or disconnect.
        _stage_presence(previous)
    _stage_presence(meeting.id)
    commit()
    return previous


def leave_meeting(sid, meeting):
    """Mark the socket as in no meeting."""
    row = db.session.get(Connection, sid)
    if row is not None and row.meeting_id == meeting.id:
        row.meeting_id = None
        _stage_presence(meeting.id)
        commit()


def forget_connections():
    """Delete every row: for a server about to hold all the sockets there will be."""
    db.session.execute(delete(Connection))
    commit()

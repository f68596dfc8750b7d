"""Announcements: staged by operations, sent after commit.

Every announcement to a meeting room carries ``seq``, the meeting's sequence number,
bumped in the same transaction as the change it announces. A tablet that sees a gap
reloads the snapshot (see docs/REALTIME.md).
"""

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select, update

from meeting.core import unit_of_work
from meeting.extensions import db, socketio
from meeting.live.models import Connection
from meeting.meetings.models import Meeting


def meeting_room(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def role_room(meeting_id: int, role: str) -> str:
    return f"meeting:{meeting_id}:{role}"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def login_room(login_token: str) -> str:
    return f"login:{login_token}"


@dataclass
class Announcement:
    room: str
    event: str
    payload: dict = field(default_factory=dict)

    def send(self):
        if current_app.config.get("LIVE_OUTBOX"):  # a worker with no Redis: live/outbox.py
            from meeting.live import outbox

            outbox.put(self.room, self.event, self.payload)
            return
        socketio.emit(self.event, self.payload, to=self.room)


@dataclass
class Disconnect:
    """Close sockets after commit: of one login session, or of every session of a user."""

    sids: list[str]

    def send(self):
        for sid in self.sids:
            # Through the message queue when there is one, so other processes close theirs.
            socketio.server.disconnect(sid, namespace="/")


def next_seq(meeting_id: int) -> int:
    """Bump the meeting's sequence number inside the current transaction.

    One UPDATE … RETURNING: the row stays locked until commit, so on PostgreSQL two
    changes to one meeting get consecutive numbers in the order they commit.
    """
    db.session.flush()
    return db.session.execute(
        update(Meeting).where(Meeting.id == meeting_id)
        .values(live_seq=Meeting.live_seq + 1).returning(Meeting.live_seq)).scalar_one()


def to_meeting(meeting_id: int, event: str, payload: dict) -> int:
    """Stage ``event`` for everyone in the meeting, numbered; return its sequence number."""
    seq = next_seq(meeting_id)
    unit_of_work.stage(Announcement(meeting_room(meeting_id), event,
                                    {**payload, "meeting_id": meeting_id, "seq": seq}))
    return seq


def to_role(meeting_id: int, role: str, event: str, payload: dict):
    """Stage an unnumbered event for one role's room of a meeting (e.g. the chair's).

    Unnumbered, because only some tablets get it: a seq here would look like a gap
    to everyone else.
    """
    unit_of_work.stage(Announcement(role_room(meeting_id, role), event,
                                    {**payload, "meeting_id": meeting_id}))


def to_user(user_id: int, event: str, payload: dict):
    """Stage an unnumbered event for every device of one person."""
    unit_of_work.stage(Announcement(user_room(user_id), event, payload))


def disconnect_sockets(user_id: int, login_token: str | None = None):
    """Stage closing the sockets of a user (or of one of their login sessions)."""
    query = select(Connection.sid).where(Connection.user_id == user_id)
    if login_token:
        query = query.where(Connection.login_token == login_token)
    sids = list(db.session.scalars(query))
    room = login_room(login_token) if login_token else user_room(user_id)
    unit_of_work.stage(Announcement(room, "session.ended", {}))
    if sids:
        unit_of_work.stage(Disconnect(sids))

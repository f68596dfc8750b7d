"""The live count of an open poll: ``poll.counted`` at most every VOTE_COUNT_INTERVAL.

Announcing each ballot to every tablet would send ballots × tablets messages (250,000
for 500 voters). Instead each committed ballot asks for a count; one count per poll is
announced per interval, read from the database after the ballots it covers committed.
A count is numbered like every meeting event (``to_meeting``), in its own transaction.
"""

import threading
import time

from flask import current_app
from sqlalchemy.orm import joinedload

from meeting.core import unit_of_work
from meeting.extensions import db, socketio
from meeting.live import announce
from meeting.voting import state
from meeting.voting.models import Poll

_lock = threading.Lock()
_pending: set[int] = set()
_last: dict[int, float] = {}


class _Tick:
    """Staged by a cast; on commit, makes sure a count covering it will be announced."""

    def __init__(self, app, poll_id):
        self.app, self.poll_id = app, poll_id

    def send(self):
        interval = self.app.config.get("VOTE_COUNT_INTERVAL", 0.2)
        if interval <= 0:
            announce_count(self.poll_id)
            return
        with _lock:
            if self.poll_id in _pending:
                return
            _pending.add(self.poll_id)
            delay = max(0.0, _last.get(self.poll_id, 0.0) + interval - time.monotonic())
        socketio.start_background_task(_flush_later, self.app, self.poll_id, delay)


def _flush_later(app, poll_id, delay):
    socketio.sleep(delay)
    with _lock:
        # Cleared before reading: a ballot committed from now on asks for its own count.
        _pending.discard(poll_id)
        _last[poll_id] = time.monotonic()
    with app.app_context():
        try:
            announce_count(poll_id)
        finally:
            db.session.remove()


def announce_count(poll_id):
    """Announce the number of ballots of an open poll (and, named, the chair's breakdown)."""
    poll = db.session.get(Poll, poll_id, options=[joinedload(Poll.meeting)])
    if poll is None or poll.state != "open":
        db.session.rollback()
        return
    announce.to_meeting(poll.meeting_id, "poll.counted", state.count_data(poll))
    if not poll.is_secret:
        announce.to_role(poll.meeting_id, "chair", "poll.breakdown", state.breakdown(poll))
    unit_of_work.commit()


def stage_tick(poll):
    unit_of_work.stage(_Tick(current_app._get_current_object(), poll.id))

"""The live outbox: how a worker without Redis reaches the tablets.

A worker process holds no sockets. With Redis, Flask-SocketIO publishes its emits to every
web process. Without it (one server, `make run`), the worker writes each announcement here
and the web process that started it relays them, in order, a few times a second.
"""

import logging
from datetime import datetime

from sqlalchemy import JSON, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from meeting.core.time import utcnow
from meeting.extensions import db, socketio

log = logging.getLogger(__name__)

RELAY_SECONDS = 0.2
BATCH = 500


class OutboxMessage(db.Model):
    """One announcement waiting for the web process to send it."""

    __tablename__ = "live_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    room: Mapped[str] = mapped_column(String(120))
    event: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict] = mapped_column(JSON)
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)


def put(room: str, event: str, payload: dict):
    """Keep an announcement for the relay (called after the change was committed)."""
    with db.engine.begin() as conn:
        conn.execute(OutboxMessage.__table__.insert().values(
            room=room, event=event, payload=payload, created_dt=utcnow()))


def relay_once() -> int:
    """Send what is waiting, oldest first, then forget it; return how many were sent."""
    with db.engine.begin() as conn:
        rows = conn.execute(select(OutboxMessage.id, OutboxMessage.room, OutboxMessage.event,
                                   OutboxMessage.payload)
                            .order_by(OutboxMessage.id).limit(BATCH)).all()
        if rows:
            conn.execute(delete(OutboxMessage).where(OutboxMessage.id <= rows[-1].id))
    for row in rows:
        socketio.emit(row.event, row.payload, to=row.room)
    return len(rows)


def start_relay(app):
    """Relay in a background task of the web process for as long as it runs."""
    def loop():
        while True:
            with app.app_context():
                try:
                    while relay_once() == BATCH:
                        pass
                except Exception:  # the database may be away for a moment; keep relaying
                    log.exception("live outbox relay failed")
            socketio.sleep(RELAY_SECONDS)

    return socketio.start_background_task(loop)

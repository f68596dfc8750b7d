"""Who is connected right now, kept in the database so every server process sees it."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from meeting.core.time import utcnow
from meeting.extensions import db


class Connection(db.Model):
    """One open Socket.IO connection, and the meeting it has joined."""

    __tablename__ = "live_connections"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    login_token: Mapped[str] = mapped_column(String(64), index=True)
    meeting_id: Mapped[int | None] = mapped_column(index=True)
    connected_dt: Mapped[datetime] = mapped_column(default=utcnow)


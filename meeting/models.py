"""Import every domain's models so Alembic and the mappers see all tables."""

from meeting.auth.models import LoginSession, User, UserRole  # noqa: F401
from meeting.core.models import AuditEntry, Unit  # noqa: F401
from meeting.live.models import Connection  # noqa: F401
from meeting.meetings.models import (  # noqa: F401
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MeetingGuest,
    Membership,
    SpeakerRequest,
    Term,
)

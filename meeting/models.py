"""Import every domain's models so Alembic and the mappers see all tables."""

from meeting.auth.models import LoginSession, User, UserRole  # noqa: F401
from meeting.auth.tokens import ApiToken  # noqa: F401
from meeting.core.jobs import Job  # noqa: F401
from meeting.core.models import AuditEntry, Unit  # noqa: F401
from meeting.documents.models import (  # noqa: F401
    Document,
    DocumentPage,
    DocumentRecipient,
    DocumentVersion,
    ReadReceipt,
    StoredFile,
)
from meeting.documents.notes_models import Annotation, Comment  # noqa: F401
from meeting.live.models import Connection  # noqa: F401
from meeting.live.outbox import OutboxMessage  # noqa: F401
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
from meeting.papers.models import IssuedPaper, Minutes, MinutesNote, PaperJob  # noqa: F401
from meeting.registry.models import (  # noqa: F401
    BudgetLine,
    Certificate,
    Device,
    ExchangeFigure,
    FrozenFigures,
    ImportDraft,
    InfoSystem,
    NetworkLink,
    RegistryGrant,
    SecurityCheck,
    SystemUse,
    UnitProfile,
    VideoPoint,
    Website,
)
from meeting.savings.models import (  # noqa: F401
    PrintedCopies,
    PrintFormat,
    SavingsReport,
    SavingsSettings,
)
from meeting.voting.models import Poll, PollBallot, PollCandidate, PollParticipation  # noqa: F401

"""Read the inputs of the savings arithmetic from the database, in a few queries.

A paper counts once it is published in a meeting that is no longer a draft: it was
then delivered on the tablets instead of on paper.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from meeting.core.time import org_timezone, to_local
from meeting.documents.models import Document, DocumentRecipient, DocumentVersion
from meeting.extensions import db
from meeting.meetings.models import Body, Meeting, MeetingGuest, Membership
from meeting.savings.compute import DocumentInput, Prices
from meeting.savings.models import PrintedCopies, PrintFormat, SavingsSettings


@dataclass(frozen=True)
class Filters:
    body_id: int | None = None
    meeting_id: int | None = None
    start: date | None = None  # meeting date, inclusive
    end: date | None = None  # inclusive

    def as_json(self) -> dict:
        return {"body_id": self.body_id, "meeting_id": self.meeting_id,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None}


@dataclass
class Inputs:
    """The documents as the arithmetic sees them, and what is needed to name them."""

    documents: list = field(default_factory=list)  # DocumentInput
    titles: dict = field(default_factory=dict)  # document id -> title
    classified: set = field(default_factory=set)  # ids of classified papers
    meetings: dict = field(default_factory=dict)  # meeting id -> Meeting
    bodies: dict = field(default_factory=dict)  # body id -> Body


def prices_of(settings: SavingsSettings) -> Prices:
    page = {("A4", "bw"): settings.price_a4_bw, ("A4", "colour"): settings.price_a4_colour,
            ("A3", "bw"): settings.price_a3_bw, ("A3", "colour"): settings.price_a3_colour}
    return Prices(page=page, bound_set=settings.price_bound_set,
                  envelope=settings.price_envelope, duplex=settings.duplex,
                  spare_copies=settings.spare_copies, sheet_weight_g=settings.sheet_weight_g,
                  sheets_per_tree=settings.sheets_per_tree,
                  co2_kg_per_kg=settings.co2_kg_per_kg)


def local_date(dt) -> date:
    """The meeting's calendar date where it takes place (not the reader's time zone)."""
    return to_local(dt).date()


def load(filters: Filters, settings: SavingsSettings) -> Inputs:
    query = (select(Document, Meeting).join(Meeting, Document.meeting_id == Meeting.id)
             .where(Document.status == "published", Meeting.status != "draft")
             .order_by(Document.id))
    if filters.body_id:
        query = query.where(Meeting.body_id == filters.body_id)
    if filters.meeting_id:
        query = query.where(Meeting.id == filters.meeting_id)
    if filters.start:
        query = query.where(Meeting.start_dt >= _utc_midnight(filters.start))
    if filters.end:
        query = query.where(Meeting.start_dt < _utc_midnight(filters.end + timedelta(days=1)))
    rows = [(doc, meeting) for doc, meeting in db.session.execute(query)]
    inputs = Inputs()
    if not rows:
        return inputs
    doc_ids = [doc.id for doc, _ in rows]
    pages = _current_page_counts(doc_ids)
    printed = dict(db.session.execute(
        select(PrintedCopies.document_id, func.sum(PrintedCopies.copies))
        .where(PrintedCopies.document_id.in_(doc_ids)).group_by(PrintedCopies.document_id)).all())
    listed = dict(db.session.execute(
        select(DocumentRecipient.document_id, func.count(DocumentRecipient.id))
        .where(DocumentRecipient.document_id.in_(doc_ids))
        .group_by(DocumentRecipient.document_id)).all())
    formats = {f.document_id: (f.paper_size, f.colour) for f in db.session.scalars(
        select(PrintFormat).where(PrintFormat.document_id.in_(doc_ids)))}
    meetings = {m.id: m for _, m in rows}
    audience = _meeting_audiences(meetings.values())
    for doc, meeting in rows:
        recipients = audience[meeting.id] if doc.to_all else listed.get(doc.id, 0)
        size, colour = formats.get(doc.id, (settings.paper_size, settings.colour))
        inputs.documents.append(DocumentInput(
            id=doc.id, meeting_id=meeting.id, body_id=meeting.body_id,
            day=local_date(meeting.start_dt), pages=pages.get(doc.id, 0),
            recipients=recipients, printed=int(printed.get(doc.id) or 0),
            size=size, colour=colour))
        inputs.titles[doc.id] = doc.title
        if doc.is_classified:
            inputs.classified.add(doc.id)
    inputs.meetings = meetings
    body_ids = {m.body_id for m in meetings.values()}
    inputs.bodies = {b.id: b for b in db.session.scalars(select(Body).where(Body.id.in_(body_ids)))}
    return inputs


def _utc_midnight(day: date) -> datetime:
    """The stored (naive UTC) time at which ``day`` begins where the meetings take place."""
    local = datetime.combine(day, time(0), tzinfo=org_timezone())
    return local.astimezone(UTC).replace(tzinfo=None)


def _current_page_counts(doc_ids) -> dict:
    """Pages of each document's current (highest-numbered) version."""
    latest = (select(DocumentVersion.document_id, func.max(DocumentVersion.number).label("n"))
              .where(DocumentVersion.document_id.in_(doc_ids))
              .group_by(DocumentVersion.document_id).subquery())
    query = select(DocumentVersion.document_id, DocumentVersion.page_count).join(
        latest, (DocumentVersion.document_id == latest.c.document_id)
        & (DocumentVersion.number == latest.c.n))
    return dict(db.session.execute(query).all())


def _meeting_audiences(meetings) -> dict:
    """How many people a paper "for everyone" goes to in each meeting.

    The same people as ``meeting.documents.access.audience_ids``: the term's sitting
    members, the guests and the chair, each once.
    """
    meetings = list(meetings)
    term_ids = {m.term_id for m in meetings}
    seats: dict = {}
    for term_id, user_id in db.session.execute(
            select(Membership.term_id, Membership.user_id)
            .where(Membership.term_id.in_(term_ids), Membership.end_date.is_(None))):
        seats.setdefault(term_id, set()).add(user_id)
    guests: dict = {}
    for meeting_id, user_id in db.session.execute(
            select(MeetingGuest.meeting_id, MeetingGuest.user_id)
            .where(MeetingGuest.meeting_id.in_([m.id for m in meetings]))):
        guests.setdefault(meeting_id, set()).add(user_id)
    result = {}
    for m in meetings:
        people = seats.get(m.term_id, set()) | guests.get(m.id, set())
        if m.chair_id:
            people = people | {m.chair_id}
        result[m.id] = len(people)
    return result

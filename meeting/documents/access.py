"""Who may see, download and manage which paper; every document route asks here.

A person a paper was not distributed to learns nothing about it: unknown, hidden,
unpublished and recalled papers all give the same 404 (never 403).
"""

from functools import cache

from sqlalchemy import and_, bindparam, exists, false, or_, select, true
from sqlalchemy.orm import joinedload

from meeting.core.errors import NotFound
from meeting.core.ids import is_id
from meeting.documents.models import (
    CLASSIFIED,
    RECALL_MEETING_STATUSES,
    Document,
    DocumentRecipient,
    DocumentVersion,
    StoredFile,
)
from meeting.extensions import db
from meeting.meetings.models import Meeting, MeetingGuest, Membership


def _takes_part(user, meeting) -> bool:
    """``is_participant`` in one query: every page turn of a tablet asks this."""
    if meeting.chair_id == user.id:
        return True
    seat = exists().where(Membership.term_id == meeting.term_id,
                          Membership.user_id == user.id, Membership.end_date.is_(None))
    invited = exists().where(MeetingGuest.meeting_id == meeting.id,
                             MeetingGuest.user_id == user.id)
    return bool(db.session.scalar(select(or_(seat, invited))))


def is_recipient(user, doc: Document) -> bool:
    """Tell whether ``doc`` was distributed to ``user`` (whatever its status)."""
    if doc.to_all:
        return _takes_part(user, doc.meeting)
    return bool(db.session.scalar(select(exists().where(
        DocumentRecipient.document_id == doc.id, DocumentRecipient.user_id == user.id))))


def can_view(user, doc: Document) -> bool:
    """Secretariat sees every paper; others see published papers given to them.

    Classified papers are recalled from delegates once the meeting is closed.
    """
    if user is None or getattr(user, "is_secretariat", False):
        return user is None or user.is_authenticated
    if not getattr(user, "is_authenticated", False):
        return False
    if doc.status != "published" or doc.meeting.status == "draft" or doc.is_recalled:
        return False
    return is_recipient(user, doc)


def visible_document(user, document_id) -> Document:
    """Return the document if ``user`` may see it.

    :raises NotFound: unknown id, or a paper not distributed to them, alike.
    """
    doc = (db.session.get(Document, document_id, options=[joinedload(Document.meeting)])
           if is_id(document_id) else None)
    if doc is None or not can_view(user, doc):
        raise NotFound()
    return doc


def can_download(user, doc: Document) -> bool:
    """Classified papers are never downloaded; others when the secretariat allowed it."""
    if doc.is_classified:
        return False
    if user is None or user.is_secretariat:
        return True
    return doc.allow_download and can_view(user, doc)


def can_comment(user, doc: Document, now) -> bool:
    """Tell whether ``user`` may comment now: a draft open for comment that they were given."""
    return doc.comments_open(now) and can_view(user, doc)


def visible_clause(user):
    """Return an SQL condition on Document selecting the papers ``user`` may see.

    The same rule as ``can_view``, for lists and search; the two are tested together.
    """
    if user.is_secretariat:
        return true()
    if not user.is_authenticated:
        return false()
    return _audience_clause(user.id)


def _audience_clause(user_id):
    """``visible_clause`` for a delegate or guest; ``user_id`` is a number or a bind parameter."""
    seat = exists().where(Membership.term_id == Meeting.term_id,
                          Membership.user_id == user_id, Membership.end_date.is_(None))
    invited = exists().where(MeetingGuest.meeting_id == Meeting.id,
                             MeetingGuest.user_id == user_id)
    listed = exists().where(DocumentRecipient.document_id == Document.id,
                            DocumentRecipient.user_id == user_id)
    participant = or_(Meeting.chair_id == user_id, seat, invited)
    recalled = and_(Document.classification.in_(CLASSIFIED),
                    Meeting.status.in_(RECALL_MEETING_STATUSES))
    return and_(
        Document.meeting_id == Meeting.id,
        Document.status == "published",
        Meeting.status != "draft",
        ~recalled,
        or_(and_(Document.to_all.is_(True), participant),
            and_(Document.to_all.is_(False), listed)),
    )


def file_row(user, document_id, number=None):
    """Return what sending a version's file needs, in one query, or None if hidden.

    The reader asks for byte ranges of a file many times while a delegate reads; this is
    ``visible_document`` + ``_version`` of the API without loading the objects. The rule is
    ``visible_clause``, the same as for lists and search.
    """
    if not is_id(document_id) or (number is not None and not is_id(number)):
        return None
    if not user.is_authenticated:
        return None
    params = {"document_id": document_id}
    if not user.is_secretariat:
        params["user_id"] = user.id
    if number is not None:
        params["number"] = number
    query = _file_statement(number is not None, user.is_secretariat)
    return db.session.execute(query, params).first()


@cache
def _file_statement(by_number: bool, everyone: bool):
    """The query of ``file_row``, built once with bind parameters: building the access rule
    anew took about 2 ms of Python a request, more than running it, and pdf.js asks for
    several ranges per page."""
    query = (select(Document.classification, Document.title, DocumentVersion.sha256,
                    StoredFile.storage_name)
             .join(Meeting, Document.meeting_id == Meeting.id)
             .join(DocumentVersion, DocumentVersion.document_id == Document.id)
             .join(StoredFile, StoredFile.id == DocumentVersion.file_id)
             .where(Document.id == bindparam("document_id")))
    if not everyone:
        query = query.where(_audience_clause(bindparam("user_id")))
    if by_number:
        return query.where(DocumentVersion.number == bindparam("number"))
    return query.order_by(DocumentVersion.number.desc()).limit(1)


def documents_for(user, meeting) -> list[Document]:
    """Return the meeting's papers ``user`` may see, in agenda order."""
    query = (select(Document).join(Meeting, Document.meeting_id == Meeting.id)
             .where(Document.meeting_id == meeting.id, visible_clause(user))
             .order_by(Document.position, Document.id))
    return list(db.session.scalars(query))


def audience_ids(doc: Document) -> set[int]:
    """Return the ids of the people (besides the secretariat) a paper is distributed to."""
    meeting = doc.meeting
    if not doc.to_all:
        return {r.user_id for r in doc.recipients}
    ids = set(db.session.scalars(select(Membership.user_id).where(
        Membership.term_id == meeting.term_id, Membership.end_date.is_(None))))
    ids |= {g.user_id for g in meeting.guests}
    if meeting.chair_id:
        ids.add(meeting.chair_id)
    return ids

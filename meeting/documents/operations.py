"""The one way to add, change, publish and replace meeting papers, and to record reading.

Each operation checks permission and invariants, writes, records the audit entry,
stages a numbered ``documents.changed`` for the meeting room, then commits. The event
carries ids only: some people in the room may not receive that paper, so no title.
"""

from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from meeting.auth.models import User
from meeting.core import jobs
from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.ids import is_id
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.documents import storage
from meeting.documents.folding import fold
from meeting.documents.models import (
    CLASSIFICATIONS,
    KINDS,
    Document,
    DocumentPage,
    DocumentRecipient,
    DocumentVersion,
    ReadReceipt,
)
from meeting.documents.pages import queue_drawing
from meeting.documents.validate import clean_filename, clean_pdf, setting
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings.access import require_secretariat

FROZEN_MEETING_STATUSES = ("archived",)


def _announce(doc: Document, action: str):
    announce.to_meeting(doc.meeting_id, "documents.changed",
                        {"document_id": doc.id, "action": action})


def _check_meeting(meeting):
    if meeting.status in FROZEN_MEETING_STATUSES:
        raise Conflict(_l("The papers of an archived meeting cannot be changed."))


def _fields(meeting, *, title, kind, classification, item_id, to_all, recipient_ids,
            allow_download, comment_deadline_dt):
    """Check the secretariat's choices; return them ready to set on a Document."""
    title = (title or "").strip() if isinstance(title, str | None) else None
    if not title:
        raise OperationError(_l("The title is required."))
    if len(title) > 300:
        raise OperationError(_l("The title is too long (at most %(n)d characters).", n=300))
    if kind not in KINDS:
        raise OperationError(_l("Unknown kind of paper."))
    if classification not in CLASSIFICATIONS:
        raise OperationError(_l("Unknown classification."))
    if item_id is not None and not any(i.id == item_id for i in meeting.items):
        raise NotFound(_l("This agenda item is not part of the meeting."))
    if comment_deadline_dt is not None and not isinstance(comment_deadline_dt, datetime):
        raise OperationError(_l("The comment deadline must be a date and time."))
    ids = sorted(set(recipient_ids or []))
    if not all(is_id(i) for i in ids):
        raise OperationError(_l("Recipients must be people."))
    if ids and len(db.session.scalars(select(User.id).where(User.id.in_(ids))).all()) != len(ids):
        raise NotFound(_l("A chosen recipient does not exist."))
    if not to_all and not ids:
        raise OperationError(_l("Choose who receives the paper, or send it to everyone."))
    classified = classification != "thuong"
    return dict(title=title, kind=kind, classification=classification, item_id=item_id,
                to_all=bool(to_all), allow_download=bool(allow_download) and not classified,
                comment_deadline_dt=comment_deadline_dt if kind == "du_thao" else None), ids


def _set_recipients(doc: Document, ids: list[int]):
    wanted = set(ids) if not doc.to_all else set()
    for row in list(doc.recipients):
        if row.user_id not in wanted:
            doc.recipients.remove(row)
    have = {r.user_id for r in doc.recipients}
    for user_id in sorted(wanted - have):
        doc.recipients.append(DocumentRecipient(user_id=user_id))


def _add_version(actor, doc: Document, source: Path, original_name: str, change_note: str):
    """Check and clean ``source``, store it, and append a version with its pages."""
    work = storage.workdir()
    try:
        clean = clean_pdf(source, work, original_name)
        stored = storage.store(clean.path, clean.page_count)
    finally:
        storage.discard(work)
    number = (max((v.number for v in doc.versions), default=0)) + 1
    version = DocumentVersion(number=number, file=stored, page_count=clean.page_count,
                              sha256=stored.sha256, original_name=clean_filename(original_name),
                              converted_from=clean.converted_from,
                              change_note=(change_note or "").strip()[:500],
                              created_by_id=getattr(actor, "id", None))
    budget = setting("DOCUMENT_INDEX_MAX_CHARS")
    for index, (digest, text) in enumerate(zip(clean.page_digests, clean.page_texts,
                                               strict=True)):
        budget -= len(text)
        if budget < 0 and version.indexed_pages is None:
            version.indexed_pages = index  # this page and the rest: kept, not searchable
        version.pages.append(DocumentPage(number=index + 1, digest=digest, text=text,
                                          folded=fold(text) if budget >= 0 else ""))
    doc.versions.append(version)
    return version


def upload_document(actor, meeting, source: Path, *, original_name="", title=None,
                    kind="tai_lieu", classification="thuong", item_id=None, to_all=True,
                    recipient_ids=(), allow_download=False, comment_deadline_dt=None):
    """Add a paper to a meeting (not yet published) from an uploaded file.

    :raises OperationError: the file or a choice was refused; nothing is stored.
    """
    require_secretariat(actor)
    _check_meeting(meeting)
    title = title if title not in (None, "") else Path(clean_filename(original_name)).stem
    values, ids = _fields(meeting, title=title, kind=kind, classification=classification,
                          item_id=item_id, to_all=to_all, recipient_ids=recipient_ids,
                          allow_download=allow_download, comment_deadline_dt=comment_deadline_dt)
    position = (db.session.scalar(select(func.max(Document.position)).where(
        Document.meeting_id == meeting.id)) or 0) + 1
    doc = Document(meeting=meeting, status="draft", position=position,
                   created_by_id=getattr(actor, "id", None), **values)
    version = _add_version(actor, doc, source, original_name, "")
    _set_recipients(doc, ids)
    db.session.add(doc)
    db.session.flush()
    audit(actor, "document.upload", doc, after=doc.snapshot(), meeting_id=meeting.id)
    queue_drawing(actor, version)
    commit()
    return doc


def queue_upload(actor, meeting, upload, *, title=None, kind="tai_lieu",
                 classification="thuong", item_id=None, to_all=True, recipient_ids=(),
                 allow_download=False, comment_deadline_dt=None):
    """Check the secretariat's choices now and queue the file's check for a worker.

    Return the job; it ends with the new paper's id, or the reason the file was refused.
    :raises OperationError: a choice was refused (the file is left to the caller).
    """
    require_secretariat(actor)
    _check_meeting(meeting)
    shown = title if title not in (None, "") else Path(clean_filename(upload.name)).stem
    _fields(meeting, title=shown, kind=kind, classification=classification, item_id=item_id,
            to_all=to_all, recipient_ids=recipient_ids, allow_download=allow_download,
            comment_deadline_dt=comment_deadline_dt)
    fields = dict(title=title, kind=kind, classification=classification, item_id=item_id,
                  to_all=to_all, recipient_ids=list(recipient_ids or []),
                  allow_download=allow_download,
                  comment_deadline_dt=comment_deadline_dt.isoformat()
                  if comment_deadline_dt else None)
    job = jobs.enqueue("documents.upload", "meeting.documents.jobs:process_upload",
                       str(upload.folder), meeting.id, getattr(actor, "id", None),
                       upload.name, fields, user=actor, meeting_id=meeting.id)
    commit()
    return job


def queue_new_version(actor, doc: Document, upload, *, change_note=""):
    """Check now that a new version may be added; queue the file's check for a worker."""
    require_secretariat(actor)
    _check_meeting(doc.meeting)
    job = jobs.enqueue("documents.upload", "meeting.documents.jobs:process_new_version",
                       str(upload.folder), doc.id, getattr(actor, "id", None), upload.name,
                       (change_note or "")[:500], user=actor, meeting_id=doc.meeting_id)
    commit()
    return job


def update_document(actor, doc: Document, **changes):
    """Change a paper's title, kind, classification, item, recipients, download, deadline."""
    require_secretariat(actor)
    _check_meeting(doc.meeting)
    current = dict(title=doc.title, kind=doc.kind, classification=doc.classification,
                   item_id=doc.item_id, to_all=doc.to_all,
                   recipient_ids=[r.user_id for r in doc.recipients],
                   allow_download=doc.allow_download, comment_deadline_dt=doc.comment_deadline_dt)
    unknown = set(changes) - set(current)
    if unknown:
        raise OperationError(_l("Unknown field: %(name)s.", name=sorted(unknown)[0]))
    values, ids = _fields(doc.meeting, **{**current, **changes})
    before = doc.snapshot()
    for key, value in values.items():
        setattr(doc, key, value)
    _set_recipients(doc, ids)
    db.session.flush()
    audit(actor, "document.update", doc, before=before, after=doc.snapshot(),
          meeting_id=doc.meeting_id)
    if doc.status == "published":
        _announce(doc, "changed")
    commit()
    return doc


def publish_document(actor, doc: Document):
    """Send the paper to its recipients' tablets."""
    require_secretariat(actor)
    _check_meeting(doc.meeting)
    if doc.status == "published":
        raise Conflict(_l("The paper is already published."))
    before = doc.snapshot() | {"status": doc.status}
    doc.status = "published"
    doc.published_dt = doc.published_dt or utcnow()
    audit(actor, "document.publish", doc, before=before, after=doc.snapshot(),
          meeting_id=doc.meeting_id)
    _announce(doc, "published")
    commit()
    return doc


def unpublish_document(actor, doc: Document):
    """Take a paper back from the tablets (it stays stored, and can be published again)."""
    require_secretariat(actor)
    _check_meeting(doc.meeting)
    if doc.status != "published":
        raise Conflict(_l("The paper is not published."))
    before = doc.snapshot()
    doc.status = "unpublished"
    audit(actor, "document.unpublish", doc, before=before, after=doc.snapshot(),
          meeting_id=doc.meeting_id)
    _announce(doc, "unpublished")
    commit()
    return doc


def replace_document(actor, doc: Document, source: Path, *, original_name="", change_note=""):
    """Upload a new version; tablets show the paper as updated."""
    require_secretariat(actor)
    _check_meeting(doc.meeting)
    before = doc.snapshot()
    version = _add_version(actor, doc, source, original_name, change_note)
    doc.updated_dt = utcnow()
    db.session.flush()
    audit(actor, "document.new_version", doc, before=before,
          after=doc.snapshot() | {"version_id": version.id, "sha256": version.sha256},
          meeting_id=doc.meeting_id)
    if doc.status == "published":
        _announce(doc, "updated")
    queue_drawing(actor, version)
    commit()
    return version


def delete_document(actor, doc: Document):
    """Remove a paper that was never published (a wrong upload)."""
    require_secretariat(actor)
    if doc.status != "draft":
        raise Conflict(_l("A paper that was published can be withdrawn, not deleted."))
    audit(actor, "document.delete", doc, before=doc.snapshot(), meeting_id=doc.meeting_id)
    db.session.delete(doc)
    commit()


# Read receipts: opening and pages viewed, nothing more (no times per page, no scrolling).
# Not audited: the receipt is itself the record, and a page turn is not a change.

def _receipt(user, doc: Document, version: DocumentVersion) -> ReadReceipt:
    """Find or create the receipt; two tabs of one person may race to create it."""
    query = select(ReadReceipt).where(ReadReceipt.version_id == version.id,
                                      ReadReceipt.user_id == user.id)
    receipt = db.session.scalar(query)
    if receipt is None:
        try:
            with db.session.begin_nested():
                receipt = ReadReceipt(document_id=doc.id, version_id=version.id,
                                      user_id=user.id, pages_viewed=[])
                db.session.add(receipt)
        except IntegrityError:
            receipt = db.session.scalar(query)  # the other request made it first
    return receipt


def record_open(user, doc: Document, version: DocumentVersion | None = None):
    """Note that ``user`` opened the paper (the caller checked they may see it)."""
    version = version or doc.current_version
    receipt = _receipt(user, doc, version)
    receipt.last_opened_dt = utcnow()
    commit()
    return receipt


def record_pages(user, doc: Document, pages, version: DocumentVersion | None = None):
    """Add pages to those ``user`` viewed; numbers outside the paper are refused."""
    version = version or doc.current_version
    if not isinstance(pages, list) or not pages or len(pages) > 1000 or not all(
            type(p) is int and 1 <= p <= version.page_count for p in pages):
        raise OperationError(_l("Unknown page."))
    receipt = _receipt(user, doc, version)
    receipt.pages_viewed = sorted(set(receipt.pages_viewed or []) | set(pages))
    commit()
    return receipt

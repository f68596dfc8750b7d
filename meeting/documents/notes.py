"""Operations on a delegate's notes: annotations and comments on drafts.

Every operation takes the acting person and the paper, checks that the paper is theirs
to see (a stranger gets 404, as for the paper itself), changes, audits, commits, and
only then tells the person's other devices (``user:<id>`` room) to fetch again.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.ids import is_id
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.documents.access import can_view
from meeting.documents.notes_models import Annotation, Comment
from meeting.documents.notes_shapes import clean_data
from meeting.extensions import db
from meeting.live import announce

MAX_TEXT = 4000
MAX_QUOTE = 2000
_NO_NOTE = _l("Please write your note.")
_NO_COMMENT = _l("Please write your comment.")


def require_view(actor, doc):
    """Refuse with 404 a paper the person may not see (unknown and hidden alike)."""
    if not can_view(actor, doc):
        raise NotFound()


def page_of(doc, page_number):
    """Return (version, page digest) for a page of the current version, or refuse."""
    version = doc.current_version
    if version is None:
        raise Conflict(_l("This paper has no file yet."))
    if not is_id(page_number) or page_number > version.page_count:
        raise OperationError(_l("There is no such page in this paper."))
    page = next((p for p in version.pages if p.number == page_number), None)
    return version, page.digest if page else ""


def _check_version(doc, version_number):
    if version_number is not None and version_number != doc.current_version.number:
        raise Conflict(_l("A newer version of this paper has been published. "
                          "Please open it again."))


def _text(value, label, limit, missing=None):
    """Return trimmed text; refuse a non-string, an empty one when ``missing`` says why."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OperationError(_l("%(field)s must be text.", field=label))
    value = value.strip()
    if missing and not value:
        raise OperationError(missing)
    if len(value) > limit:
        raise OperationError(_l("%(field)s is too long (at most %(limit)d characters).",
                                field=label, limit=limit))
    return value


def _tell_devices(actor, event, doc):
    announce.to_user(actor.id, event, {"document_id": doc.id})


def _add(actor, doc, row, action, event):
    """Save a new annotation or comment: add, audit, tell the devices, commit."""
    db.session.add(row)
    db.session.flush()
    audit(actor, action, row, after=row.snapshot(), meeting_id=doc.meeting_id)
    _tell_devices(actor, event, doc)
    commit()
    return row


def _own(model, actor, doc, row_id):
    """Return the actor's own ``model`` row on ``doc``; anyone else's is 404."""
    require_view(actor, doc)
    row = db.session.get(model, row_id) if is_id(row_id) else None
    if row is None or row.document_id != doc.id or row.user_id != actor.id:
        raise NotFound()
    return row


def create_annotation(actor, doc, page_number, kind, data, text="", version=None):
    """Add a private mark to a page of the current version."""
    require_view(actor, doc)
    page_version, digest = page_of(doc, page_number)
    _check_version(doc, version)
    data = clean_data(kind, data)
    text = _text(text, _l("The note"), MAX_TEXT, missing=_NO_NOTE if kind == "note" else None)
    note = Annotation(user_id=actor.id, document_id=doc.id, version_number=page_version.number,
                      page_number=page_number, page_digest=digest, kind=kind, data=data,
                      text=text)
    return _add(actor, doc, note, "annotation.create", "notes.changed")


def get_annotation(actor, doc, annotation_id) -> Annotation:
    """Return one of the actor's own marks on ``doc``; anyone else's is 404."""
    return _own(Annotation, actor, doc, annotation_id)


def update_annotation(actor, doc, annotation_id, data=None, text=None):
    """Change the shape or the words of one's own mark."""
    note = get_annotation(actor, doc, annotation_id)
    if data is not None:
        note.data = clean_data(note.kind, data)
    if text is not None:
        note.text = _text(text, _l("The note"), MAX_TEXT,
                          missing=_NO_NOTE if note.kind == "note" else None)
    note.updated_dt = utcnow()
    audit(actor, "annotation.update", note, after=note.snapshot(), meeting_id=doc.meeting_id)
    _tell_devices(actor, "notes.changed", doc)
    commit()
    return note


def delete_annotation(actor, doc, annotation_id):
    """Remove one's own mark."""
    note = get_annotation(actor, doc, annotation_id)
    audit(actor, "annotation.delete", note, before=note.snapshot(), meeting_id=doc.meeting_id)
    db.session.delete(note)
    _tell_devices(actor, "notes.changed", doc)
    commit()


def annotations_for(user, doc) -> list[dict]:
    """Return the person's marks on ``doc``, placed on the current version's pages.

    A mark made on an earlier version stays on the page whose fingerprint equals the one
    it was made on (the page may have moved); with no such page it is ``stale``: shown
    in a list "on an earlier version", never drawn over a page that changed.
    """
    require_view(user, doc)
    version = doc.current_version
    current = version.number if version else 0
    digests = {p.number: p.digest for p in version.pages} if version else {}
    first_with = {}
    for number, digest in sorted(digests.items()):
        first_with.setdefault(digest, number)
    rows = db.session.scalars(select(Annotation).where(
        Annotation.user_id == user.id, Annotation.document_id == doc.id)
        .order_by(Annotation.id))
    placed = []
    for note in rows:
        item = note.as_dict() | {"stale": False, "made_on_page": note.page_number}
        unchanged = note.page_digest and digests.get(note.page_number) == note.page_digest
        if note.version_number != current and not unchanged:
            if note.page_digest and note.page_digest in first_with:
                item["page_number"] = first_with[note.page_digest]
            else:
                item["stale"] = True
        placed.append(item)
    return placed


# Comments on drafts (góp ý) ---------------------------------------------------------------

def _require_open(doc):
    if not doc.is_draft_for_comment:
        raise Conflict(_l("This paper is not a draft open for comments."))
    if not doc.comments_open(utcnow()):
        raise Conflict(_l("The deadline for comments on this draft has passed."))


def add_comment(actor, doc, text, page_number=None, quote="", version=None):
    """Comment on a draft, on a page and passage or on the whole, before the deadline."""
    require_view(actor, doc)
    _require_open(doc)
    if page_number is not None:
        page_of(doc, page_number)
    _check_version(doc, version)
    comment = Comment(user_id=actor.id, document_id=doc.id,
                      version_number=doc.current_version.number, page_number=page_number,
                      quote=_text(quote, _l("The quoted passage"), MAX_QUOTE),
                      text=_text(text, _l("The comment"), MAX_TEXT, missing=_NO_COMMENT))
    return _add(actor, doc, comment, "comment.add", "comments.changed")


def _own_comment(actor, doc, comment_id) -> Comment:
    comment = _own(Comment, actor, doc, comment_id)
    if comment.status != "active":
        raise Conflict(_l("This comment has been withdrawn."))
    _require_open(doc)
    return comment


def edit_comment(actor, doc, comment_id, text=None, quote=None):
    """Change one's own comment while the draft is open for comments."""
    comment = _own_comment(actor, doc, comment_id)
    before = comment.snapshot()
    if text is not None:
        comment.text = _text(text, _l("The comment"), MAX_TEXT, missing=_NO_COMMENT)
    if quote is not None:
        comment.quote = _text(quote, _l("The quoted passage"), MAX_QUOTE)
    comment.updated_dt = utcnow()
    audit(actor, "comment.edit", comment, before=before, after=comment.snapshot(),
          meeting_id=doc.meeting_id)
    _tell_devices(actor, "comments.changed", doc)
    commit()
    return comment


def withdraw_comment(actor, doc, comment_id):
    """Withdraw one's own comment while the draft is open; it leaves the summary."""
    comment = _own_comment(actor, doc, comment_id)
    before = comment.snapshot()
    comment.status, comment.updated_dt = "withdrawn", utcnow()
    audit(actor, "comment.withdraw", comment, before=before, after=comment.snapshot(),
          meeting_id=doc.meeting_id)
    _tell_devices(actor, "comments.changed", doc)
    commit()
    return comment


def comments_for(user, doc) -> list[Comment]:
    """The secretariat reads every active comment on a paper; a delegate their own."""
    require_view(user, doc)
    query = select(Comment).where(Comment.document_id == doc.id).order_by(Comment.id)
    if not user.is_secretariat:
        query = query.where(Comment.user_id == user.id)
    else:
        query = query.where(Comment.status == "active")
    return list(db.session.scalars(query))

"""Writing the minutes during the meeting, and the chair's approval that locks them."""

from flask_babel import lazy_gettext as _l

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings.access import require_secretariat
from meeting.papers.content import minutes_of
from meeting.papers.models import Minutes, MinutesNote

MAX_TEXT = 200_000  # characters of one field: a long intervention, never a whole book
APPROVABLE = ("in_session", "closed", "archived")


def _text(value, label) -> str:
    if value is None:
        return None
    if not isinstance(value, str):
        raise OperationError(_l("%(field)s must be text.", field=label))
    if len(value) > MAX_TEXT:
        raise OperationError(_l("%(field)s is too long (at most %(n)d characters).",
                                field=label, n=MAX_TEXT))
    return value.replace("\r\n", "\n").strip()


def minutes_for(meeting) -> Minutes:
    """The meeting's minutes, created empty on first use (not yet committed)."""
    minutes = minutes_of(meeting)
    if minutes is None:
        minutes = Minutes(meeting_id=meeting.id)
        db.session.add(minutes)
        db.session.flush()
    return minutes


def save_minutes(actor, meeting, *, opening=None, conclusions=None, secretary_name=None,
                 notes: dict | None = None) -> Minutes:
    """Change what was given; ``notes`` maps agenda item ids to their free text."""
    require_secretariat(actor)
    opening = _text(opening, _l("Opening"))
    conclusions = _text(conclusions, _l("Conclusions"))
    secretary_name = _text(secretary_name, _l("Minutes secretary"))
    if secretary_name and len(secretary_name) > 120:
        raise OperationError(_l("%(field)s is too long (at most %(n)d characters).",
                                field=_l("Minutes secretary"), n=120))
    item_ids = {item.id for item in meeting.items}
    clean_notes = {}
    if notes is not None:
        if not isinstance(notes, dict):
            raise OperationError(_l("The notes must map agenda items to text."))
        for key, text in notes.items():
            try:
                item_id = int(key)
            except (TypeError, ValueError):
                item_id = None
            if item_id not in item_ids:
                raise OperationError(_l("The agenda item %(id)s is not in this meeting.",
                                        id=str(key)[:20]))
            clean_notes[item_id] = _text(text, _l("Notes")) or ""
    minutes = minutes_for(meeting)
    if minutes.is_locked:
        raise Conflict(_l("The minutes are approved and locked."))
    before = minutes.snapshot()
    for field, value in (("opening", opening), ("conclusions", conclusions),
                         ("secretary_name", secretary_name)):
        if value is not None:
            setattr(minutes, field, value)
    for item_id, text in clean_notes.items():
        note = next((n for n in minutes.notes if n.item_id == item_id), None)
        if note is None:
            minutes.notes.append(MinutesNote(item_id=item_id, text=text))
        else:
            note.text = text
    minutes.updated_by_id = getattr(actor, "id", None)
    minutes.updated_dt = utcnow()
    db.session.flush()
    audit(actor, "minutes.save", minutes, before=before, after=minutes.snapshot(),
          meeting_id=meeting.id)
    commit()
    return minutes


def can_approve(user, meeting) -> bool:
    """The chair approves; with no chair named, the secretariat does."""
    if user is None:
        return True
    if meeting.chair_id is not None:
        return meeting.chair_id == user.id
    return user.is_secretariat


def approve_minutes(actor, meeting) -> Minutes:
    """Approve and lock the minutes; after this nothing in them can change."""
    if not can_approve(actor, meeting):
        raise Forbidden(_l("Only the chair of the meeting approves the minutes."))
    if meeting.status not in APPROVABLE:
        raise Conflict(_l("The minutes can be approved once the meeting has started."))
    minutes = minutes_for(meeting)
    if minutes.is_locked:
        raise Conflict(_l("The minutes are approved and locked."))
    before = minutes.snapshot()
    minutes.state = "approved"
    minutes.approved_by_id = getattr(actor, "id", None)
    minutes.approved_dt = utcnow()
    audit(actor, "minutes.approve", minutes, before=before, after=minutes.snapshot(),
          meeting_id=meeting.id)
    announce.to_role(meeting.id, "chair", "minutes.approved", {"meeting_id": meeting.id})
    commit()
    return minutes

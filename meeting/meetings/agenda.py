"""Operations on the agenda: build, reorder, and move the current item."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.core.errors import Conflict, NotFound, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.meetings import state
from meeting.meetings.access import require_chair, require_secretariat
from meeting.meetings.models import AgendaItem, SpeakerRequest
from meeting.meetings.operations import _text

MAX_MINUTES = 600


def _minutes(value):
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        raise OperationError(_l("Planned minutes must be a whole number.")) from None
    if not 1 <= minutes <= MAX_MINUTES:
        raise OperationError(_l("Planned minutes must be between 1 and %(n)d.", n=MAX_MINUTES))
    return minutes


def _require_open_agenda(meeting):
    if meeting.status in ("closed", "archived"):
        raise Conflict(_l("The agenda of a closed meeting cannot change."))


def _announce_agenda(meeting, event="agenda.changed"):
    db.session.flush()
    db.session.refresh(meeting, ["items"])
    announce.to_meeting(meeting.id, event, state.agenda_data(meeting))


def add_item(actor, meeting, *, title, presenter="", planned_minutes=15, description=""):
    """Append an item to the agenda."""
    require_secretariat(actor)
    _require_open_agenda(meeting)
    item = AgendaItem(meeting_id=meeting.id, title=_text(title, _l("Title"), 300),
                      presenter=(presenter or "").strip()[:200],
                      planned_minutes=_minutes(planned_minutes),
                      description=(description or "").strip(),
                      position=max((i.position for i in meeting.items), default=0) + 1)
    db.session.add(item)
    db.session.flush()
    audit(actor, "agenda.add", item, after=item.snapshot(), meeting_id=meeting.id)
    _announce_agenda(meeting)
    commit()
    return item


def update_item(actor, item, *, title, presenter="", planned_minutes=15, description=""):
    """Change an item's text, presenter or planned time."""
    require_secretariat(actor)
    _require_open_agenda(item.meeting)
    # Check every value before changing any: a refusal must leave the item as it was.
    title, minutes = _text(title, _l("Title"), 300), _minutes(planned_minutes)
    before = item.snapshot()
    item.title, item.planned_minutes = title, minutes
    item.presenter = (presenter or "").strip()[:200]
    item.description = (description or "").strip()
    audit(actor, "agenda.update", item, before=before, after=item.snapshot(),
          meeting_id=item.meeting_id)
    _announce_agenda(item.meeting)
    commit()
    return item


def delete_item(actor, item):
    """Remove an item that is not being discussed."""
    require_secretariat(actor)
    meeting = item.meeting
    _require_open_agenda(meeting)
    if item.status == "current":
        raise Conflict(_l("The current item cannot be removed."))
    before = item.snapshot()
    db.session.delete(item)
    db.session.flush()
    audit(actor, "agenda.delete", item, before=before, meeting_id=meeting.id)
    _renumber(meeting, [i for i in meeting.items if i is not item])
    _announce_agenda(meeting)
    commit()


def _renumber(meeting, ordered):
    for position, item in enumerate(ordered, start=1):
        item.position = position


def reorder(actor, meeting, item_ids):
    """Put the items in the given order; the list must name every item exactly once."""
    require_secretariat(actor)
    _require_open_agenda(meeting)
    by_id = {i.id: i for i in meeting.items}
    try:
        ids = [int(i) for i in item_ids]
    except (TypeError, ValueError):
        raise OperationError(_l("The new order must list every item once.")) from None
    if sorted(ids) != sorted(by_id):
        raise OperationError(_l("The new order must list every item once."))
    before = {"order": [i.id for i in meeting.items]}
    _renumber(meeting, [by_id[i] for i in ids])
    audit(actor, "agenda.reorder", meeting, before=before, after={"order": ids},
          meeting_id=meeting.id)
    _announce_agenda(meeting)
    commit()


def move_item(actor, item, offset: int):
    """Move an item one place up (-1) or down (+1): reordering by touch, no dragging."""
    require_secretariat(actor)
    ids = [i.id for i in item.meeting.items]
    index = ids.index(item.id)
    target = index + offset
    if not 0 <= target < len(ids):
        raise Conflict(_l("The item is already at the end of the agenda."))
    ids[index], ids[target] = ids[target], ids[index]
    reorder(actor, item.meeting, ids)


def set_current_item(actor, meeting, item_id):
    """Make an item the one being discussed; every tablet follows at once.

    The item that was current becomes done. ``item_id`` None clears the current item.
    """
    require_chair(actor, meeting)
    if meeting.status != "in_session":
        raise Conflict(_l("The meeting is not in session."))
    item = None
    if item_id is not None:
        item = next((i for i in meeting.items if i.id == item_id), None)
        if item is None:
            raise NotFound(_l("This item is not on the agenda."))
    previous = meeting.current_item
    if previous is item:
        return item
    if previous is not None:
        previous.status = "done"
        _close_speakers(previous)
    if item is not None:
        item.status = "current"
    audit(actor, "agenda.set_current", meeting,
          before={"current_item_id": previous.id if previous else None},
          after={"current_item_id": item.id if item else None}, meeting_id=meeting.id)
    _announce_agenda(meeting, "agenda.current")
    announce.to_meeting(meeting.id, "speakers.changed", state.speakers_data(meeting))
    commit()
    return item


def _close_speakers(item):
    # The floor and the queue belong to the item being left: the speaker is done and the
    # waiting requests lapse. Left open, they would vanish from the chair's queue while
    # still stopping those people from asking to speak on the next item.
    now = utcnow()
    for request in db.session.scalars(select(SpeakerRequest).where(
            SpeakerRequest.item_id == item.id,
            SpeakerRequest.status.in_(("waiting", "speaking")))):
        request.status = "done" if request.status == "speaking" else "withdrawn"
        request.ended_dt = now


def step_item(actor, meeting, offset: int):
    """Move the current item to the next (+1) or previous (-1) one."""
    require_chair(actor, meeting)
    items = meeting.items
    if not items:
        raise Conflict(_l("The agenda is empty."))
    current = meeting.current_item
    if current is None:
        target = items[0] if offset > 0 else items[-1]
    else:
        index = items.index(current) + offset
        if not 0 <= index < len(items):
            raise Conflict(_l("There is no item in that direction."))
        target = items[index]
    return set_current_item(actor, meeting, target.id)

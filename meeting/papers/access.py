"""Lookups with permission for papers: unknown and hidden alike give 404."""

from meeting.core.errors import NotFound
from meeting.core.ids import is_id
from meeting.extensions import db
from meeting.meetings.access import can_chair, get_visible_meeting
from meeting.papers.models import IssuedPaper


def visible_paper(user, paper_id) -> IssuedPaper:
    """An issued paper of a meeting ``user`` may see."""
    paper = db.session.get(IssuedPaper, paper_id) if is_id(paper_id) else None
    if paper is None:
        raise NotFound()
    get_visible_meeting(user, paper.meeting_id)
    return paper


def drafting_meeting(user, meeting_id):
    """A meeting whose draft papers ``user`` may read: the secretariat and the chair."""
    meeting = get_visible_meeting(user, meeting_id)
    if not can_chair(user, meeting):
        raise NotFound()
    return meeting

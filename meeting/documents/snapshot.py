"""The papers part of a tablet's snapshot: the same list as GET /meetings/<id>/documents."""

from meeting.documents.access import documents_for
from meeting.documents.serialize import documents_data
from meeting.meetings.state import snapshot_part


@snapshot_part
def documents_part(meeting, user) -> dict:
    """The meeting's papers this person may see (after a gap, the tablet gets them again)."""
    return {"documents": documents_data(documents_for(user, meeting), user)}

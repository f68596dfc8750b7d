"""Following the presenter: the chair's (or secretariat's) page, pushed to the tablets."""

from flask_babel import lazy_gettext as _l

from meeting.core.errors import Conflict, Forbidden
from meeting.core.unit_of_work import commit
from meeting.documents.access import audience_ids
from meeting.documents.notes import page_of, require_view
from meeting.live import announce
from meeting.meetings.access import can_chair


def present_page(actor, doc, page_number):
    """Show everyone given the paper which page the presenter is on now.

    Only the chair or the secretariat present. Nothing is stored, so there is no audit
    entry: the event only moves the screens of those who chose to follow.
    """
    require_view(actor, doc)
    if not can_chair(actor, doc.meeting):
        raise Forbidden()
    if doc.status != "published":
        raise Conflict(_l("This paper is not published."))
    page_of(doc, page_number)
    payload = {"meeting_id": doc.meeting_id, "document_id": doc.id,
               "version": doc.current_version.number, "page_number": page_number,
               "presenter": actor.full_name}
    # One person's rooms at a time: only people the paper was given to may learn the page.
    for user_id in sorted(audience_ids(doc) | {actor.id}):
        announce.to_user(user_id, "documents.presenter", payload)
    commit()
    return payload

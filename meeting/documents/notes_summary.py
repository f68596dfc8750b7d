"""The secretariat's summary of comments on a meeting's drafts, grouped by paper."""

from sqlalchemy import select

from meeting.core.time import utc_iso, utcnow
from meeting.documents.models import Document
from meeting.documents.notes_models import Comment
from meeting.extensions import db
from meeting.meetings.access import require_secretariat


def summary(user, meeting) -> list[dict]:
    """Return each draft of the meeting with its active comments, by page.

    :raises Forbidden: the caller is not the secretariat.
    """
    require_secretariat(user)
    drafts = db.session.scalars(select(Document).where(
        Document.meeting_id == meeting.id, Document.kind == "du_thao")
        .order_by(Document.position, Document.id))
    papers = []
    now = utcnow()
    for doc in drafts:
        comments = db.session.scalars(select(Comment).where(
            Comment.document_id == doc.id, Comment.status == "active")
            .order_by(Comment.page_number.is_(None).desc(), Comment.page_number, Comment.id))
        papers.append({"document_id": doc.id, "title": doc.title,
                       "version": doc.current_version.number if doc.current_version else None,
                       "deadline_dt": utc_iso(doc.comment_deadline_dt),
                       "deadline": doc.comment_deadline_dt,  # for pages; not JSON
                       "open": doc.comments_open(now),
                       "comments": [c.as_dict() for c in comments]})
    return papers


def summary_rows(papers) -> list[list[str]]:
    """One line per comment for the CSV export, the header first."""
    from flask_babel import gettext as _

    lines = [[_("Paper"), _("Version"), _("Page"), _("Delegate"), _("Quoted passage"),
              _("Comment"), _("Written")]]
    for paper in papers:
        for c in paper["comments"]:
            lines.append([paper["title"], str(c["version"]), str(c["page_number"] or ""),
                          c["name"], c["quote"], c["text"], c["updated_dt"] or ""])
    return lines

"""A person's own notes and comments, gathered for export (JSON, CSV or PDF).

Only papers the person may still see are included: once a classified paper is recalled,
the notes written on it are not handed out either.
"""

import csv
import io

from flask_babel import gettext as _
from sqlalchemy import select

from meeting.core.time import utc_iso
from meeting.documents.access import can_view
from meeting.documents.models import KINDS, Document
from meeting.documents.notes import annotations_for
from meeting.documents.notes_models import ANNOTATION_KINDS, Annotation, Comment
from meeting.extensions import db


def my_notes(user, meeting_id=None) -> list[dict]:
    """Return, per paper, the person's marks and comments, in paper order."""
    ids = set(db.session.scalars(select(Annotation.document_id).where(
        Annotation.user_id == user.id)))
    ids |= set(db.session.scalars(select(Comment.document_id).where(Comment.user_id == user.id)))
    if not ids:
        return []
    query = select(Document).where(Document.id.in_(ids))
    if meeting_id is not None:
        query = query.where(Document.meeting_id == meeting_id)
    papers = []
    for doc in db.session.scalars(query.order_by(Document.meeting_id, Document.position,
                                                 Document.id)):
        if not can_view(user, doc):
            continue
        comments = db.session.scalars(select(Comment).where(
            Comment.document_id == doc.id, Comment.user_id == user.id).order_by(Comment.id))
        papers.append({
            "document_id": doc.id, "title": doc.title, "kind": doc.kind,
            "meeting_id": doc.meeting_id, "meeting_title": doc.meeting.title,
            "version": doc.current_version.number if doc.current_version else None,
            "annotations": annotations_for(user, doc),
            "comments": [c.as_dict() for c in comments],
        })
    return papers


def _label(mapping, key):
    return str(mapping.get(key, key))


def rows(papers) -> list[list[str]]:
    """One line per note or comment, the header first."""
    lines = [[_("Meeting"), _("Paper"), _("Version"), _("Page"), _("Kind"), _("Text"),
              _("Quoted passage"), _("Status"), _("Written")]]
    for paper in papers:
        for note in paper["annotations"]:
            status = _("On an earlier version") if note["stale"] else ""
            text = note["text"] or (_("(drawing)") if note["kind"] == "ink" else "")
            lines.append([paper["meeting_title"], paper["title"], str(note["version"]),
                          str(note["page_number"]), _label(ANNOTATION_KINDS, note["kind"]),
                          text, "", status, note["updated_dt"] or ""])
        for comment in paper["comments"]:
            status = _("Withdrawn") if comment["status"] == "withdrawn" else _("Sent")
            lines.append([paper["meeting_title"], paper["title"], str(comment["version"]),
                          str(comment["page_number"] or ""), _("Comment"), comment["text"],
                          comment["quote"], status, comment["updated_dt"] or ""])
    return lines


def to_csv(lines) -> str:
    """CSV that spreadsheet programs open as UTF-8 (the byte-order mark tells them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in lines:
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in line])
    return "\ufeff" + out.getvalue()


def to_pdf(user, papers) -> bytes:
    from meeting.core.time import utcnow
    from meeting.papers.pdf import render_pdf

    return render_pdf("documents/my_notes_pdf.html", user=user, papers=papers,
                      kinds=KINDS, annotation_kinds=ANNOTATION_KINDS,
                      generated=utc_iso(utcnow()))

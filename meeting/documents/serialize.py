"""Plain data about papers, for the JSON API, the tablet list and the pages."""

from flask import url_for
from sqlalchemy import select

from meeting.core.time import utc_iso, utcnow
from meeting.documents.access import can_download, can_view
from meeting.documents.models import CLASSIFICATIONS, DOCUMENT_STATUSES, KINDS, ReadReceipt
from meeting.extensions import db


def opened_versions(user, doc_ids) -> dict[int, set[int]]:
    """Return, per document id, the version ids ``user`` has opened."""
    if not doc_ids:
        return {}
    rows = db.session.execute(select(ReadReceipt.document_id, ReadReceipt.version_id).where(
        ReadReceipt.user_id == user.id, ReadReceipt.document_id.in_(doc_ids)))
    opened: dict[int, set[int]] = {}
    for doc_id, version_id in rows:
        opened.setdefault(doc_id, set()).add(version_id)
    return opened


def document_data(doc, user, opened: dict | None = None) -> dict:
    """Describe a paper for ``user`` (who may see it): what the tablet list shows."""
    version = doc.current_version
    if opened is None:
        opened = opened_versions(user, [doc.id])
    mine = opened.get(doc.id, set())
    v = version.number if version else 0
    return {
        "id": doc.id, "meeting_id": doc.meeting_id, "title": doc.title,
        "kind": doc.kind, "kind_label": str(KINDS[doc.kind]),
        "classification": doc.classification,
        "classification_label": str(CLASSIFICATIONS[doc.classification]),
        "is_classified": doc.is_classified,
        "status": doc.status, "status_label": str(DOCUMENT_STATUSES[doc.status]),
        "item_id": doc.item_id, "item_title": doc.item.title if doc.item else None,
        "version": v, "page_count": version.page_count if version else 0,
        "sha256": version.sha256 if version else None,
        # With the size known, pdf.js can start with range requests (PDFDataRangeTransport)
        # instead of a full GET it drops after the headers.
        "file_size": version.file.size if version and not doc.is_classified else None,
        "is_updated": doc.is_updated,
        "published_dt": utc_iso(doc.published_dt), "updated_dt": utc_iso(doc.updated_dt),
        "opened": bool(mine), "opened_current": bool(version and version.id in mine),
        "can_download": can_download(user, doc),
        "comments_open": doc.comments_open(utcnow()) and can_view(user, doc),
        "comment_deadline_dt": utc_iso(doc.comment_deadline_dt),
        # The classified file is never sent: the reader shows page images instead.
        "file_url": (None if doc.is_classified else
                     url_for("api.document_file", document_id=doc.id, v=v)),
        "pages_url": url_for("api.document_page", document_id=doc.id, number=1,
                             fmt="png", v=v).replace("/pages/1.png", "/pages/{n}.png"),
    }


def documents_data(docs, user) -> list[dict]:
    opened = opened_versions(user, [d.id for d in docs])
    return [document_data(d, user, opened) for d in docs]

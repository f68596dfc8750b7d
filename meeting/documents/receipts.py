"""Who opened a paper, when, and how many pages: the secretariat's read-receipt report."""

from sqlalchemy import select

from meeting.auth.models import User
from meeting.core.time import utc_iso
from meeting.documents.access import audience_ids
from meeting.documents.models import Document, ReadReceipt
from meeting.extensions import db


def receipt_rows(doc: Document, as_text: bool = True) -> list[dict]:
    """Return one row per recipient (opened or not), then anyone else who opened it.

    A person's row sums their versions: first open of any, last open of any, and the
    pages viewed of the current version (an earlier version's pages are another text).
    """
    receipts = list(db.session.scalars(select(ReadReceipt).where(
        ReadReceipt.document_id == doc.id)))
    current = doc.current_version
    by_user: dict[int, list[ReadReceipt]] = {}
    for receipt in receipts:
        by_user.setdefault(receipt.user_id, []).append(receipt)
    ids = audience_ids(doc) | set(by_user)
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
    show = utc_iso if as_text else (lambda dt: dt)  # JSON wants text; a page formats times
    rows = []
    for user_id in ids:
        user = people.get(user_id)
        if user is None:
            continue
        mine = by_user.get(user_id, [])
        on_current = next((r for r in mine if current and r.version_id == current.id), None)
        versions = sorted(r.version.number for r in mine)
        rows.append({
            "user_id": user_id, "name": user.full_name,
            "unit": user.unit.name if user.unit else "",
            "opened": bool(mine),
            "first_opened_dt": show(min((r.first_opened_dt for r in mine), default=None)),
            "last_opened_dt": show(max((r.last_opened_dt for r in mine), default=None)),
            "versions_opened": versions,
            "opened_current": on_current is not None,
            "pages_viewed": on_current.pages_viewed if on_current else [],
            "pages_viewed_count": on_current.pages_viewed_count if on_current else 0,
            "page_count": current.page_count if current else 0,
        })
    rows.sort(key=lambda r: (not r["opened"], r["name"]))
    return rows

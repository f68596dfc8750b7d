"""How papers, minutes and PDFs are sent back: JSON shapes and PDF responses."""

from io import BytesIO

from flask import send_file

from meeting.core.time import utc_iso
from meeting.papers.content import speakers_by_item, votes_by_item
from meeting.papers.layout import number_line
from meeting.papers.models import MINUTES_STATES, kind_info


def pdf_response(data: bytes, filename: str):
    response = send_file(BytesIO(data), mimetype="application/pdf", download_name=filename,
                         as_attachment=False, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def paper_json(paper) -> dict:
    _code, doc_type, label = kind_info(paper.kind)
    return {"id": paper.id, "kind": paper.kind, "kind_label": str(label), "doc_type": doc_type,
            "title": paper.title, "source": paper.source, "code": paper.code,
            "number": paper.number, "number_line": number_line(paper.number, paper.code),
            "meeting_id": paper.meeting_id, "term_id": paper.term_id, "pages": paper.pages,
            "sha256": paper.sha256, "issued_dt": utc_iso(paper.issued_dt),
            "issued_by": paper.issued_by.full_name if paper.issued_by else None,
            "signed": paper.is_signed, "signed_sha256": paper.signed_sha256,
            "signed_dt": utc_iso(paper.signed_dt), "signer": paper.signer_subject}


def minutes_json(meeting, minutes) -> dict:
    """The text written so far, and for each item what the records fill in."""
    speakers, votes = speakers_by_item(meeting), votes_by_item(meeting)
    state = minutes.state if minutes else "draft"
    return {
        "meeting_id": meeting.id, "state": state, "state_label": str(MINUTES_STATES[state]),
        "locked": bool(minutes and minutes.is_locked),
        "opening": minutes.opening if minutes else "",
        "conclusions": minutes.conclusions if minutes else "",
        "secretary_name": minutes.secretary_name if minutes else "",
        "approved_dt": utc_iso(minutes.approved_dt) if minutes else None,
        "items": [{"id": item.id, "title": item.title, "presenter": item.presenter,
                   "speakers": speakers.get(item.id, []),
                   "votes": [v["title"] for v in votes.get(item.id, [])],
                   "text": minutes.note_for(item.id) if minutes else ""}
                  for item in meeting.items],
    }

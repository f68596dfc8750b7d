"""Uploaded files checked, cleaned, converted, folded and indexed by a worker (core/jobs.py).

The web process only receives the bytes into a private folder and checks the form; all the
rest — the jail's parse and repack, LibreOffice, the text of every page folded and indexed
— is the job. It calls the same operations as the command line and the tests.
"""

from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l

from meeting.auth.models import User
from meeting.core import jobs
from meeting.core.errors import NotFound
from meeting.documents import operations, storage
from meeting.documents.models import Document
from meeting.extensions import db


def _actor(actor_id):
    return db.session.get(User, actor_id) if actor_id else None


def _fields(fields: dict) -> dict:
    deadline = fields.get("comment_deadline_dt")
    return fields | {"comment_deadline_dt": datetime.fromisoformat(deadline) if deadline
                     else None}


@contextmanager
def _upload(folder: str, model, row_id: int):
    """Yield the row the upload is for and the uploaded file; the file goes afterwards."""
    try:
        row = db.session.get(model, row_id)
        if row is None:
            raise NotFound()
        jobs.progress(10, str(_l("Checking the file.")))
        yield row, Path(folder) / "upload.bin"
    finally:
        storage.discard(Path(folder))


def process_upload(folder: str, meeting_id: int, actor_id, original_name: str,
                   fields: dict) -> dict:
    """Check and store an uploaded file as a new paper; return its id."""
    from meeting.meetings.models import Meeting

    with _upload(folder, Meeting, meeting_id) as (meeting, source):
        doc = operations.upload_document(_actor(actor_id), meeting, source,
                                         original_name=original_name, **_fields(fields))
    return {"document_id": doc.id}


def process_new_version(folder: str, document_id: int, actor_id, original_name: str,
                        change_note: str) -> dict:
    """Check and store an uploaded file as a paper's new version; return the paper's id."""
    with _upload(folder, Document, document_id) as (doc, source):
        version = operations.replace_document(_actor(actor_id), doc, source,
                                              original_name=original_name,
                                              change_note=change_note)
    return {"document_id": doc.id, "version": version.number}


def _forget_upload(folder, *args):
    storage.discard(Path(folder))  # its worker died: nothing was stored, the bytes go too


process_upload.on_died = _forget_upload
process_new_version.on_died = _forget_upload

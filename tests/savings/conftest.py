"""Factories for the savings tests: published papers with a page count and recipients."""

import hashlib
from itertools import count

import pytest

from meeting.core.time import utcnow
from meeting.documents.models import Document, DocumentRecipient, DocumentVersion, StoredFile
from meeting.extensions import db

_serial = count(1)


@pytest.fixture
def app_config(app_config):
    app_config.SAVINGS_BACKGROUND = False  # reports built inline, before the response
    return app_config


@pytest.fixture
def make_document(app):
    """make_document(meeting, pages=…, recipients=[users] or None for everyone, …).

    Papers are written directly: the savings only read them, and the documents module's
    upload path (conversion, page text) is not what these tests are about.
    """

    def factory(meeting, pages=4, recipients=None, status="published", title=None,
                classification="thuong", versions=(None,)):
        n = next(_serial)
        doc = Document(meeting_id=meeting.id, title=title or f"Tài liệu {n}", status=status,
                       classification=classification, to_all=recipients is None,
                       published_dt=utcnow() if status == "published" else None, position=n)
        db.session.add(doc)
        db.session.flush()
        for number, page_count in enumerate([*versions[:-1], pages], start=1):
            digest = hashlib.sha256(f"{n}-{number}".encode()).hexdigest()
            stored = StoredFile(sha256=digest, size=100, storage_name=f"{digest}.pdf",
                                page_count=page_count or 0)
            db.session.add(stored)
            db.session.flush()
            db.session.add(DocumentVersion(document_id=doc.id, number=number, file_id=stored.id,
                                           page_count=page_count or 0, sha256=digest))
        for user in recipients or []:
            db.session.add(DocumentRecipient(document_id=doc.id, user_id=user.id))
        db.session.commit()
        return doc

    return factory

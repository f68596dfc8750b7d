"""Papers for the reader's tests, made directly in the database (no upload, no parsing).

The notes only need a paper's rows: its versions, page count and page fingerprints.
Uploading real files is tested with the upload validation.
"""

import hashlib
import itertools
from datetime import timedelta

from meeting.core.time import utcnow
from meeting.documents.models import Document, DocumentPage, DocumentVersion, StoredFile
from meeting.extensions import db

_serial = itertools.count(1)


def _file(pages):
    n = next(_serial)
    digest = hashlib.sha256(f"file {n}".encode()).hexdigest()
    return StoredFile(sha256=digest, size=1000 + n, storage_name=f"{digest[:2]}/{digest}.pdf",
                      page_count=pages)


def add_version(doc, digests):
    """Append a version whose pages have the given fingerprints."""
    stored = _file(len(digests))
    number = len(doc.versions) + 1
    version = DocumentVersion(number=number, file=stored, page_count=len(digests),
                              sha256=stored.sha256, original_name="paper.pdf")
    for i, digest in enumerate(digests):
        version.pages.append(DocumentPage(number=i + 1, digest=digest, text=f"trang {i + 1}",
                                          folded=f"trang {i + 1}"))
    doc.versions.append(version)
    if number > 1:
        doc.updated_dt = utcnow()
    db.session.commit()
    return version


def make_paper(meeting, *, pages=5, kind="tai_lieu", classification="thuong",
               status="published", deadline_in=timedelta(days=2), to_all=True, title=None):
    """A paper of ``meeting`` with one version of ``pages`` pages, published by default."""
    doc = Document(meeting_id=meeting.id, title=title or f"Tài liệu {next(_serial)}",
                   kind=kind, classification=classification, status=status, to_all=to_all,
                   comment_deadline_dt=(utcnow() + deadline_in) if kind == "du_thao" else None,
                   published_dt=utcnow() if status == "published" else None)
    db.session.add(doc)
    db.session.flush()
    add_version(doc, [f"p{doc.id}-{i}" for i in range(1, pages + 1)])
    return doc

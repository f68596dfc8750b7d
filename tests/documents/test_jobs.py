"""An upload's job: the bytes are the worker's to keep or remove, whatever happens to it."""

import os

from sqlalchemy import select

from meeting.core import jobs
from meeting.core.jobs import Job
from meeting.documents import operations as doc_ops
from meeting.documents import storage
from meeting.documents.models import Document
from meeting.documents.uploads import Upload
from meeting.extensions import db
from tests.documents.conftest import simple_pdf
from tests.helpers import run_queued


def _upload(data: bytes) -> Upload:
    folder = storage.workdir()
    (folder / "upload.bin").write_bytes(data)
    return Upload(path=folder / "upload.bin", name="bao-cao.pdf", folder=folder)


def test_a_queued_upload_is_stored_by_the_worker_and_its_bytes_removed(app, room):
    app.config["JOBS_INLINE"] = False
    upload = _upload(simple_pdf(2))
    job = doc_ops.queue_upload(room["secretariat"], room["meeting"], upload, title="Tờ trình")
    assert job.state == "queued" and db.session.scalar(select(Document)) is None
    run_queued(app)
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.state == "done"
    doc = db.session.get(Document, job.result["document_id"])
    assert doc.title == "Tờ trình" and doc.current_version.page_count == 2
    assert not upload.folder.exists()


def test_the_bytes_of_an_upload_whose_worker_died_are_removed(app, room):
    app.config["JOBS_INLINE"] = False
    upload = _upload(simple_pdf(1))
    job = doc_ops.queue_upload(room["secretariat"], room["meeting"], upload)
    db.session.execute(Job.__table__.update().where(Job.id == job.id).values(
        state="running", worker=f"{os.uname().nodename}:999999999"))
    db.session.commit()
    assert jobs.reap() == [job.id]
    assert not upload.folder.exists()
    assert db.session.scalar(select(Document)) is None

"""Papers' operations: upload, publish, versions, recipients, recall, receipts; audit + live."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.core.time import utcnow
from meeting.documents import operations as doc_ops
from meeting.documents.access import can_download, can_view, documents_for, visible_document
from meeting.documents.models import StoredFile
from meeting.extensions import db
from meeting.meetings import operations
from tests.documents.conftest import simple_pdf
from tests.helpers import actions, refused


def test_upload_publish_and_replace_are_audited_and_announced_by_number(
        app, room, add_paper, login, socket_for):
    meeting, delegate = room["meeting"], room["delegate"]
    tablet = socket_for(login(delegate))
    assert tablet.emit("join", {"meeting_id": meeting.id}, callback=True)["ok"]
    tablet.get_received()
    doc = add_paper(meeting, simple_pdf(2), publish=False, title="Báo cáo chính trị")
    assert tablet.events("documents.changed") == []  # a draft is nobody's business yet
    assert documents_for(delegate, meeting) == []
    doc_ops.publish_document(None, doc)
    published = tablet.events("documents.changed")
    assert published == [{"document_id": doc.id, "action": "published",
                          "meeting_id": meeting.id, "seq": published[0]["seq"]}]
    assert documents_for(delegate, meeting) == [doc]
    version = doc_ops.replace_document(None, doc, _file(app, simple_pdf(3, "v2")),
                                       original_name="v2.pdf", change_note="Sửa số liệu")
    updated = tablet.events("documents.changed")
    assert [e["action"] for e in updated] == ["updated"]
    assert updated[0]["seq"] == published[0]["seq"] + 1
    assert version.number == 2 and doc.is_updated and doc.current_version is version
    doc_ops.unpublish_document(None, doc)
    assert [e["action"] for e in tablet.events("documents.changed")] == ["unpublished"]
    assert actions()[-4:] == ["document.upload", "document.publish", "document.new_version",
                              "document.unpublish"]
    with pytest.raises(NotFound):
        visible_document(delegate, doc.id)


def _file(app, data):
    from meeting.documents import storage

    path = storage.workdir() / "in.pdf"
    path.write_bytes(data)
    return path


def test_equal_content_is_stored_once(app, room, add_paper):
    first = add_paper(room["meeting"], simple_pdf(2, "same"))
    second = add_paper(room["meeting"], simple_pdf(2, "same"))
    assert first.current_version.file_id == second.current_version.file_id
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 1


def test_unchanged_pages_keep_their_fingerprint_in_a_new_version(app, room, add_paper):
    def three(marker):
        return simple_pdf(3, marker)
    doc = add_paper(room["meeting"], three("a"))
    old = [p.digest for p in doc.current_version.pages]
    # Page 2 changes, pages 1 and 3 are the same content (marker only on page 2).
    import io

    import pikepdf
    with pikepdf.open(io.BytesIO(three("a"))) as pdf:
        pdf.pages[1].obj.Contents = pdf.make_stream(b"BT /F1 24 Tf 72 720 Td (New) Tj ET")
        out = io.BytesIO()
        pdf.save(out)
    doc_ops.replace_document(None, doc, _file(app, out.getvalue()))
    new = [p.digest for p in doc.current_version.pages]
    assert new[0] == old[0] and new[2] == old[2] and new[1] != old[1]


def test_only_recipients_and_the_secretariat_see_a_paper(app, room, add_paper):
    meeting = room["meeting"]
    doc = add_paper(meeting, to_all=False, recipient_ids=[room["delegate"].id])
    assert can_view(room["delegate"], doc) and can_view(room["secretariat"], doc)
    for name in ("other", "guest", "chair", "outsider"):
        assert not can_view(room[name], doc), name
        assert doc not in documents_for(room[name], meeting)
    everyone = add_paper(meeting)
    for name in ("delegate", "other", "guest", "chair"):
        assert documents_for(room[name], meeting) == (
            [doc, everyone] if name == "delegate" else [everyone])
    assert not can_view(room["outsider"], everyone)


def test_classified_papers_are_recalled_when_the_meeting_closes(app, room, add_paper):
    meeting, delegate = room["meeting"], room["delegate"]
    secret = add_paper(meeting, classification="mat", allow_download=True)
    plain = add_paper(meeting, allow_download=True)
    assert not secret.allow_download and not can_download(delegate, secret)
    assert can_download(delegate, plain)
    operations.change_status(None, meeting, "in_session")
    operations.change_status(None, meeting, "closed")
    assert documents_for(delegate, meeting) == [plain]
    with pytest.raises(NotFound):
        visible_document(delegate, secret.id)
    assert visible_document(room["secretariat"], secret.id) is secret


def test_refusals_change_nothing(app, room, add_paper, put_file):
    meeting, delegate = room["meeting"], room["delegate"]
    pdf = put_file(simple_pdf())
    refused(Forbidden, doc_ops.upload_document, delegate, meeting, pdf)
    refused(OperationError, doc_ops.upload_document, None, meeting, pdf, kind="bogus")
    refused(OperationError, doc_ops.upload_document, None, meeting, pdf,
            classification="secret")
    refused(NotFound, doc_ops.upload_document, None, meeting, pdf, item_id=999)
    refused(OperationError, doc_ops.upload_document, None, meeting, pdf, to_all=False)
    refused(NotFound, doc_ops.upload_document, None, meeting, pdf, to_all=False,
            recipient_ids=[123456])
    refused(OperationError, doc_ops.upload_document, None, meeting, pdf, title="x" * 301)
    doc = add_paper(meeting)
    refused(Conflict, doc_ops.publish_document, None, doc)
    refused(Conflict, doc_ops.delete_document, None, doc)
    refused(Forbidden, doc_ops.unpublish_document, delegate, doc)
    refused(OperationError, doc_ops.update_document, None, doc, colour="red")


def test_a_draft_for_comment_keeps_its_deadline(app, room, add_paper):
    deadline = utcnow() + timedelta(days=1)
    draft = add_paper(room["meeting"], kind="du_thao", comment_deadline_dt=deadline)
    assert draft.comments_open(utcnow()) and not draft.comments_open(deadline)
    doc_ops.update_document(None, draft, kind="tai_lieu")
    assert draft.comment_deadline_dt is None and not draft.comments_open(utcnow())


def test_read_receipts_record_opening_and_pages_only(app, room, add_paper):
    doc = add_paper(room["meeting"], simple_pdf(4))
    delegate = room["delegate"]
    receipt = doc_ops.record_open(delegate, doc)
    first = receipt.first_opened_dt
    doc_ops.record_pages(delegate, doc, [1, 2])
    doc_ops.record_pages(delegate, doc, [2, 4])
    receipt = doc_ops.record_open(delegate, doc)
    assert receipt.pages_viewed == [1, 2, 4] and receipt.first_opened_dt == first
    for bad in ([0], [5], ["1"], [], None, [True]):
        refused(OperationError, doc_ops.record_pages, delegate, doc, bad)


def test_a_socket_outside_the_meeting_hears_nothing(app, room, add_paper, login, socket_for):
    outsider = socket_for(login(room["outsider"]))
    ack = outsider.emit("join", {"meeting_id": room["meeting"].id}, callback=True)
    assert not ack.get("ok")
    add_paper(room["meeting"])
    assert outsider.events("documents.changed") == []

"""The papers' JSON API: lists, upload, byte ranges, page images, watermarks, receipts."""

import io

import pytest
from PIL import Image

from meeting.documents import storage
from meeting.documents.models import Document
from meeting.extensions import db
from tests.conftest import isolated
from tests.documents.conftest import API, simple_pdf, vietnamese_pdf


def upload(api, url, data, **fields):
    form = {"file": (io.BytesIO(data), "bao-cao.pdf"), **fields}
    return isolated(api.client.post, url, data=form, content_type="multipart/form-data",
                    headers={"X-CSRFToken": api.token, "Accept": "application/json"})


def test_the_secretariat_uploads_and_publishes_and_the_tablet_lists_it(app, room, login):
    sec, delegate = login(room["secretariat"]), login(room["delegate"])
    meeting = room["meeting"]
    item = meeting.items[1]
    response = upload(sec, f"{API}/meetings/{meeting.id}/documents", vietnamese_pdf(3),
                      title="Dự thảo Nghị quyết", kind="du_thao", item_id=str(item.id),
                      comment_deadline_dt="2030-01-01T17:00")
    # Accepted for checking: the reply is the job (run inline in the tests), then the paper.
    assert response.status_code == 202, response.json
    job = sec.get(f"{API}/jobs/{response.json['id']}").json
    assert job["state"] == "done" and job["progress"] == 100
    assert delegate.get(f"{API}/jobs/{job['id']}").status_code == 404  # not theirs
    doc = sec.get(f"{API}/documents/{job['result']['document_id']}").json
    assert doc["status"] == "draft" and doc["page_count"] == 3 and doc["item_id"] == item.id
    assert doc["comment_deadline_dt"] == "2030-01-01T10:00:00Z"
    assert delegate.get(f"{API}/meetings/{meeting.id}/documents").json == {"documents": []}
    assert sec.post(f"{API}/documents/{doc['id']}/publish").status_code == 200
    listed = delegate.get(f"{API}/meetings/{meeting.id}/documents").json["documents"]
    assert [d["title"] for d in listed] == ["Dự thảo Nghị quyết"]
    assert listed[0]["opened"] is False and listed[0]["comments_open"] is True
    assert listed[0]["file_url"].endswith(f"/documents/{doc['id']}/file?v=1")
    detail = delegate.get(f"{API}/documents/{doc['id']}").json
    assert [p["number"] for p in detail["pages"]] == [1, 2, 3]
    # A new version: the list marks it updated, and the earlier reading is not "current".
    assert delegate.post(f"{API}/documents/{doc['id']}/receipts/open").status_code == 204
    again = upload(sec, f"{API}/documents/{doc['id']}/versions", vietnamese_pdf(4),
                   change_note="Bổ sung trang 4")
    assert again.status_code == 202 and again.json["result"]["version"] == 2
    listed = delegate.get(f"{API}/meetings/{meeting.id}/documents").json["documents"]
    assert listed[0]["is_updated"] and listed[0]["opened"] and not listed[0]["opened_current"]


def test_a_delegate_cannot_upload_or_publish(app, room, login, add_paper):
    delegate = login(room["delegate"])
    meeting = room["meeting"]
    response = upload(delegate, f"{API}/meetings/{meeting.id}/documents", simple_pdf())
    assert response.status_code == 403
    doc = add_paper(meeting, publish=False)
    assert delegate.post(f"{API}/documents/{doc.id}/publish").status_code == 404
    doc2 = add_paper(meeting)
    assert delegate.post(f"{API}/documents/{doc2.id}/unpublish").status_code == 403
    assert delegate.get(f"{API}/documents/{doc2.id}/receipts").status_code == 404


@pytest.fixture
def small_limit(app_config):
    app_config.DOCUMENT_MAX_BYTES = 50_000


def test_an_upload_over_the_limit_gets_a_clear_message(small_limit, app, room, login):
    sec = login(room["secretariat"])
    big = b"%PDF-1.7\n" + b"0" * 3_000_000  # far over the 50 kB limit of this test
    response = upload(sec, f"{API}/meetings/{room['meeting'].id}/documents", big)
    assert response.status_code == 413
    assert "0 MB" in response.json["error"] or "MB" in response.json["error"]
    assert db.session.query(Document).count() == 0
    assert not (storage.root() / "tmp").exists() or not any((storage.root() / "tmp").iterdir())
    # A refused file (bad content): its job fails with the reason; the server goes on.
    bad = upload(sec, f"{API}/meetings/{room['meeting'].id}/documents", b"not a pdf")
    assert bad.status_code == 202 and bad.json["state"] == "failed" and bad.json["message"]
    assert not any((storage.root() / "tmp").iterdir())  # the refused bytes are gone
    good = upload(sec, f"{API}/meetings/{room['meeting'].id}/documents", simple_pdf())
    assert good.json["state"] == "done" and good.json["result"]["document_id"]


def test_the_file_is_served_in_byte_ranges(app, room, login, add_paper):
    doc = add_paper(room["meeting"], vietnamese_pdf(5), allow_download=False)
    delegate = login(room["delegate"])
    url = f"{API}/documents/{doc.id}/file?v=1"
    whole = storage.file_path(doc.current_version.file).read_bytes()
    part = delegate.get(url, headers={"Range": "bytes=0-1023"})
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 0-1023/{len(whole)}"
    assert part.data == whole[:1024] and part.headers["Accept-Ranges"] == "bytes"
    assert "private" in part.headers["Cache-Control"]
    full = delegate.get(url)
    assert full.status_code == 200 and full.data == whole
    assert full.headers["ETag"].strip('"') == doc.current_version.sha256
    # Download was not allowed: reading yes, the attachment no.
    assert delegate.get(url + "&download=1").status_code == 403
    assert delegate.get(f"{API}/documents/{doc.id}/file?v=9").status_code == 404


def test_a_classified_paper_is_only_watermarked_images(app, room, login, add_paper, create_user):
    doc = add_paper(room["meeting"], vietnamese_pdf(2), classification="toi_mat")
    delegate, other, sec = (login(room[n]) for n in ("delegate", "other", "secretariat"))
    for api in (delegate, sec):
        assert api.get(f"{API}/documents/{doc.id}/file").status_code == 404
    assert delegate.get(f"{API}/documents/{doc.id}/pages/1/text").status_code == 404
    listed = delegate.get(f"{API}/meetings/{room['meeting'].id}/documents").json["documents"]
    assert listed[0]["file_url"] is None and listed[0]["can_download"] is False
    url = f"{API}/documents/{doc.id}/pages/1.png?width=400"
    mine, theirs = delegate.get(url), other.get(url)
    assert mine.status_code == 200 and mine.mimetype == "image/png"
    assert "no-store" in mine.headers["Cache-Control"]
    assert mine.data != theirs.data  # each image names its viewer
    clean = Image.open(io.BytesIO((storage.cache_dir(doc.current_version.sha256)
                                   / "1-1024.png").read_bytes())).convert("RGB")
    marked = Image.open(io.BytesIO(mine.data)).convert("RGB")
    assert marked.size == clean.size == (1024, clean.size[1])  # 400 rounds up to a drawn size
    # The watermark's red shows up over the white page.
    reds = sum(1 for r, g, b in marked.get_flattened_data() if r > g + 30 and r > b + 30)
    assert reds > 500


def test_page_images_are_drawn_once_per_width_and_thumbnails_are_small(app, room, login,
                                                                       add_paper):
    doc = add_paper(room["meeting"], vietnamese_pdf(2))
    delegate = login(room["delegate"])
    drawn = sorted(p.name for p in storage.cache_dir(doc.current_version.sha256).iterdir())
    assert drawn == [f"{n}-{w}.png" for n in (1, 2) for w in (1024, 160, 2048)]
    thumb = delegate.get(f"{API}/documents/{doc.id}/pages/2.webp?width=100")
    assert thumb.status_code == 200 and thumb.mimetype == "image/png"  # stored as PNG
    assert Image.open(io.BytesIO(thumb.data)).size[0] == 160
    assert "private" in thumb.headers["Cache-Control"]
    assert delegate.get(f"{API}/documents/{doc.id}/pages/3.png").status_code == 404
    assert delegate.get(f"{API}/documents/{doc.id}/pages/0.png").status_code == 404
    assert delegate.get(f"{API}/documents/{doc.id}/pages/1.png?width=abc").status_code == 200
    text = delegate.get(f"{API}/documents/{doc.id}/pages/2/text").json
    assert "lần thứ 2" in text["text"]


def test_read_receipts_reach_the_secretariat(app, room, login, add_paper):
    doc = add_paper(room["meeting"], simple_pdf(3))
    delegate, sec = login(room["delegate"]), login(room["secretariat"])
    base = f"{API}/documents/{doc.id}/receipts"
    assert delegate.post(f"{base}/open").status_code == 204
    assert delegate.post(f"{base}/pages", {"page": 2}).status_code == 204
    assert delegate.post(f"{base}/pages", {"pages": [1, 3]}).status_code == 204
    assert delegate.post(f"{base}/pages", {"page": 4}).status_code == 400
    assert delegate.post(f"{base}/pages", {"page": "1"}).status_code == 400
    rows = {r["user_id"]: r for r in sec.get(base).json["receipts"]}
    assert rows[room["delegate"].id]["pages_viewed"] == [1, 2, 3]
    assert rows[room["delegate"].id]["opened"] is True
    assert rows[room["other"].id]["opened"] is False  # listed: a recipient who has not read
    assert room["outsider"].id not in rows
    page = sec.page(f"/documents/{doc.id}/receipts").get_data(as_text=True)
    assert room["delegate"].full_name in page and "3 / 3" in page


def test_the_secretariat_pages_work(app, room, login, add_paper):
    sec = login(room["secretariat"])
    meeting = room["meeting"]
    page = sec.page(f"/meetings/{meeting.id}/documents")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.get_data(
        as_text=True)
    form = {"csrf_token": sec.token, "file": (io.BytesIO(simple_pdf(2)), "to-trinh.pdf"),
            "title": "Tờ trình", "kind": "to_trinh", "classification": "thuong", "to_all": "1"}
    response = isolated(sec.client.post, f"/meetings/{meeting.id}/documents", data=form,
                        content_type="multipart/form-data", headers={"Accept": "text/html"})
    assert response.status_code == 302
    doc = db.session.query(Document).one()
    assert doc.title == "Tờ trình" and doc.kind == "to_trinh"
    assert sec.form(f"/documents/{doc.id}/status", {"status": "published"}).status_code == 302
    db.session.refresh(doc)
    assert doc.status == "published"
    edit = sec.page(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert "Tờ trình" in edit
    refused = isolated(sec.client.post, f"/meetings/{meeting.id}/documents",
                       data={"csrf_token": sec.token, "file": (io.BytesIO(b""), "x.pdf")},
                       content_type="multipart/form-data",
                       headers={"Accept": "text/html", "Referer": "/x"})
    # The file is checked by a job (inline here): back to the papers, with the reason on top.
    assert refused.status_code == 302
    assert "Tệp rỗng" in sec.page(refused.headers["Location"]).get_data(as_text=True)

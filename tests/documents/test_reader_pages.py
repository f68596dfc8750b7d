"""The reader's pages: what the tablet is given, and what it is never given."""

import json
import re

import pytest

from tests.conftest import members_of
from tests.documents.reader_support import make_paper


@pytest.fixture
def room(create_meeting, create_user):
    meeting = create_meeting(status="published")
    return {"meeting": meeting, "a": members_of(meeting)[1], "outsider": create_user("ngoai")}


def reader_config(html):
    raw = re.search(r'<script type="application/json" id="reader-config">(.*?)</script>',
                    html, re.S).group(1)
    return json.loads(raw)


def test_the_reader_opens_a_version_by_its_own_url_with_pdfjs_from_our_origin(room, login):
    doc = make_paper(room["meeting"], kind="du_thao", pages=7)
    page = login(room["a"]).page(f"/documents/{doc.id}/read")
    html = page.get_data(as_text=True)
    config = reader_config(html)
    assert config["file_url"] == f"/api/v1/documents/{doc.id}/file?v=1"
    assert (config["page_count"], config["is_draft"], config["comments_open"]) == (7, True, True)
    assert config["pdfjs"].startswith("/static/vendor/pdfjs/")
    assert config["download_url"] is None  # download not allowed for this paper
    assert 'id="comment-form"' in html
    # The CSP forbids inline scripts: every script is a file, or JSON data.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_an_ordinary_paper_has_no_comment_form(room, login):
    doc = make_paper(room["meeting"])
    html = login(room["a"]).page(f"/documents/{doc.id}/read").get_data(as_text=True)
    assert 'id="comment-form"' not in html and reader_config(html)["is_draft"] is False


def test_the_reader_is_404_for_someone_the_paper_was_not_given_to(room, login):
    doc = make_paper(room["meeting"])
    assert login(room["outsider"]).page(f"/documents/{doc.id}/read").status_code == 404
    assert login(room["a"]).page("/documents/99999/read").status_code == 404


def test_the_meeting_page_lists_the_papers_and_loads_documents_js_first(room, login):
    make_paper(room["meeting"], title="Báo cáo chính trị")
    html = login(room["a"]).page(f"/meetings/{room['meeting'].id}").get_data(as_text=True)
    assert 'id="documents-card"' in html
    assert html.index("js/documents.js") < html.index("js/meeting.js")
    snapshot = json.loads(re.search(r'id="snapshot">(.*?)</script>', html, re.S).group(1))
    assert [d["title"] for d in snapshot["documents"]] == ["Báo cáo chính trị"]
    assert snapshot["documents"][0]["opened"] is False  # drawn with the "new" mark
    strings = json.loads(re.search(r'id="i18n">(.*?)</script>', html, re.S).group(1))
    assert strings["docs_new"] and strings["reader_presenter_on"]


def test_the_offline_worker_is_served_from_the_root_and_never_cached_stale(app):
    response = app.test_client().get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert "/api/v1/me/offline-documents" in body
    response.close()


def test_pdfjs_is_vendored_as_a_javascript_module(app):
    # Module scripts and workers are refused unless served as JavaScript.
    for name in ("pdf.min.mjs", "pdf.worker.min.mjs"):
        response = app.test_client().get(f"/static/vendor/pdfjs/{name}")
        assert response.status_code == 200, f"{name} missing: run `npm run vendor`"
        assert response.mimetype == "text/javascript"
        response.close()

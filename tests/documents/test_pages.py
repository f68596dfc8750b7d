"""Page images: drawn by a worker at upload, within limits; a request only reads a file."""

import io
import time

from PIL import Image
from sqlalchemy import select

from meeting.core.jobs import Job
from meeting.documents import storage
from meeting.documents.pages import WIDTHS
from meeting.extensions import db
from tests.documents.conftest import simple_pdf
from tests.documents.hostile_files import sliver_page, transparency_groups
from tests.helpers import run_queued

API = "/api/v1"
PLACEHOLDER_GREY = (236, 239, 243)


def _is_placeholder(data: bytes) -> bool:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.getpixel((2, 2)) == PLACEHOLDER_GREY


def test_no_request_draws_a_page_a_worker_does(app, room, login, add_paper):
    app.config["JOBS_INLINE"] = False
    doc = add_paper(room["meeting"], simple_pdf(2))
    delegate = login(room["delegate"])
    url = f"{API}/documents/{doc.id}/pages/1.png?width=1024"
    waiting = delegate.get(url)
    assert waiting.status_code == 404 and waiting.headers["Retry-After"] == "2"
    assert "đang được chuẩn bị" in waiting.json["error"]
    job = db.session.scalar(select(Job).where(Job.kind == "documents.draw"))
    assert job.state == "queued"
    assert run_queued(app) == 1
    drawn = delegate.get(url)
    assert drawn.status_code == 200 and Image.open(io.BytesIO(drawn.data)).size[0] == 1024


def test_a_page_too_costly_to_draw_gets_a_placeholder_in_bounded_time(app, room, login,
                                                                      add_paper):
    app.config["DOCUMENT_PAGE_SECONDS"] = 2
    started = time.monotonic()
    doc = add_paper(room["meeting"], transparency_groups(8))  # ~12 s a drawing here
    assert time.monotonic() - started < 20
    job = db.session.scalar(select(Job).where(Job.kind == "documents.draw"))
    assert job.state == "done" and job.result["placeholders"] == [1]
    page = login(room["delegate"]).get(f"{API}/documents/{doc.id}/pages/1.png?width=2048")
    assert page.status_code == 200 and _is_placeholder(page.data)
    # The file itself is kept: pdf.js draws the page on the tablet, in its own time.
    assert storage.file_path(doc.current_version.file).exists()


def test_a_page_of_absurd_shape_gets_a_placeholder_not_an_error(app, room, login, add_paper):
    doc = add_paper(room["meeting"], sliver_page())
    delegate = login(room["delegate"])
    for width in (100, *WIDTHS):
        page = delegate.get(f"{API}/documents/{doc.id}/pages/1.png?width={width}")
        assert page.status_code == 200 and _is_placeholder(page.data)


def test_a_classified_page_is_marked_from_the_stored_image(app, room, login, add_paper):
    doc = add_paper(room["meeting"], simple_pdf(1), classification="mat")
    stored = storage.cache_dir(doc.current_version.sha256) / "1-1024.png"
    before = stored.stat().st_mtime_ns
    page = login(room["delegate"]).get(f"{API}/documents/{doc.id}/pages/1.png?width=1024")
    assert page.status_code == 200
    assert stored.stat().st_mtime_ns == before  # composited over, never redrawn


def test_text_past_the_index_limit_is_kept_but_not_searched_and_the_secretariat_is_told(
        app, room, login, add_paper):
    from tests.documents.conftest import vietnamese_pdf

    app.config["DOCUMENT_INDEX_MAX_CHARS"] = 150  # a page of the test paper holds more
    doc = add_paper(room["meeting"], vietnamese_pdf(3))
    version = doc.current_version
    assert version.indexed_pages is not None and version.indexed_pages < 3
    assert all(p.folded == "" for p in version.pages[version.indexed_pages:])
    assert all(p.text for p in version.pages)  # the text itself is kept
    edit = login(room["secretariat"]).page(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert "quá dài để lập chỉ mục" in edit

"""Papers in a real browser: publish, see it arrive live, open, annotate, comment.

The secretariat uploads a draft resolution and publishes it from the papers page; the
delegate's tablet, open on the meeting, shows it at once with the "new" mark. The
delegate opens it (pdf.js draws the first page), draws with a finger-like pointer, writes
a note, selects a passage and comments on it; after a reload everything is still there,
because it is stored on the server. Screenshots at 1024×768 and 800×1280.
"""

import re
from pathlib import Path

import pytest

from tests.browser.test_delegate_flow import log_in, shot, shot_of, today_meeting_id, wait_live

pytestmark = pytest.mark.browser

LIVE_MS = 5_000
DRAW_MS = 15_000  # pdf.js loading its worker and drawing the first page


def make_pdf(path: Path, pages=6):
    """A short draft in Vietnamese, made with WeasyPrint like the app's own papers."""
    from weasyprint import HTML

    body = "".join(
        f"<section style='page-break-after: always'><h1>Dự thảo Nghị quyết — trang {n}</h1>"
        f"<p>Thu ngân sách tăng 15% so với cùng kỳ; đẩy mạnh chuyển đổi số trong các cơ quan "
        f"Đảng, xây dựng phòng họp không giấy.</p></section>" for n in range(1, pages + 1))
    HTML(string=f"<html><body style='font-size: 15pt'>{body}</body></html>").write_pdf(path)
    return path


def publish_draft(office, base_url, meeting_id, pdf, title, kind="du_thao",
                  classification="thuong"):
    office.goto(f"{base_url}/meetings/{meeting_id}/documents")
    office.set_input_files("#file", str(pdf))
    office.fill("#title", title)
    office.select_option("#kind", kind)
    office.select_option("#classification", classification)
    office.click("form.doc-upload button[type=submit]")
    office.wait_for_url(re.compile(r"/documents/\d+/edit$"))
    office.click("button[name=status][value=published]")
    return int(re.search(r"/documents/(\d+)/edit", office.url).group(1))


def test_a_published_draft_reaches_the_tablet_and_is_annotated(
        live_server, new_context, screenshot_dir, tmp_path):
    from playwright.sync_api import expect

    delegate = log_in(new_context(), live_server, "daibieu01")
    meeting_id = today_meeting_id(delegate)
    delegate.goto(f"{live_server}/meetings/{meeting_id}")
    wait_live(delegate)
    name = delegate.locator(".topbar .who").inner_text()
    papers = delegate.locator("#documents .tab-doc")
    before = papers.count()

    office = log_in(new_context(), live_server, "thuky")
    title = "Dự thảo Nghị quyết về chuyển đổi số"
    doc_id = publish_draft(office, live_server, meeting_id, make_pdf(tmp_path / "du-thao.pdf"),
                           title)

    # The tablet shows the paper without a reload, marked new.
    arrived = delegate.locator(f"#documents .tab-doc[data-id='{doc_id}']")
    expect(arrived).to_be_visible(timeout=LIVE_MS)
    expect(papers).to_have_count(before + 1)
    expect(arrived.locator(".badge-new")).to_be_visible()
    shot_of(delegate, delegate.locator("#documents-card"), screenshot_dir,
            "reader-tablet-list-1024x768.png")

    # Opening it draws the first page with pdf.js.
    arrived.locator("a").click()
    delegate.wait_for_url(f"{live_server}/documents/{doc_id}/read")
    expect(delegate.locator("#page-canvas")).to_be_visible(timeout=DRAW_MS)
    expect(delegate.locator("#page-input")).to_have_value("1")
    expect(delegate.locator("#page-count")).to_have_text("6")
    delegate.click("#next-page")
    expect(delegate.locator("#page-input")).to_have_value("2")
    expect(delegate.locator("#text-layer span", has_text="Dự thảo Nghị quyết")).to_have_count(1)

    # Draw a stroke across the page, the way a finger would.
    delegate.click("button[data-tool=ink]")
    box = delegate.locator("#stage").bounding_box()
    delegate.mouse.move(box["x"] + 60, box["y"] + 200)
    delegate.mouse.down()
    for step in range(1, 12):
        delegate.mouse.move(box["x"] + 60 + step * 20, box["y"] + 200 + step * 6)
    delegate.mouse.up()
    expect(delegate.locator("#overlay polyline.mark-ink")).to_have_count(1)

    # A private note where the delegate taps.
    delegate.click("button[data-tool=note]")
    delegate.mouse.click(box["x"] + 100, box["y"] + 120)
    delegate.fill("#note-text", "Hỏi lại con số 15%")
    delegate.click("#note-editor button[type=submit]")
    expect(delegate.locator("#pins .pin")).to_have_count(1)
    expect(delegate.locator("#page-notes")).to_contain_text("Hỏi lại con số 15%")

    # Select a passage from the text layer and comment on it.
    delegate.click("button[data-tool=read]")
    delegate.evaluate("""() => {
        const span = [...document.querySelectorAll('#text-layer span')]
            .find((s) => s.textContent.includes('Thu ngân sách'));
        const range = document.createRange();
        range.selectNodeContents(span);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
    }""")
    delegate.click("#sel-comment")
    expect(delegate.locator("#comment-quote")).to_contain_text("Thu ngân sách")
    delegate.fill("#comment-text", "Đề nghị ghi rõ căn cứ tính mức tăng 15%.")
    delegate.click("#comment-form button[type=submit]")
    comment = delegate.locator("#comments .comment-item")
    expect(comment).to_have_count(1)
    expect(comment).to_contain_text("Đề nghị ghi rõ căn cứ")
    expect(comment.locator(".quote")).to_contain_text("Thu ngân sách")
    shot(delegate, screenshot_dir, "reader-1024x768.png")

    # Stored on the server: a reload (or another device) shows the same marks.
    delegate.goto(f"{live_server}/documents/{doc_id}/read#page=2")
    expect(delegate.locator("#overlay polyline.mark-ink")).to_have_count(1, timeout=DRAW_MS)
    expect(delegate.locator("#pins .pin")).to_have_count(1)
    expect(delegate.locator("#comments .comment-item")).to_have_count(1)

    # The secretariat's summary lists the comment under the paper.
    office.goto(f"{live_server}/meetings/{meeting_id}/comments")
    summary = office.locator(f".summary-paper[aria-labelledby='paper-{doc_id}']")
    expect(summary).to_contain_text(title)
    expect(summary).to_contain_text("Đề nghị ghi rõ căn cứ")

    # The reader reported the opening and the pages looked at (read receipts).
    office.goto(f"{live_server}/documents/{doc_id}/receipts")
    opened = office.locator("tr.doc-opened", has_text=name)
    expect(opened).to_be_visible()
    expect(opened).to_contain_text("/ 6")

    # An upright tablet: the page first, the tools still in reach.
    upright = log_in(new_context(800, 1280), live_server, "daibieu01")
    upright.goto(f"{live_server}/documents/{doc_id}/read#page=2")
    expect(upright.locator("#pins .pin")).to_have_count(1, timeout=DRAW_MS)
    shot(upright, screenshot_dir, "reader-800x1280.png")


def cached_papers(page):
    """The paths the offline worker keeps for papers."""
    return page.evaluate("""async () => {
        const cache = await caches.open('papers-v1');
        return (await cache.keys()).map((r) => new URL(r.url).pathname);
    }""")


def test_papers_stay_readable_offline_until_withdrawn(
        live_server, new_context, screenshot_dir, tmp_path):
    from playwright.sync_api import expect

    office = log_in(new_context(), live_server, "thuky")
    context = new_context()
    delegate = log_in(context, live_server, "daibieu02")
    meeting_id = today_meeting_id(delegate)
    pdf = make_pdf(tmp_path / "bao-cao.pdf", pages=3)
    plain = publish_draft(office, live_server, meeting_id, pdf, "Báo cáo kinh tế - xã hội",
                          kind="bao_cao")
    secret = publish_draft(office, live_server, meeting_id, pdf, "Báo cáo an ninh",
                           kind="bao_cao", classification="mat")

    delegate.goto(f"{live_server}/meetings/{meeting_id}")
    wait_live(delegate)
    expect(delegate.locator("#offline-ready")).to_be_visible(timeout=DRAW_MS)
    kept = cached_papers(delegate)
    assert f"/documents/{plain}/read" in kept and f"/api/v1/documents/{plain}/file" in kept
    assert not [path for path in kept if f"/documents/{secret}/" in path]

    # The Wi-Fi drops: the ordinary paper still opens and draws; the classified one does not.
    context.set_offline(True)
    delegate.goto(f"{live_server}/documents/{plain}/read#page=2")
    expect(delegate.locator("#page-canvas")).to_be_visible(timeout=DRAW_MS)
    expect(delegate.locator("#page-input")).to_have_value("2")
    expect(delegate.locator("#conn.conn-offline")).to_be_visible()
    with pytest.raises(Exception, match="ERR_"):
        delegate.goto(f"{live_server}/documents/{secret}/read")

    # Back online, the secretariat withdraws the paper: the tablet drops its copy.
    context.set_offline(False)
    delegate.goto(f"{live_server}/meetings/{meeting_id}")
    wait_live(delegate)
    office.goto(f"{live_server}/documents/{plain}/edit")
    office.click("button[name=status][value=unpublished]")
    expect(delegate.locator(f"#documents .tab-doc[data-id='{plain}']")).to_have_count(
        0, timeout=LIVE_MS)
    delegate.wait_for_function(
        """async (id) => {
            const cache = await caches.open('papers-v1');
            return !(await cache.keys()).some((r) => r.url.includes('/documents/' + id + '/'));
        }""", arg=plain, timeout=LIVE_MS)


def test_a_delegate_follows_the_presenters_page(live_server, new_context, tmp_path):
    from playwright.sync_api import expect

    office = log_in(new_context(), live_server, "thuky")
    delegate = log_in(new_context(800, 1280), live_server, "daibieu03")
    meeting_id = today_meeting_id(delegate)
    doc_id = publish_draft(office, live_server, meeting_id, make_pdf(tmp_path / "tt.pdf"),
                           "Tờ trình về kế hoạch năm 2027", kind="to_trinh")
    delegate.goto(f"{live_server}/documents/{doc_id}/read")
    expect(delegate.locator("#page-canvas")).to_be_visible(timeout=DRAW_MS)
    delegate.click("#follow")
    expect(delegate.locator("#follow")).to_have_attribute("aria-pressed", "true")
    expect(delegate.locator("#conn.conn-online")).to_be_visible(timeout=LIVE_MS)

    chair = log_in(new_context(), live_server, "bithu")
    chair.goto(f"{live_server}/documents/{doc_id}/read")
    expect(chair.locator("#page-canvas")).to_be_visible(timeout=DRAW_MS)
    chair.click("#present")
    for _ in range(3):
        chair.click("#next-page")
    expect(chair.locator("#page-input")).to_have_value("4")
    expect(delegate.locator("#page-input")).to_have_value("4", timeout=LIVE_MS)
    expect(delegate.locator("#presenter-banner")).to_contain_text("4")

    # Not following: the delegate stays on their page and only sees where the presenter is.
    delegate.click("#follow")
    chair.click("#next-page")
    expect(delegate.locator("#presenter-banner")).to_contain_text("5", timeout=LIVE_MS)
    expect(delegate.locator("#page-input")).to_have_value("4")

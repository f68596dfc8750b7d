"""The PDF core: Vietnamese text survives, the fetcher refuses anything but static files."""

import base64
import io
import logging
import os
from datetime import date

import pytest
from PIL import Image

from meeting.papers import fonts
from meeting.papers.fetcher import RefusedURL, StaticOnlyFetcher
from meeting.papers.layout import date_line, number_line, party_header
from meeting.papers.pdf import render_html, render_pdf
from tests.papers.pdftext import pdf_pages, pdf_text

VIETNAMESE = "Nghị quyết về công tác xây dựng Đảng: ưu tiên, đổi mới, Hỏa tốc, Tuyệt mật"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 0, 0)).save(out, "PNG")
    return out.getvalue()


def test_vietnamese_text_renders_and_extracts(app):
    pdf = render_pdf("papers/_party.html", **party_header(
        "BB", 7, date(2026, 2, 5), doc_type="Biên bản", summary=VIETNAMESE,
        signers=[{"on_behalf": "T/M Ban Thường vụ", "position": "Bí thư",
                  "name": "Nguyễn Thị Ánh Tuyết"}],
        recipients=["Lưu Văn phòng Tỉnh ủy"]))
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in (VIETNAMESE, "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH HÒA BÌNH",
                     "Số 7-BB/TU", "Hòa Bình, ngày 05 tháng 02 năm 2026", "BIÊN BẢN",
                     "T/M BAN THƯỜNG VỤ", "Nguyễn Thị Ánh Tuyết", "Nơi nhận:"):
        assert expected in text


def test_user_text_is_escaped(app):
    html = render_html("papers/_party.html", summary='<img src="http://evil/x">')
    assert "<img" not in html and "&lt;img" in html


def test_page_numbers_start_on_page_two(app):
    html = render_html("papers/_party.html", pdf=True)
    body = "".join(f"<p>Đoạn {i} của biên bản.</p>" for i in range(120))
    html = html.replace('<main class="body">', '<main class="body">' + body)
    from meeting.papers.pdf import html_to_pdf

    pages = pdf_pages(html_to_pdf(html))
    assert len(pages) >= 3
    # Margin boxes come last in the page's text.
    last_lines = [page.split()[-1] for page in pages]
    assert last_lines[0] != "1"
    assert last_lines[1:3] == ["2", "3"]


def test_number_and_date_line_format():
    assert number_line(12, "BB", "TU") == "Số 12-BB/TU"
    blank = number_line(None, "GM", "TU")
    assert blank.startswith("Số ") and blank.endswith("-GM/TU")
    assert date_line("Hòa Bình", date(2026, 11, 25)) == "Hòa Bình, ngày 25 tháng 11 năm 2026"
    assert date_line("Hòa Bình", date(2026, 3, 1)) == "Hòa Bình, ngày 01 tháng 3 năm 2026"


@pytest.fixture
def static(tmp_path):
    root = tmp_path / "static"
    (root / "img").mkdir(parents=True)
    (root / "img" / "dot.png").write_bytes(_png())
    (tmp_path / "secret.txt").write_text("secret")
    return root


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x.png", "https://example.org/a.css", "ftp://host/file",
    "file:///etc/passwd", "file://otherhost/static/img/dot.png",
])
def test_fetcher_refuses_network_and_foreign_files(static, url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher(static).fetch(url)


def test_fetcher_refuses_traversal_and_symlinks(static):
    fetcher = StaticOnlyFetcher(static)
    with pytest.raises(RefusedURL):
        fetcher.fetch(static.as_uri() + "/../secret.txt")
    with pytest.raises(RefusedURL):
        fetcher.fetch(static.as_uri() + "/img/%2e%2e/%2e%2e/secret.txt")
    os.symlink(static.parent / "secret.txt", static / "img" / "link.png")
    with pytest.raises(RefusedURL):
        fetcher.fetch((static / "img" / "link.png").as_uri())


def test_fetcher_serves_static_image_and_data_urls(static):
    fetcher = StaticOnlyFetcher(static)
    response = fetcher.fetch((static / "img" / "dot.png").as_uri())
    assert response.read() == _png() and response.content_type == "image/png"
    data = "data:image/png;base64," + base64.b64encode(_png()).decode()
    assert fetcher.fetch(data).read() == _png()


def test_refused_url_is_not_embedded_in_the_pdf(app, tmp_path):
    from weasyprint import HTML

    static = tmp_path / "static"
    static.mkdir()
    (static / "dot.png").write_bytes(_png())
    fetcher = StaticOnlyFetcher(static)

    def images(src):
        pdf = HTML(string=f'<img src="{src}">', base_url=static.as_uri() + "/",
                   url_fetcher=fetcher).write_pdf()
        return pdf.count(b"/Subtype /Image")

    assert images("dot.png") == 1
    assert images("file:///etc/passwd") == 0
    assert images("http://127.0.0.1:9/dot.png") == 0


def test_font_fallback_logs_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="meeting.papers.fonts"):
        assert fonts.choose_font({"times new roman", "dejavu serif"}) == "Times New Roman"
        assert not caplog.records
        assert fonts.choose_font({"liberation serif", "dejavu serif"}) == "Liberation Serif"
        assert fonts.choose_font({"tinos"}) == "Tinos"
        assert fonts.choose_font({"dejavu serif"}) == "DejaVu Serif"
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3
    assert "fonts-liberation" in messages[-1]


def test_installed_font_is_found_by_fontconfig():
    # This machine has at least DejaVu; the chosen family must be one fontconfig lists.
    families = fonts.installed_families()
    assert fonts.choose_font(families).lower() in families

"""The yearly IT report: the demo year's PDF states the seed's figures; frozen years stay put."""

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.demo import load_registry_demo
from meeting.registry.freeze import freeze_year, unfreeze_year
from meeting.registry.report import change, over, render_report_pdf, since
from tests.helpers import actions, refused

TODAY = date(2026, 11, 25)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with line breaks and hyphen-free wrapping folded into single spaces."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_phrasing_of_figures_and_dates():
    assert over(224) == "trên 220" and over(220) == "220" and over(7) == "7"
    assert over(87, 5) == "trên 85"
    assert since("2017-01-01", "quarter") == "quý I/2017"
    assert since("2021-07-01", "quarter") == "quý III/2021"
    assert since("2018-07-01", "month") == "tháng 7/2018"
    assert since("2008-01-01", "year") == "năm 2008"
    assert change(12, "đơn vị") == "tăng 12 đơn vị" and change(-3) == "giảm 3"
    assert change(7.5, points=True) == "tăng 7,5 điểm phần trăm"
    assert change(0) == "không thay đổi"


def test_the_demo_years_report_states_the_seeds_figures(app):
    year = load_registry_demo(TODAY)
    text = pdf_text(render_report_pdf(year, TODAY))
    for phrase in (
        "ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY HÒA BÌNH", "-BC/TU",
        f"Tình hình ứng dụng công nghệ thông tin năm {year}",
        "Hệ thống mạng đã kết nối trên 220 cơ quan, đơn vị",
        "37 máy chủ, 509 máy trạm, 113 máy xách tay",
        "không kết nối mạng máy tính nội bộ với mạng Internet",
        "Lotus Notes", "trên 85% số lượng văn bản (trừ văn bản mật)",
        "VNPT-iOffice", "Từ tháng 7/2018", "Từ quý I/2017", "Từ quý III/2021",
        "đã cấp 44 chứng thư số cho cơ quan, tổ chức", "Có 173 chứng thư số cho cá nhân",
        "Hệ thống Hội nghị truyền hình trực tuyến",
        "kết nối điểm cầu Tỉnh ủy và 12 điểm cầu", "phòng họp không giấy tờ",
        "Tòa soạn điện tử", "So với mục tiêu 90%",
        "chưa sử dụng Phần mềm quản lý và điều hành văn bản VNPT",
        "chưa gửi qua môi trường mạng", "chưa chủ động bố trí kinh phí",
    ):
        assert phrase in text, phrase
    # The year before is stated beside each headline figure.
    assert f"năm {year - 1}: 25 máy chủ" in text


def test_a_frozen_year_regenerates_identically_after_the_data_changed(app, create_user):
    year = load_registry_demo(TODAY)
    officer = create_user("cntt", roles=["it_officer"])
    row = freeze_year(officer, year, TODAY)
    assert row.figures["devices"]["by_kind"]["server"] == 37
    assert actions()[-1] == "registry.report.freeze"
    before = pdf_text(render_report_pdf(year, TODAY))
    unit = db.session.scalar(select(m.Device.unit_id).limit(1))
    db.session.add(m.Device(unit_id=unit, kind="server", serial="NEW-1",
                            commissioned_on=date(year, 12, 1)))
    db.session.commit()
    assert pdf_text(render_report_pdf(year, date(2027, 3, 1))) == before
    refused(Conflict, freeze_year, officer, year, TODAY)
    unfreeze_year(officer, year)
    assert "38 máy chủ, 509 máy trạm" in pdf_text(render_report_pdf(year, TODAY))
    assert actions()[-1] == "registry.report.unfreeze"


def test_only_registry_administrators_freeze(app, create_user):
    delegate = create_user(roles=["delegate"])
    refused(Forbidden, freeze_year, delegate, 2025)
    refused(NotFound, unfreeze_year, None, 2025)
    refused(OperationError, freeze_year, None, 1800)
    refused(OperationError, freeze_year, None, date.today().year + 1)


def test_the_docx_says_what_the_pdf_says(app, create_user, login):
    from docx import Document

    year = load_registry_demo(TODAY)
    api = login(create_user("cntt", roles=["it_officer"]))
    response = api.page(f"/registry/reports/{year}.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.data))
    text = " ".join(p.text for p in doc.paragraphs)
    cells = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO" in text and f"công nghệ thông tin năm {year}" in text
    assert "37 máy chủ, 509 máy trạm, 113 máy xách tay" in text
    assert "đã cấp 44 chứng thư số" in text and "Có 173 chứng thư số" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells and "-BC/TU" in cells and "Nơi nhận:" in cells
    assert "Hệ thống phòng họp không giấy tờ" in cells  # the systems table

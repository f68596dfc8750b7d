"""Each paper from the meeting's own data, in the Party layout, numbered per kind and term."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from meeting.core.errors import Conflict, Forbidden
from meeting.core.models import AuditEntry
from meeting.core.time import to_local
from meeting.extensions import db
from meeting.papers import issue, minutes
from meeting.papers.layout import date_line
from meeting.papers.models import IssuedPaper
from meeting.papers.storage import load
from tests.conftest import members_of
from tests.papers.pdftext import pdf_pages, pdf_text

TITLES = {"invitation": "GIẤY MỜI", "agenda": "CHƯƠNG TRÌNH", "minutes": "BIÊN BẢN",
          "notice": "THÔNG BÁO KẾT LUẬN"}
CODES = {"invitation": "GM", "agenda": "CTr", "minutes": "BB", "notice": "TB"}


def _approve(meeting, conclusions="Thống nhất thông qua các nội dung."):
    minutes.save_minutes(None, meeting, conclusions=conclusions, secretary_name="Lê Văn Bình",
                         notes={str(meeting.items[0].id): "Ý kiến thảo luận về nội dung 1."}
                         if meeting.items else None)
    minutes.approve_minutes(None, meeting)


def _header_checks(text, meeting, number_line):
    assert "ĐẢNG BỘ TỈNH HÒA BÌNH" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert number_line in text
    assert date_line("Hòa Bình", to_local(meeting.start_dt).date()) in text


@pytest.mark.parametrize("kind", ["invitation", "agenda", "minutes", "notice"])
def test_each_paper_has_the_party_header_number_date_and_title(held_meeting, kind):
    meeting = held_meeting
    _approve(meeting)
    paper = issue.issue_paper(None, meeting, kind)
    assert paper.number == 1
    data = load(paper.path, paper.sha256)
    text = pdf_text(data)
    _header_checks(text, meeting, f"Số 1-{CODES[kind]}/TU")
    assert TITLES[kind] in text
    assert meeting.title in text
    assert paper.pages == len(pdf_pages(data))


def test_minutes_are_filled_in_from_the_data(held_meeting):
    meeting = held_meeting
    _approve(meeting)
    text = pdf_text(issue.build_pdf(meeting, "minutes", 3))
    people = members_of(meeting)
    assert "Tổng số ủy viên: 6; có mặt: 4;" in " ".join(text.split())
    for person in people:
        assert person.full_name in text  # the attendance table lists every member
    assert "Vắng mặt" in text and "Nội dung 1" in text and "Nội dung 3" in text
    assert f"Ý kiến phát biểu: {people[1].full_name}, {people[2].full_name}" in text
    assert "Ý kiến thảo luận về nội dung 1." in text
    assert "Thống nhất thông qua các nội dung." in text
    assert "THƯ KÝ HỘI NGHỊ" in text and "Lê Văn Bình" in text


def test_numbers_count_per_kind_within_the_term(held_meeting, create_meeting):
    _approve(held_meeting)
    numbers = [issue.issue_paper(None, held_meeting, k).number
               for k in ("invitation", "invitation", "agenda", "invitation")]
    assert numbers == [1, 2, 1, 3]
    # Another meeting of the same body and term continues the count.
    other = create_meeting(status="published", body=held_meeting.body)
    assert issue.issue_paper(None, other, "invitation").number == 4
    # A new term restarts it.
    from meeting.meetings import operations

    operations.create_term(None, held_meeting.body, label="XVIII",
                           start_date=held_meeting.term.start_date.replace(year=2030))
    fresh = create_meeting(status="published", body=held_meeting.body,
                           chair=held_meeting.chair)
    assert fresh.term_id != held_meeting.term_id
    assert issue.issue_paper(None, fresh, "invitation").number == 1


def test_a_taken_number_is_refused_by_the_database(held_meeting):
    first = issue.issue_paper(None, held_meeting, "agenda")
    db.session.add(IssuedPaper(kind="agenda", term_id=first.term_id, number=first.number,
                               meeting_id=held_meeting.id, sha256="0" * 64, path="x"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_number_lost_to_a_concurrent_issue_is_retried(held_meeting, monkeypatch):
    issue.issue_paper(None, held_meeting, "agenda")  # number 1 is taken
    offered = iter([1, 2])  # as if another issue had read the same maximum meanwhile
    monkeypatch.setattr(issue, "next_number", lambda term_id, kind: next(offered))
    assert issue.issue_paper(None, held_meeting, "agenda").number == 2


def test_issue_is_audited_and_the_file_hash_recorded(held_meeting, secretariat):
    paper = issue.issue_paper(secretariat, held_meeting, "invitation")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "paper.issue"))
    assert entry.user_id == secretariat.id and entry.after["number"] == paper.number
    assert load(paper.path, paper.sha256).startswith(b"%PDF-")


def test_minutes_and_notice_wait_for_approval(held_meeting):
    for kind in ("minutes", "notice"):
        with pytest.raises(Conflict):
            issue.issue_paper(None, held_meeting, kind)
    assert db.session.scalar(select(IssuedPaper.id)) is None


def test_only_the_secretariat_issues(held_meeting):
    chair = held_meeting.chair
    with pytest.raises(Forbidden):
        issue.issue_paper(chair, held_meeting, "invitation")


def test_an_empty_meeting_still_yields_valid_papers(app):
    """No members, no chair, no agenda, no room: every paper still renders."""
    from datetime import date, datetime

    from meeting.meetings import operations

    body = operations.create_body(None, code="BTV", name="Ban Thường vụ Tỉnh ủy")
    operations.create_term(None, body, label="XVII", start_date=date(2020, 10, 1))
    meeting = operations.create_meeting(None, body=body, title="Hội nghị trống",
                                        start_dt=datetime(2026, 3, 2, 1, 0),
                                        end_dt=datetime(2026, 3, 2, 2, 0), room="",
                                        chair_id=None)
    # A meeting with no agenda cannot be published, so it stays a draft: its drafts of
    # every paper render, and invitation and agenda can already be issued.
    for kind in ("invitation", "agenda", "minutes", "notice"):
        text = pdf_text(issue.build_pdf(meeting, kind))
        assert TITLES[kind] in text and f"-{CODES[kind]}/TU" in text
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ngày 02 tháng 3 năm 2026" in text
    for kind in ("invitation", "agenda"):
        paper = issue.issue_paper(None, meeting, kind)
        assert f"Số 1-{CODES[kind]}/TU" in pdf_text(load(paper.path, paper.sha256))


def test_user_text_cannot_inject_markup(held_meeting):
    minutes.save_minutes(None, held_meeting,
                         conclusions='<img src="file:///etc/passwd"><b>đậm</b>')
    html = issue.build_html(held_meeting, "minutes")
    assert "<img src=" not in html and "&lt;b&gt;đậm&lt;/b&gt;" in html
    assert "<b>đậm</b>" in pdf_text(issue.build_pdf(held_meeting, "minutes"))


def test_huge_minutes_still_render(held_meeting):
    """About 300 pages of minutes: long free text on every item."""
    paragraph = ("Đồng chí Bí thư phát biểu chỉ đạo về công tác xây dựng Đảng, nhấn mạnh "
                 "yêu cầu đổi mới phương thức lãnh đạo và nâng cao chất lượng sinh hoạt. ") * 6
    long_text = "\n".join([paragraph] * 190)  # ~170 000 characters, under the field limit
    notes = {str(item.id): long_text for item in held_meeting.items}
    minutes.save_minutes(None, held_meeting, notes=notes, opening=long_text,
                         conclusions=long_text)
    pages = pdf_pages(issue.build_pdf(held_meeting, "minutes"))
    assert len(pages) >= 280
    assert pages[-1].split()[-1] == str(len(pages))  # numbered to the end

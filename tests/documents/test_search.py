"""Search: diacritics folded, snippets highlighted in the original, only papers I may see."""

from hypothesis import given
from hypothesis import strategies as st

from meeting.documents import operations as doc_ops
from meeting.documents.folding import fold, fold_with_map, snippet, terms
from meeting.documents.search import search
from meeting.meetings import operations
from tests.documents.conftest import API, vietnamese_pdf


def test_folding_drops_vietnamese_diacritics():
    assert fold("Hội nghị Ban Chấp hành ĐẢNG bộ tỉnh") == "hoi nghi ban chap hanh dang bo tinh"
    assert terms("  hội-NGHỊ, khóa XVII ") == ["hoi", "nghi", "khoa", "xvii"]
    # Decomposed input (as some PDFs produce) folds the same as composed.
    assert fold("Ho\u0323\u0302i") == "hoi"


@given(st.text(max_size=200))
def test_the_map_points_every_folded_character_at_its_source(text):
    folded, where = fold_with_map(text)
    assert len(folded) == len(where)
    assert where == sorted(where)


def test_a_snippet_marks_the_original_words():
    segments = snippet("Báo cáo về Hội nghị lần thứ 5 của Ban Chấp hành", ["hoi", "nghi"])
    assert [s["text"] for s in segments if s["hit"]] == ["Hội", "nghị"]
    assert "".join(s["text"] for s in segments) == "Báo cáo về Hội nghị lần thứ 5 của Ban Chấp hành"


def test_search_finds_papers_without_diacritics_and_only_those_i_may_see(app, room, add_paper):
    meeting, delegate = room["meeting"], room["delegate"]
    report = add_paper(meeting, vietnamese_pdf(3, "Báo cáo kinh tế"), title="Báo cáo kinh tế")
    hidden = add_paper(meeting, vietnamese_pdf(2, "Tờ trình nhân sự"), title="Tờ trình",
                       to_all=False, recipient_ids=[room["other"].id])
    draft = add_paper(meeting, vietnamese_pdf(2, "Dự thảo"), publish=False)
    found = search(delegate, "hoi nghi lan thu 2")
    assert [r["document_id"] for r in found] == [report.id]
    assert found[0]["pages"][0]["page"] == 2
    marked = [s["text"] for s in found[0]["pages"][0]["snippet"] if s["hit"]]
    assert {"Hội", "nghị", "lần", "thứ", "2"} <= set(marked)
    assert {r["document_id"] for r in search(room["other"], "bao cao")} == {report.id}
    assert {r["document_id"] for r in search(room["other"], "nhan su")} == {hidden.id}
    assert search(delegate, "nhân sự") == []
    assert search(room["outsider"], "hoi nghi") == []
    assert {r["document_id"] for r in search(room["secretariat"], "hội nghị")} == {
        report.id, hidden.id, draft.id}
    assert search(delegate, "") == [] and search(delegate, "!!!") == []
    # Operators and quotes are words, not syntax.
    assert search(delegate, 'kinh" OR te*') == []


def test_search_follows_the_current_version_and_recall(app, room, add_paper, put_file):
    meeting, delegate = room["meeting"], room["delegate"]
    doc = add_paper(meeting, vietnamese_pdf(2, "Phương án một"), classification="mat")
    assert search(delegate, "phuong an mot")
    doc_ops.replace_document(None, doc, put_file(vietnamese_pdf(2, "Phương án hai")))
    assert search(delegate, "phuong an mot") == []
    assert search(delegate, "phuong an hai")
    operations.change_status(None, meeting, "in_session")
    operations.change_status(None, meeting, "closed")
    assert search(delegate, "phuong an hai") == []


def test_search_over_http_and_on_the_page(app, room, add_paper, login):
    add_paper(room["meeting"], vietnamese_pdf(2, "Kế hoạch"), title="Kế hoạch năm")
    api = login(room["delegate"])
    results = api.get(f"{API}/documents/search?q=ke+hoach").json["results"]
    assert [r["title"] for r in results] == ["Kế hoạch năm"]
    page = api.page("/documents/search?q=ke+hoach").get_data(as_text=True)
    assert "<mark>Kế</mark>" in page and "<mark>hoạch</mark>" in page
    assert api.get(f"{API}/documents/search?q=x&meeting_id=abc").status_code == 400

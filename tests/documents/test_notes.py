"""A delegate's marks on papers and comments on drafts: the operations."""

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.documents import notes, notes_presenter
from meeting.documents.notes_models import Annotation, Comment
from meeting.documents.notes_shapes import clean_data
from meeting.documents.notes_summary import summary
from meeting.extensions import db
from meeting.meetings import operations
from tests.conftest import members_of
from tests.documents.reader_support import add_version, make_paper
from tests.helpers import english, last_entry, refused

INK = {"strokes": [[[0.1, 0.1], [0.2, 0.25], [0.3, 0.2]]], "color": "#d00000", "width": 0.004}
MARK = {"rects": [[0.1, 0.2, 0.5, 0.03]], "color": "#ffd400"}


@pytest.fixture
def room(create_meeting, create_user, secretariat):
    meeting = create_meeting(status="in_session")
    members = members_of(meeting)
    return {"meeting": meeting, "chair": meeting.chair, "a": members[1], "b": members[2],
            "secretariat": secretariat, "outsider": create_user("ngoai")}


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


# Annotations ---------------------------------------------------------------------------

def test_marks_are_stored_under_their_owner_and_audited_without_their_words(room):
    doc = make_paper(room["meeting"])
    note = notes.create_annotation(room["a"], doc, 2, "note", {"x": 0.5, "y": 0.4},
                                   "Hỏi lại số liệu trang này")
    notes.create_annotation(room["a"], doc, 2, "ink", INK)
    notes.create_annotation(room["a"], doc, 3, "highlight", MARK, "đoạn quan trọng")
    assert [(n["page_number"], n["kind"]) for n in notes.annotations_for(room["a"], doc)] == [
        (2, "note"), (2, "ink"), (3, "highlight")]
    assert notes.annotations_for(room["b"], doc) == []
    assert (note.version_number, note.page_digest) == (1, f"p{doc.id}-2")
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.meeting_id) == ("annotation.create",
                                                              room["a"].id, doc.meeting_id)
    # The audit log says where and what kind of mark, never what a private note says.
    assert "Hỏi lại" not in str([e for e in [entry.after, entry.before]])
    assert entry.after == {"document_id": doc.id, "version": 1, "page": 3, "kind": "highlight"}


@pytest.mark.parametrize("kind, data", [
    ("circle", {"x": 0.1, "y": 0.1}),
    ("highlight", {"rects": []}),
    ("highlight", {"rects": [[0.1, 0.2, 0.3]]}),
    ("highlight", {"rects": [[0.1, 0.2, 0.3, "0.4"]]}),
    ("highlight", {"rects": [[0.1, 0.2, 0.3, True]]}),
    ("highlight", {"rects": [[0.1, 0.2, 0.3, 7.0]]}),
    ("highlight", {"rects": [[0.1, 0.2, 0.3, float("nan")]]}),
    ("highlight", {"rects": [[0.1, 0.2, 0.3, 0.1]], "color": "red; x"}),
    ("ink", {"strokes": [[[0.1, 0.1]] * 6000]}),
    ("ink", {"strokes": [[]]}),
    ("ink", {"strokes": [[[0.1, 0.1], [0.2]]]}),
    ("ink", {"strokes": [[[0.1, 0.1]]], "width": 3}),
    ("note", {"x": "left", "y": 0}),
    ("note", ["x", "y"]),
])
def test_a_malformed_mark_is_refused_and_nothing_is_stored(room, kind, data):
    doc = make_paper(room["meeting"])
    refused(OperationError, notes.create_annotation, room["a"], doc, 1, kind, data, "chữ")
    assert count(Annotation) == 0


@pytest.mark.parametrize("page", [0, 6, -1, "2", 2.0, None, 2**40])
def test_a_page_the_paper_does_not_have_is_refused(room, page):
    doc = make_paper(room["meeting"], pages=5)
    exc = refused(OperationError, notes.create_annotation, room["a"], doc, page, "ink", INK)
    assert english(exc.message) == "There is no such page in this paper."


def test_a_note_needs_words_and_not_too_many(room):
    doc = make_paper(room["meeting"])
    refused(OperationError, notes.create_annotation, room["a"], doc, 1, "note",
            {"x": 0, "y": 0}, "   ")
    exc = refused(OperationError, notes.create_annotation, room["a"], doc, 1, "note",
                  {"x": 0, "y": 0}, "a" * 4001)
    assert "at most 4000" in english(exc.message)


def test_marking_an_outdated_version_asks_to_reopen_the_paper(room):
    doc = make_paper(room["meeting"], pages=3)
    add_version(doc, ["x", "y", "z"])
    exc = refused(Conflict, notes.create_annotation, room["a"], doc, 1, "ink", INK, version=1)
    assert "newer version" in english(exc.message)


def test_only_the_owner_changes_or_deletes_a_mark(room):
    doc = make_paper(room["meeting"])
    note = notes.create_annotation(room["a"], doc, 1, "note", {"x": 0.1, "y": 0.1}, "một")
    refused(NotFound, notes.update_annotation, room["b"], doc, note.id, text="hai")
    refused(NotFound, notes.delete_annotation, room["b"], doc, note.id)
    refused(NotFound, notes.update_annotation, room["a"], make_paper(room["meeting"]), note.id,
            text="sai tài liệu")
    notes.update_annotation(room["a"], doc, note.id, text="hai")
    assert db.session.get(Annotation, note.id).text == "hai"
    notes.delete_annotation(room["a"], doc, note.id)
    assert count(Annotation) == 0
    assert last_entry().action == "annotation.delete"


def test_marks_follow_unchanged_pages_to_a_new_version(room):
    doc = make_paper(room["meeting"], pages=4)
    p = [f"p{doc.id}-{i}" for i in range(1, 5)]
    for page in (1, 2, 3, 4):
        notes.create_annotation(room["a"], doc, page, "highlight", MARK, f"trên trang {page}")
    # Version 2: a cover page is inserted, page 3 is rewritten, the rest are unchanged.
    add_version(doc, ["cover", p[0], p[1], "rewritten", p[3]])
    db.session.expire_all()
    placed = {n["text"]: n for n in notes.annotations_for(room["a"], doc)}
    assert placed["trên trang 1"]["page_number"] == 2 and not placed["trên trang 1"]["stale"]
    assert placed["trên trang 2"]["page_number"] == 3
    assert placed["trên trang 4"]["page_number"] == 5
    assert placed["trên trang 3"]["stale"] and placed["trên trang 3"]["made_on_page"] == 3


def test_strangers_and_withdrawn_papers_give_not_found(room, create_meeting):
    doc = make_paper(room["meeting"])
    refused(NotFound, notes.create_annotation, room["outsider"], doc, 1, "ink", INK)
    refused(NotFound, notes.annotations_for, room["outsider"], doc)
    hidden = make_paper(room["meeting"], status="unpublished")
    refused(NotFound, notes.create_annotation, room["a"], hidden, 1, "ink", INK)
    # The secretariat sees every paper, also one not published.
    assert notes.create_annotation(room["secretariat"], hidden, 1, "ink", INK).id


def test_classified_papers_and_their_notes_are_recalled_when_the_meeting_closes(room):
    doc = make_paper(room["meeting"], classification="mat")
    notes.create_annotation(room["a"], doc, 1, "ink", INK)
    operations.change_status(None, room["meeting"], "closed")
    refused(NotFound, notes.annotations_for, room["a"], doc)


# Comments on drafts --------------------------------------------------------------------

def test_comment_on_a_passage_of_a_draft_then_edit_and_withdraw(room):
    doc = make_paper(room["meeting"], kind="du_thao")
    comment = notes.add_comment(room["a"], doc, "Đề nghị sửa số liệu", page_number=2,
                                quote="tăng 15%")
    assert (comment.page_number, comment.quote, comment.version_number) == (2, "tăng 15%", 1)
    assert last_entry().after["text"] == "Đề nghị sửa số liệu"
    notes.edit_comment(room["a"], doc, comment.id, text="Đề nghị sửa thành 12%")
    refused(NotFound, notes.edit_comment, room["b"], doc, comment.id, text="của người khác")
    refused(NotFound, notes.withdraw_comment, room["b"], doc, comment.id)
    notes.withdraw_comment(room["a"], doc, comment.id)
    exc = refused(Conflict, notes.edit_comment, room["a"], doc, comment.id, text="lại")
    assert english(exc.message) == "This comment has been withdrawn."
    assert summary(room["secretariat"], room["meeting"])[0]["comments"] == []


def test_comments_only_on_drafts_and_before_the_deadline(room):
    ordinary = make_paper(room["meeting"])
    exc = refused(Conflict, notes.add_comment, room["a"], ordinary, "Góp ý")
    assert "not a draft" in english(exc.message)
    late = make_paper(room["meeting"], kind="du_thao", deadline_in=-timedelta(minutes=1))
    exc = refused(Conflict, notes.add_comment, room["a"], late, "Góp ý muộn")
    assert english(exc.message) == "The deadline for comments on this draft has passed."
    refused(OperationError, notes.add_comment, room["a"],
            make_paper(room["meeting"], kind="du_thao"), "   ")
    assert count(Comment) == 0


def test_a_comment_cannot_be_changed_after_the_deadline(room):
    doc = make_paper(room["meeting"], kind="du_thao")
    comment = notes.add_comment(room["a"], doc, "Góp ý")
    doc.comment_deadline_dt = doc.comment_deadline_dt - timedelta(days=3)
    db.session.commit()
    refused(Conflict, notes.edit_comment, room["a"], doc, comment.id, text="sửa muộn")
    refused(Conflict, notes.withdraw_comment, room["a"], doc, comment.id)


def test_the_summary_groups_comments_by_paper_for_the_secretariat_only(room):
    first = make_paper(room["meeting"], kind="du_thao", title="Dự thảo Nghị quyết")
    second = make_paper(room["meeting"], kind="du_thao", title="Dự thảo Báo cáo")
    make_paper(room["meeting"], title="Tài liệu thường")
    notes.add_comment(room["a"], first, "Trang 3 cần sửa", page_number=3)
    notes.add_comment(room["b"], first, "Góp ý chung")
    notes.add_comment(room["b"], second, "Đồng ý", page_number=1)
    papers = summary(room["secretariat"], room["meeting"])
    assert [p["title"] for p in papers] == ["Dự thảo Nghị quyết", "Dự thảo Báo cáo"]
    # Comments on the whole paper come first, then by page.
    assert [c["text"] for c in papers[0]["comments"]] == ["Góp ý chung", "Trang 3 cần sửa"]
    refused(Forbidden, summary, room["a"], room["meeting"])


# Following the presenter ---------------------------------------------------------------

def test_only_the_chair_or_secretariat_presents(room):
    doc = make_paper(room["meeting"])
    refused(Forbidden, notes_presenter.present_page, room["a"], doc, 2)
    refused(OperationError, notes_presenter.present_page, room["chair"], doc, 99)
    assert notes_presenter.present_page(room["chair"], doc, 2)["page_number"] == 2


# Any JSON a client may send as a mark: accepted and cleaned, or refused with a message.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=6),
    max_leaves=40)
_kinds = st.sampled_from(["highlight", "ink", "note"]) | _json


@given(kind=_kinds, data=_json | st.fixed_dictionaries(
    {"rects": _json, "strokes": _json, "x": _json, "y": _json, "color": _json, "width": _json}))
@settings(max_examples=300, deadline=None)
def test_any_posted_shape_is_cleaned_or_refused_never_a_crash(kind, data):
    try:
        cleaned = clean_data(kind, data)
    except OperationError:
        return
    assert kind in ("highlight", "ink", "note") and isinstance(cleaned, dict)
    # What is kept is plain numbers in page fractions, nothing else from the request.
    numbers = []

    def collect(value):
        if isinstance(value, list):
            for v in value:
                collect(v)
        elif isinstance(value, float):
            numbers.append(value)

    collect([cleaned.get(key) for key in ("rects", "strokes", "x", "y")])
    assert all(-0.05 <= n <= 1.05 for n in numbers)
    assert set(cleaned) <= {"rects", "strokes", "x", "y", "color", "width"}

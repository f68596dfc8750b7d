"""Papers other domains render (the counting minutes) issued with the same numbering:
one "BB" series per term shared with the meeting minutes, issued once per source."""

import pytest

from meeting.core.errors import Conflict, Forbidden, NotFound
from meeting.papers import issue, minutes, sign_ops, verify
from meeting.papers.layout import party_header
from meeting.papers.pdf import render_pdf
from meeting.papers.views import paper_json
from tests.papers.pdftext import pdf_text


def counting_render(calls):
    """What voting passes: print the number it is given, in the Party layout."""
    def render(number):
        calls.append(number)
        ctx = party_header("BB", number, doc_type="Biên bản",
                           summary="Kiểm phiếu: Thông qua Nghị quyết", signers=[
                               {"on_behalf": "", "position": "Ban kiểm phiếu",
                                "name": "Nguyễn Văn A", "stamp": True}])
        return render_pdf("papers/_party.html", **ctx)
    return render


def test_counting_minutes_share_the_bb_series_and_are_issued_once(held_meeting, secretariat):
    minutes.approve_minutes(None, held_meeting)
    meeting_minutes = issue.issue_paper(secretariat, held_meeting, "minutes")
    calls = []
    counting = issue.issue_generated_paper(
        secretariat, held_meeting, "counting", counting_render(calls),
        title="Biên bản kiểm phiếu — Thông qua Nghị quyết", source="poll:7")
    assert (meeting_minutes.number, counting.number, calls) == (1, 2, [2])
    assert counting.code == "BB" and counting.kind == "counting"
    assert "Số 2-BB/TU" in pdf_text(sign_ops.paper_file(counting))
    info = paper_json(counting)
    assert info["number_line"] == "Số 2-BB/TU" and info["title"].startswith("Biên bản kiểm")
    # Invitations keep their own series.
    assert issue.issue_paper(secretariat, held_meeting, "invitation").number == 1
    # The same poll again: refused, naming the number it already has; nothing rendered.
    with pytest.raises(Conflict) as refused:
        issue.issue_generated_paper(secretariat, held_meeting, "counting",
                                    counting_render(calls), title="x", source="poll:7")
    assert "Số 2-BB/TU" in str(refused.value.message) and calls == [2]
    # The next meeting minutes of the term come after the counting minutes.
    assert issue.next_number(held_meeting.term_id, "BB") == 3


def test_a_generated_paper_is_signed_like_the_others(held_meeting, secretariat):
    paper = issue.issue_generated_paper(secretariat, held_meeting, "counting",
                                        counting_render([]), title="Kiểm phiếu")
    sign_ops.sign_paper(secretariat, paper)
    result = verify.verify_pdf(sign_ops.paper_file(paper))
    assert result["ok"] and result["signatures"][0]["unchanged"]


def test_refusals(held_meeting, create_user):
    delegate = create_user(roles=["delegate"])
    with pytest.raises(Forbidden):
        issue.issue_generated_paper(delegate, held_meeting, "counting", counting_render([]),
                                    title="x")
    with pytest.raises(NotFound):  # meeting papers come from their templates, not from here
        issue.issue_generated_paper(None, held_meeting, "minutes", counting_render([]),
                                    title="x")
    with pytest.raises(TypeError):
        issue.issue_generated_paper(None, held_meeting, "counting", lambda n: b"<html>",
                                    title="x")
    assert issue.papers_of(held_meeting) == []

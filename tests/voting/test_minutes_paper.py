"""The counting minutes issued as a numbered official paper of the meeting."""

import pytest
from sqlalchemy import func, select

from meeting.core.errors import Conflict, Forbidden
from meeting.core.models import AuditEntry
from meeting.extensions import db
from meeting.papers.models import IssuedPaper
from meeting.papers.sign_ops import paper_file
from meeting.voting import ballots, minutes, operations
from tests.conftest import members_of
from tests.papers.pdftext import pdf_text


@pytest.fixture
def app_config(app_config, tmp_path):
    app_config.PAPERS_DIR = str(tmp_path / "papers")
    return app_config


def _counted(motion, close=True):
    poll, people = motion(members=4)
    for i, person in enumerate(people[:3]):
        ballots.cast_ballot(person, poll, "yes", f"tablet-key-{i:04d}")
    if close:
        operations.close_poll(None, poll)
    return poll, people


def _papers(poll):
    return list(db.session.scalars(select(IssuedPaper).where(
        IssuedPaper.source == f"poll:{poll.id}")))


def test_secretariat_issues_the_numbered_minutes_once(app, login, motion, secretariat):
    poll, _people = _counted(motion)
    audited = db.session.scalar(select(func.count()).select_from(AuditEntry))
    url = f"/meetings/{poll.meeting_id}/polls/{poll.id}"
    page = login(secretariat).page(url).get_data(as_text=True)
    assert f'action="{url}/minutes"' in page

    issued = login(secretariat).form(f"{url}/minutes", {})
    assert issued.status_code == 302
    assert issued.headers["Location"].endswith(f"/meetings/{poll.meeting_id}/papers")
    [paper] = _papers(poll)
    assert (paper.kind, paper.code, paper.number) == ("counting", "BB", 1)
    assert paper.title == f"Biên bản kiểm phiếu — {poll.title}"
    text = pdf_text(paper_file(paper))
    assert "Số 1-BB/" in text and "SHA-256" in text
    # One audit entry (besides the logins), the papers domain's own.
    entries = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)
                                      .offset(audited)))
    assert [e for e in entries if not e.startswith("auth.")] == ["paper.issue"]

    # A second issue is refused with the number it has; nothing more is stored.
    again = login(secretariat).form(f"{url}/minutes", {})
    assert again.status_code == 302 and again.headers["Location"].endswith(url)
    assert len(_papers(poll)) == 1
    with pytest.raises(Conflict) as refused:
        minutes.issue_counting_minutes(secretariat, poll)
    assert "Số 1-BB/" in str(refused.value.message)


def test_only_the_secretariat_and_only_a_counted_vote(app, login, motion, secretariat):
    poll, people = _counted(motion, close=False)
    with pytest.raises(Conflict):
        minutes.issue_counting_minutes(secretariat, poll)
    operations.close_poll(None, poll)
    chair = poll.meeting.chair if poll.meeting.chair_id else people[0]
    url = f"/meetings/{poll.meeting_id}/polls/{poll.id}"
    member = login(members_of(poll.meeting)[1])
    assert f'action="{url}/minutes"' not in member.page(url).get_data(as_text=True)
    assert member.form(f"{url}/minutes", {}).status_code in (302, 403)
    with pytest.raises(Forbidden):
        minutes.issue_counting_minutes(people[1], poll)
    if not chair.is_secretariat:
        with pytest.raises(Forbidden):
            minutes.issue_counting_minutes(chair, poll)
    assert _papers(poll) == []

"""Reservations of opinion (bảo lưu ý kiến): who may record one and when, how it is kept,
and that it reaches the result page, the API and the meeting's minutes."""

import pytest

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.meetings import operations as meeting_ops
from meeting.papers.content import votes_by_item
from meeting.papers.issue import build_pdf
from meeting.voting import ballots, operations, reservations
from meeting.voting.models import PollReservation
from tests.helpers import actions, english, last_entry, refused
from tests.papers.pdftext import pdf_text

API = "/api/v1"
TEXT = "Đề nghị giữ nguyên phương án cũ về tiến độ giải ngân."


@pytest.fixture
def counted(motion):
    """A secret motion of six members, four present, counted: (poll, people)."""
    poll, people = motion(members=6, present=4, is_secret=True)
    for i, user in enumerate(people[:4]):
        ballots.cast_ballot(user, poll, "yes" if i < 3 else "no", f"key-{user.id}-abc")
    operations.close_poll(None, poll)
    return poll, people


def test_a_member_records_rewrites_and_withdraws(counted):
    poll, people = counted
    member = people[3]
    row = reservations.record_reservation(member, poll, f"  {TEXT}  ")
    assert row.text == TEXT
    entry = last_entry()
    assert entry.action == "poll.reserve" and entry.user_id == member.id
    assert entry.before is None and entry.after == {"reservation": TEXT}
    reservations.record_reservation(member, poll, "Bảo lưu về thời hạn.")
    rows = reservations.reservations_of(poll)
    assert [(r.user_id, r.text) for r in rows] == [(member.id, "Bảo lưu về thời hạn.")]
    assert last_entry().before == {"reservation": TEXT}
    reservations.withdraw_reservation(member, poll)
    assert reservations.reservations_of(poll) == []
    assert actions()[-1] == "poll.withdraw_reservation"
    refused(NotFound, reservations.withdraw_reservation, member, poll)


def test_only_a_present_member_of_a_counted_vote_in_session(counted, create_user):
    poll, people = counted
    guest = create_user("khach", roles=["guest"])
    absent = people[5]  # a member of the body who did not check in
    assert english(refused(Forbidden, reservations.record_reservation, guest, poll,
                           TEXT).message) == "Only members of the body record a reservation."
    assert "Check in" in english(refused(Conflict, reservations.record_reservation, absent,
                                         poll, TEXT).message)
    refused(Forbidden, reservations.record_reservation, None, poll, TEXT)
    still_open = operations.open_poll(None, operations.create_poll(
        None, poll.meeting, kind="motion", title="Thông qua Chương trình công tác"))
    assert "counted" in english(refused(Conflict, reservations.record_reservation, people[0],
                                        still_open, TEXT).message)
    assert not reservations.can_reserve(guest, poll)
    assert reservations.can_reserve(people[0], poll)
    meeting_ops.change_status(None, poll.meeting, "closed")
    assert "in session" in english(refused(Conflict, reservations.record_reservation,
                                           people[0], poll, TEXT).message)
    assert PollReservation.query.count() == 0


@pytest.mark.parametrize("text", ["", "   ", None, 42, ["a"], "x" * 2001])
def test_an_empty_or_too_long_text_is_refused(counted, text):
    poll, people = counted
    error = refused(OperationError, reservations.record_reservation, people[0], poll, text)
    assert "at most 2000 characters" in english(error.message)
    assert reservations.reservations_of(poll) == []


def test_a_reservation_reaches_the_minutes(counted):
    poll, people = counted
    reservations.record_reservation(people[3], poll, TEXT)
    votes = votes_by_item(poll.meeting)[poll.item_id]
    assert votes[0]["reservations"] == [{"name": people[3].full_name, "text": TEXT}]
    text = " ".join(pdf_text(build_pdf(poll.meeting, "minutes", 1)).split())
    assert f"Đồng chí {people[3].full_name} bảo lưu ý kiến: {TEXT}" in text


def test_over_the_api_and_the_result_page(app, login, counted, create_user):
    poll, people = counted
    base = f"{API}/meetings/{poll.meeting_id}/polls/{poll.id}"
    member = login(people[3])
    saved = member.put(f"{base}/reservation", json={"text": TEXT})
    assert saved.status_code == 200 and saved.json["text"] == TEXT
    assert saved.json["name"] == people[3].full_name
    listed = login(people[0]).get(f"{base}/reservations")
    assert [r["text"] for r in listed.json["reservations"]] == [TEXT]
    bad = member.put(f"{base}/reservation", json={"text": ""})
    assert bad.status_code == 400 and "error" in bad.json
    assert member.put(f"{base}/reservation", json=["x"]).status_code == 400
    page = member.page(f"/meetings/{poll.meeting_id}/polls/{poll.id}").get_data(as_text=True)
    assert TEXT in page and 'name="text"' in page
    outsider = login(create_user("ngoai"))
    assert outsider.get(f"{base}/reservations").status_code == 404
    assert outsider.put(f"{base}/reservation", json={"text": TEXT}).status_code == 404
    assert member.delete(f"{base}/reservation").status_code == 204
    assert member.delete(f"{base}/reservation").status_code == 404
    assert login(people[0]).get(f"{base}/reservations").json["reservations"] == []


def test_a_refused_form_keeps_what_was_typed(app, login, counted):
    poll, people = counted
    url = f"/meetings/{poll.meeting_id}/polls/{poll.id}/reservation"
    member = login(people[3])
    done = member.form(url, {"text": TEXT, "action": "save"})
    assert done.status_code == 302 and done.location.endswith("#reservations-h")
    meeting_ops.change_status(None, poll.meeting, "closed")
    late = member.form(url, {"text": "Ý kiến viết sau khi bế mạc", "action": "save"})
    body = late.get_data(as_text=True)
    assert late.status_code == 409 and "Ý kiến viết sau khi bế mạc" in body
    assert [r.text for r in reservations.reservations_of(poll)] == [TEXT]

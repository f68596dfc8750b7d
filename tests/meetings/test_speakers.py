"""The speakers' queue: asking for the floor, withdrawing, giving and ending the floor."""

import pytest
from sqlalchemy import func, select

from meeting.core.errors import Conflict, Forbidden, NotFound
from meeting.extensions import db
from meeting.meetings import agenda, operations, speakers, state
from meeting.meetings.models import SpeakerRequest
from tests.conftest import members_of
from tests.helpers import english, last_entry, refused


def requests():
    return db.session.scalar(select(func.count()).select_from(SpeakerRequest))


def queue(meeting):
    db.session.expire_all()
    data = state.speakers_data(meeting)
    return ((data["speaking"] or {}).get("user_id"), [s["user_id"] for s in data["queue"]])


@pytest.fixture
def room(create_meeting, create_user, secretariat):
    """An in-session meeting on its first item, and the people around it."""
    meeting = create_meeting(status="in_session", items=3)
    agenda.set_current_item(None, meeting, meeting.items[0].id)
    guest = create_user("khach", roles=["guest"])
    operations.invite_guest(None, meeting, guest)
    members = members_of(meeting)
    return {"meeting": meeting, "chair": meeting.chair, "a": members[1], "b": members[2],
            "c": members[3], "guest": guest, "secretariat": secretariat,
            "outsider": create_user("ngoai")}


# Asking for the floor ------------------------------------------------------------------

def test_members_ask_to_speak_on_the_current_item_in_order(room):
    meeting = room["meeting"]
    first = speakers.request_floor(room["a"], meeting)
    speakers.request_floor(room["b"], meeting)
    assert (first.status, first.item_id, first.limit_seconds) == ("waiting",
                                                                  meeting.items[0].id, 300)
    assert queue(meeting) == (None, [room["a"].id, room["b"].id])
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.meeting_id) == ("speaker.request",
                                                              room["b"].id, meeting.id)
    assert entry.before is None and entry.after["status"] == "waiting"


def test_the_time_limit_comes_from_the_settings(app, room):
    app.config["SPEAKER_LIMIT_SECONDS"] = 180
    assert speakers.request_floor(room["a"], room["meeting"]).limit_seconds == 180


def test_one_open_request_per_person(room):
    meeting = room["meeting"]
    request = speakers.request_floor(room["a"], meeting)
    exc = refused(Conflict, speakers.request_floor, room["a"], meeting)
    assert english(exc.message) == "You have already asked to speak."
    # Still open while speaking.
    speakers.give_floor(room["chair"], meeting, request.id)
    refused(Conflict, speakers.request_floor, room["a"], meeting)
    # Once the turn has ended, the person may ask again.
    speakers.end_floor(room["chair"], meeting, request.id)
    speakers.request_floor(room["a"], meeting)
    assert requests() == 2


def test_after_withdrawing_one_may_ask_again(room):
    meeting = room["meeting"]
    request = speakers.request_floor(room["a"], meeting)
    speakers.withdraw(room["a"], meeting, request.id)
    again = speakers.request_floor(room["a"], meeting)
    assert again.id != request.id and again.status == "waiting"


@pytest.mark.parametrize(("who", "allowed"), [
    ("chair", True), ("a", True), ("guest", True),
    ("secretariat", False), ("outsider", False),
])
def test_who_may_ask_to_speak(room, who, allowed):
    meeting = room["meeting"]
    if allowed:
        speakers.request_floor(room[who], meeting)
        assert queue(meeting) == (None, [room[who].id])
    else:
        exc = refused(Forbidden, speakers.request_floor, room[who], meeting)
        assert english(exc.message) == "You are not invited to this meeting."
        assert requests() == 0


def test_no_requests_without_a_current_item_or_outside_the_session(room, create_meeting):
    meeting = room["meeting"]
    agenda.set_current_item(None, meeting, None)
    exc = refused(Conflict, speakers.request_floor, room["a"], meeting)
    assert english(exc.message) == "No agenda item is being discussed."
    published = create_meeting(status="published", body=meeting.body)
    exc = refused(Conflict, speakers.request_floor, members_of(published)[1], published)
    assert english(exc.message) == "The meeting is not in session."
    assert requests() == 0


# Withdrawing ---------------------------------------------------------------------------

def test_one_withdraws_ones_own_waiting_request(room):
    meeting = room["meeting"]
    request = speakers.request_floor(room["a"], meeting)
    speakers.withdraw(room["a"], meeting, request.id)
    db.session.expire_all()
    assert request.status == "withdrawn" and request.ended_dt is not None
    assert queue(meeting) == (None, [])
    entry = last_entry()
    assert entry.action == "speaker.withdraw"
    assert entry.before["status"] == "waiting" and entry.after["status"] == "withdrawn"


def test_only_a_waiting_request_can_be_withdrawn(room):
    meeting = room["meeting"]
    request = speakers.request_floor(room["a"], meeting)
    speakers.give_floor(room["chair"], meeting, request.id)
    exc = refused(Conflict, speakers.withdraw, room["a"], meeting, request.id)
    assert english(exc.message) == "Only a waiting request can be withdrawn."
    speakers.end_floor(room["chair"], meeting, request.id)
    refused(Conflict, speakers.withdraw, room["a"], meeting, request.id)
    db.session.expire_all()
    assert request.status == "done"


@pytest.mark.parametrize(("who", "allowed"), [
    ("chair", True), ("secretariat", True),
    ("b", False), ("guest", False), ("outsider", False),
])
def test_who_may_withdraw_someone_elses_request(room, who, allowed):
    meeting = room["meeting"]
    request = speakers.request_floor(room["a"], meeting)
    if allowed:
        speakers.withdraw(room[who], meeting, request.id)
        assert last_entry().user_id == room[who].id
    else:
        refused(Forbidden, speakers.withdraw, room[who], meeting, request.id)
    db.session.expire_all()
    assert request.status == ("withdrawn" if allowed else "waiting")


def test_requests_are_found_only_in_their_own_meeting(room, create_meeting):
    meeting = room["meeting"]
    other = create_meeting(status="in_session", body=meeting.body)
    agenda.set_current_item(None, other, other.items[0].id)
    elsewhere = speakers.request_floor(room["a"], other)
    for request_id in (elsewhere.id, 987654, "1", None, True, 2**40):
        refused(NotFound, speakers.withdraw, room["a"], meeting, request_id)
        refused(NotFound, speakers.give_floor, room["chair"], meeting, request_id)
        refused(NotFound, speakers.end_floor, room["chair"], meeting, request_id)
    db.session.expire_all()
    assert elsewhere.status == "waiting"


# Giving and ending the floor -----------------------------------------------------------

def test_giving_the_floor_ends_the_previous_speaker(room):
    meeting, chair = room["meeting"], room["chair"]
    first = speakers.request_floor(room["a"], meeting)
    second = speakers.request_floor(room["b"], meeting)
    speakers.request_floor(room["c"], meeting)

    speakers.give_floor(chair, meeting, first.id)
    db.session.expire_all()
    assert first.status == "speaking" and first.started_dt is not None
    assert queue(meeting) == (room["a"].id, [room["b"].id, room["c"].id])
    entry = last_entry()
    assert entry.action == "speaker.give_floor" and entry.after["status"] == "speaking"

    speakers.give_floor(chair, meeting, second.id)
    db.session.expire_all()
    assert first.status == "done" and first.ended_dt is not None
    assert second.status == "speaking"
    assert queue(meeting) == (room["b"].id, [room["c"].id])
    speaking = db.session.scalars(select(SpeakerRequest).where(
        SpeakerRequest.meeting_id == meeting.id, SpeakerRequest.status == "speaking")).all()
    assert [r.id for r in speaking] == [second.id]


def test_ending_the_floor(room):
    meeting, chair = room["meeting"], room["chair"]
    request = speakers.request_floor(room["a"], meeting)
    exc = refused(Conflict, speakers.end_floor, chair, meeting, request.id)
    assert english(exc.message) == "This person is not speaking."
    speakers.give_floor(chair, meeting, request.id)
    speakers.end_floor(chair, meeting, request.id)
    db.session.expire_all()
    assert request.status == "done" and request.ended_dt is not None
    assert queue(meeting) == (None, [])
    entry = last_entry()
    assert entry.action == "speaker.end"
    assert entry.before["status"] == "speaking" and entry.after["status"] == "done"
    exc = refused(Conflict, speakers.give_floor, chair, meeting, request.id)
    assert english(exc.message) == "This person is not waiting to speak."


@pytest.mark.parametrize(("asked", "kept"), [(None, 300), (0, 300), (10, 30), (120, 120),
                                             (99999, 3600)])
def test_the_chair_may_set_the_time_limit_within_bounds(room, asked, kept):
    meeting = room["meeting"]
    request = speakers.request_floor(room["a"], meeting)
    speakers.give_floor(room["chair"], meeting, request.id, limit_seconds=asked)
    db.session.expire_all()
    assert request.limit_seconds == kept


@pytest.mark.parametrize("who", ["a", "b", "guest", "outsider"])
def test_only_the_chair_or_secretariat_gives_and_ends_the_floor(room, who):
    meeting = room["meeting"]
    waiting = speakers.request_floor(room["a"], meeting)
    speaking = speakers.request_floor(room["c"], meeting)
    speakers.give_floor(room["secretariat"], meeting, speaking.id)
    refused(Forbidden, speakers.give_floor, room[who], meeting, waiting.id)
    refused(Forbidden, speakers.end_floor, room[who], meeting, speaking.id)
    assert queue(meeting) == (room["c"].id, [room["a"].id])


def test_moving_on_ends_the_floor_and_the_queue_of_the_item_left(room):
    meeting, chair = room["meeting"], room["chair"]
    speaking = speakers.request_floor(room["a"], meeting)
    waiting = speakers.request_floor(room["b"], meeting)
    speakers.give_floor(chair, meeting, speaking.id)

    agenda.set_current_item(chair, meeting, meeting.items[1].id)
    db.session.expire_all()
    assert (speaking.status, waiting.status) == ("done", "withdrawn")
    assert speaking.ended_dt is not None and waiting.ended_dt is not None
    assert queue(meeting) == (None, [])
    assert state.speakers_data(meeting)["item_id"] == meeting.items[1].id
    # Both may ask to speak on the new item: nothing left over blocks them.
    speakers.request_floor(room["a"], meeting)
    speakers.request_floor(room["b"], meeting)
    assert queue(meeting) == (None, [room["a"].id, room["b"].id])

    # Clearing the current item ends its queue as well.
    agenda.set_current_item(chair, meeting, None)
    assert db.session.scalar(select(func.count()).select_from(SpeakerRequest).where(
        SpeakerRequest.status.in_(("waiting", "speaking")))) == 0

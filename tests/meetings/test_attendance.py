"""Attendance: answering the invitation, checking in, the roll call and the quorum."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.extensions import db
from meeting.meetings import attendance, operations, state
from meeting.meetings.models import Attendance
from tests.conftest import members_of
from tests.helpers import actions, english, last_entry, refused


def record(meeting, user):
    return db.session.scalar(select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                      Attendance.user_id == user.id))


def rows():
    return db.session.scalar(select(func.count()).select_from(Attendance))


@pytest.fixture
def guest(create_user):
    return create_user("khach", roles=["guest"], full_name="Đại Biểu Mời")


@pytest.fixture
def outsider(create_user):
    return create_user("ngoai", roles=["delegate"], full_name="Người Ngoài")


# Answering the invitation --------------------------------------------------------------

def test_a_member_confirms_then_excuses_with_a_reason(create_meeting):
    meeting = create_meeting(status="published")
    delegate = members_of(meeting)[1]
    attendance.respond(delegate, meeting, "attending")
    row = record(meeting, delegate)
    assert (row.rsvp, row.excuse_reason, row.presence) == ("attending", "", "unknown")
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.meeting_id) == ("attendance.respond",
                                                              delegate.id, meeting.id)
    assert entry.before is None and entry.after["rsvp"] == "attending"

    attendance.respond(delegate, meeting, "excused", "  Đi công tác Trung ương  ")
    db.session.expire_all()
    assert (row.rsvp, row.excuse_reason) == ("excused", "Đi công tác Trung ương")
    entry = last_entry()
    assert entry.before["rsvp"] == "attending"
    assert entry.after == {"user_id": delegate.id, "rsvp": "excused",
                           "excuse_reason": "Đi công tác Trung ương", "presence": "unknown"}

    # Attending after all: the old reason goes.
    attendance.respond(delegate, meeting, "attending", "ignored")
    db.session.expire_all()
    assert (row.rsvp, row.excuse_reason) == ("attending", "")
    assert rows() == 1


@pytest.mark.parametrize(("response", "reason", "message"), [
    ("excused", "", "Please give the reason for your absence."),
    ("excused", "   ", "Please give the reason for your absence."),
    ("excused", None, "Please give the reason for your absence."),
    ("excused", "x" * 501, "The reason is too long (at most 500 characters)."),
    ("maybe", "", "Choose whether you will attend."),
    (None, "", "Choose whether you will attend."),
    ("", "", "Choose whether you will attend."),
])
def test_an_answer_must_be_valid(create_meeting, response, reason, message):
    meeting = create_meeting(status="published")
    delegate = members_of(meeting)[1]
    exc = refused(OperationError, attendance.respond, delegate, meeting, response, reason)
    assert english(exc.message) == message
    assert rows() == 0


def test_a_reason_of_exactly_the_limit_is_accepted(create_meeting):
    meeting = create_meeting(status="published")
    delegate = members_of(meeting)[1]
    attendance.respond(delegate, meeting, "excused", "ố" * 500)
    assert len(record(meeting, delegate).excuse_reason) == 500


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_answers_are_taken_only_while_the_meeting_is_open(create_meeting, status):
    meeting = create_meeting(status=status)
    exc = refused(Conflict, attendance.respond, members_of(meeting)[1], meeting, "attending")
    assert english(exc.message) == "Answers are taken only for a published meeting."


def test_guests_answer_and_outsiders_are_refused(create_meeting, guest, outsider,
                                                 secretariat):
    meeting = create_meeting(status="published")
    operations.invite_guest(None, meeting, guest)
    attendance.respond(guest, meeting, "excused", "Bận việc cơ quan")
    assert record(meeting, guest).rsvp == "excused"
    for person in (outsider, secretariat):
        exc = refused(Forbidden, attendance.respond, person, meeting, "attending")
        assert english(exc.message) == "You are not invited to this meeting."
    assert rows() == 1


def test_a_member_whose_seat_ended_is_no_longer_invited(create_meeting):
    meeting = create_meeting(status="published")
    delegate = members_of(meeting)[1]
    membership = next(m for m in meeting.term.memberships if m.user_id == delegate.id)
    operations.end_membership(None, membership, date(2024, 1, 1))
    refused(Forbidden, attendance.respond, delegate, meeting, "attending")
    refused(Forbidden, attendance.check_in, delegate, meeting)


# Check-in ------------------------------------------------------------------------------

def test_check_in_marks_present_and_twice_is_harmless(create_meeting):
    meeting = create_meeting(status="in_session")
    delegate = members_of(meeting)[1]
    attendance.check_in(delegate, meeting)
    row = record(meeting, delegate)
    assert (row.presence, row.rsvp) == ("present", "attending")
    assert row.checked_in_dt is not None
    first_time, entries, seq = row.checked_in_dt, actions(), meeting.live_seq

    again = attendance.check_in(delegate, meeting)
    db.session.expire_all()
    assert again.id == row.id and row.checked_in_dt == first_time
    assert actions() == entries and meeting.live_seq == seq
    assert rows() == 1
    entry = last_entry()
    assert entry.action == "attendance.check_in" and entry.after["presence"] == "present"


def test_check_in_keeps_an_earlier_answer(create_meeting):
    meeting = create_meeting(status="published")
    delegate = members_of(meeting)[1]
    attendance.respond(delegate, meeting, "excused", "Ốm")
    attendance.check_in(delegate, meeting)  # came after all
    row = record(meeting, delegate)
    assert (row.presence, row.rsvp) == ("present", "excused")


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_check_in_is_refused_outside_the_meeting(create_meeting, status):
    meeting = create_meeting(status=status)
    exc = refused(Conflict, attendance.check_in, members_of(meeting)[1], meeting)
    assert english(exc.message) == "Check-in is open only on the day of the meeting."
    assert rows() == 0


def test_check_in_is_for_the_invited(create_meeting, guest, outsider, secretariat):
    meeting = create_meeting(status="in_session")
    operations.invite_guest(None, meeting, guest)
    attendance.check_in(guest, meeting)
    attendance.check_in(meeting.chair, meeting)
    for person in (outsider, secretariat):
        refused(Forbidden, attendance.check_in, person, meeting)
    assert rows() == 2


# Roll call by the secretariat ----------------------------------------------------------

def test_the_secretariat_marks_people_present_and_absent(create_meeting, secretariat, guest):
    meeting = create_meeting(status="in_session")
    operations.invite_guest(None, meeting, guest)
    delegate = members_of(meeting)[2]
    attendance.mark_presence(secretariat, meeting, delegate, "present")
    row = record(meeting, delegate)
    assert row.presence == "present" and row.checked_in_dt is not None
    entry = last_entry()
    assert (entry.action, entry.user_id) == ("attendance.mark", secretariat.id)
    assert entry.before is None and entry.after["presence"] == "present"

    attendance.mark_presence(secretariat, meeting, delegate, "absent")
    db.session.expire_all()
    assert row.presence == "absent" and row.checked_in_dt is None
    assert last_entry().before["presence"] == "present"
    attendance.mark_presence(secretariat, meeting, guest, "present")
    assert record(meeting, guest).presence == "present"


@pytest.mark.parametrize("who", ["chair", "delegate", "guest", "outsider"])
def test_only_the_secretariat_takes_the_roll(create_meeting, guest, outsider, who):
    meeting = create_meeting(status="in_session")
    operations.invite_guest(None, meeting, guest)
    actor = {"chair": meeting.chair, "delegate": members_of(meeting)[1], "guest": guest,
             "outsider": outsider}[who]
    refused(Forbidden, attendance.mark_presence, actor, meeting, members_of(meeting)[2],
            "present")
    # Not even for themselves: self check-in is the way.
    refused(Forbidden, attendance.mark_presence, actor, meeting, actor, "present")
    assert rows() == 0


@pytest.mark.parametrize("presence", ["here", "", None, ["present"], {"a": 1}, 1])
def test_an_unknown_presence_is_refused(create_meeting, secretariat, presence):
    meeting = create_meeting(status="in_session")
    exc = refused(OperationError, attendance.mark_presence, secretariat, meeting,
                  members_of(meeting)[1], presence)
    assert english(exc.message) == "Unknown presence."
    assert rows() == 0


def test_the_roll_is_only_for_the_invited_and_open_meetings(create_meeting, secretariat,
                                                            outsider):
    meeting = create_meeting(status="in_session")
    exc = refused(Conflict, attendance.mark_presence, secretariat, meeting, outsider,
                  "present")
    assert english(exc.message) == "Người Ngoài is not invited to this meeting."
    closed = create_meeting(status="closed", body=meeting.body)
    exc = refused(Conflict, attendance.mark_presence, secretariat, closed,
                  members_of(closed)[1], "present")
    assert english(exc.message) == "The attendance of a closed meeting cannot change."
    assert rows() == 0


# Quorum --------------------------------------------------------------------------------

def quorum_of(meeting):
    db.session.expire_all()
    return state.attendance_data(meeting)["quorum"]


def test_quorum_counts_only_incumbent_members(create_meeting, create_user, secretariat):
    meeting = create_meeting(status="in_session", members=6)
    members = members_of(meeting)
    guests = [create_user(f"khach{i}", roles=["guest"]) for i in range(3)]
    for g in guests:
        operations.invite_guest(None, meeting, g)
    assert quorum_of(meeting) == {"present": 0, "total": 6, "required": 4, "is_met": False}

    for person in members[:3] + guests:
        attendance.check_in(person, meeting)
    # Six people in the room, but only three of them are members: no quorum.
    assert quorum_of(meeting) == {"present": 3, "total": 6, "required": 4, "is_met": False}

    attendance.mark_presence(secretariat, meeting, members[3], "present")
    assert quorum_of(meeting) == {"present": 4, "total": 6, "required": 4, "is_met": True}

    attendance.mark_presence(secretariat, meeting, members[3], "absent")
    attendance.respond(members[4], meeting, "excused", "Ốm")  # excused is not present
    assert quorum_of(meeting)["present"] == 3 and not quorum_of(meeting)["is_met"]

    # A member whose seat ended leaves the total and, if present, the count.
    gone = next(m for m in meeting.term.memberships if m.user_id == members[2].id)
    operations.end_membership(None, gone, date(2024, 1, 1))
    assert quorum_of(meeting) == {"present": 2, "total": 5, "required": 4, "is_met": False}


def test_attendance_lists_members_and_guests(create_meeting, guest):
    meeting = create_meeting(status="published", members=3)
    operations.invite_guest(None, meeting, guest)
    attendance.respond(guest, meeting, "attending")
    people = state.attendance_data(meeting)["people"]
    assert [p["kind"] for p in people] == ["member", "member", "member", "guest"]
    assert people[0]["office"] == "secretary"
    assert people[-1] == {"user_id": guest.id, "name": "Đại Biểu Mời", "office": "",
                          "kind": "guest", "rsvp": "attending", "excuse_reason": "",
                          "presence": "unknown"}


@pytest.fixture
def half_quorum(app_config):
    app_config.QUORUM_NUMERATOR, app_config.QUORUM_DENOMINATOR = 1, 2


@pytest.mark.usefixtures("half_quorum")
def test_the_quorum_fraction_is_a_setting(create_meeting):
    meeting = create_meeting(status="in_session", members=6)
    for person in members_of(meeting)[:3]:
        attendance.check_in(person, meeting)
    assert quorum_of(meeting) == {"present": 3, "total": 6, "required": 3, "is_met": True}


def test_an_announcement_follows_every_change(create_meeting, secretariat):
    meeting = create_meeting(status="in_session")
    seqs = [meeting.live_seq]
    delegate = members_of(meeting)[1]
    for change in (lambda: attendance.respond(delegate, meeting, "attending"),
                   lambda: attendance.check_in(delegate, meeting),
                   lambda: attendance.mark_presence(secretariat, meeting, delegate, "absent")):
        change()
        db.session.expire_all()
        seqs.append(meeting.live_seq)
    assert seqs == sorted(set(seqs))


def test_check_in_opens_only_close_to_the_start(create_meeting, secretariat):
    meeting = create_meeting(status="published")
    far = meeting.start_dt + timedelta(days=3)
    operations.update_meeting(secretariat, meeting, title=meeting.title, start_dt=far,
                              end_dt=far + timedelta(hours=4))
    refused(Conflict, attendance.check_in, members_of(meeting)[1], meeting)
    # Answering the invitation is open as soon as the meeting is published.
    attendance.respond(members_of(meeting)[1], meeting, "attending")

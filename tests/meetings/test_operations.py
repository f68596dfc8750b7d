"""Bodies, terms, members, meetings and guests: permission, invariants, audit."""

from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import func, select

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.core.time import utcnow
from meeting.extensions import db
from meeting.meetings import operations as ops
from meeting.meetings.models import Body, Meeting, MeetingGuest, Membership, Term
from meeting.meetings.rules import can_transition
from tests.conftest import members_of
from tests.helpers import actions, english, last_entry, refused

STATUSES = ["draft", "published", "in_session", "closed", "archived"]


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def delegate(create_user):
    return create_user("daibieu", roles=["delegate"])


@pytest.fixture
def admin(create_user):
    return create_user("quantri", roles=["admin"])


def start_times(hours=1, length=4):
    start = utcnow().replace(microsecond=0) + timedelta(hours=hours)
    return start, start + timedelta(hours=length)


# Bodies --------------------------------------------------------------------------------

def test_secretariat_creates_a_body(secretariat):
    body = ops.create_body(secretariat, code=" btv ", name=" Ban Thường vụ Tỉnh ủy ")
    assert (body.code, body.name) == ("BTV", "Ban Thường vụ Tỉnh ủy")
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.target_id) == ("body.create", secretariat.id,
                                                             body.id)
    assert entry.before is None and entry.after == {"code": "BTV",
                                                    "name": "Ban Thường vụ Tỉnh ủy"}


def test_an_admin_may_do_what_the_secretariat_does(admin):
    body = ops.create_body(admin, code="BTV", name="Ban Thường vụ")
    assert last_entry().user_id == admin.id and body.id


@pytest.mark.parametrize("role", ["delegate", "chair", "guest", "it_officer"])
def test_only_the_secretariat_creates_bodies(create_user, role):
    actor = create_user("actor", roles=[role])
    refused(Forbidden, ops.create_body, actor, code="BTV", name="Ban Thường vụ")
    assert count(Body) == 0


@pytest.mark.parametrize(("fields", "error", "message"), [
    ({"code": ""}, OperationError, "Code is required."),
    ({"name": "   "}, OperationError, "Name is required."),
    ({"name": None}, OperationError, "Name is required."),
    ({"code": "X" * 21}, OperationError, "Code is too long (at most 20 characters)."),
    ({"name": "N" * 201}, OperationError, "Name is too long (at most 200 characters)."),
    ({"name": 42}, OperationError, "Name must be text."),
    ({"code": "bch"}, Conflict, "The code BCH is already used."),
])
def test_body_input_is_checked(secretariat, fields, error, message):
    ops.create_body(secretariat, code="BCH", name="Ban Chấp hành")
    exc = refused(error, ops.create_body, secretariat,
                  **{"code": "BTV", "name": "Ban Thường vụ", **fields})
    assert english(exc.message) == message
    assert count(Body) == 1


# Terms ---------------------------------------------------------------------------------

def test_a_new_term_becomes_the_current_one(secretariat):
    body = ops.create_body(secretariat, code="BCH", name="Ban Chấp hành")
    old = ops.create_term(secretariat, body, label="XVI", start_date=date(2015, 10, 1))
    new = ops.create_term(secretariat, body, label="XVII", start_date=date(2020, 10, 1),
                          end_date=date(2025, 10, 1))
    db.session.expire_all()
    assert body.current_term.id == new.id
    assert not old.is_current and new.is_current
    entry = last_entry()
    assert entry.action == "term.create" and entry.target_id == new.id
    assert entry.after["label"] == "XVII" and entry.after["is_current"] is True


def test_term_input_is_checked_and_a_refusal_keeps_the_current_term(secretariat):
    body = ops.create_body(secretariat, code="BCH", name="Ban Chấp hành")
    term = ops.create_term(secretariat, body, label="XVII", start_date=date(2020, 10, 1))
    exc = refused(OperationError, ops.create_term, secretariat, body, label="XVIII",
                  start_date=date(2025, 10, 1), end_date=date(2025, 9, 30))
    assert english(exc.message) == "The end date is before the start date."
    with pytest.raises(OperationError) as raised:
        ops.create_term(secretariat, body, label="  ", start_date=date(2025, 10, 1))
    assert english(raised.value.message) == "Term is required."
    # Another operation commits in the same session: the refused term must leave no trace.
    ops.create_body(secretariat, code="BTV", name="Ban Thường vụ")
    db.session.expire_all()
    assert body.current_term.id == term.id
    assert count(Term) == 1


def test_only_the_secretariat_opens_terms(secretariat, delegate):
    body = ops.create_body(secretariat, code="BCH", name="Ban Chấp hành")
    refused(Forbidden, ops.create_term, delegate, body, label="XVII",
            start_date=date(2020, 10, 1))
    assert count(Term) == 0


# Members -------------------------------------------------------------------------------

@pytest.fixture
def term(secretariat):
    body = ops.create_body(secretariat, code="BCH", name="Ban Chấp hành")
    return ops.create_term(secretariat, body, label="XVII", start_date=date(2020, 10, 1))


def test_members_are_added_with_an_office_and_ended(secretariat, term, create_user):
    user = create_user("uv1")
    membership = ops.add_member(secretariat, term, user, "deputy_secretary")
    assert membership.office == "deputy_secretary" and membership.end_date is None
    assert [m.user_id for m in term.incumbents] == [user.id]
    entry = last_entry()
    assert entry.action == "member.add" and entry.before is None
    assert entry.after == membership.snapshot()

    ops.end_membership(secretariat, membership, date(2023, 5, 1))
    db.session.expire_all()
    assert term.incumbents == []
    entry = last_entry()
    assert entry.action == "member.end"
    assert entry.before["end_date"] is None and entry.after["end_date"] == "2023-05-01"

    # Seated again (e.g. back after a transfer): the same row, the history in the audit.
    again = ops.add_member(secretariat, term, user, "member")
    assert again.id == membership.id and again.end_date is None
    entry = last_entry()
    assert entry.before["end_date"] == "2023-05-01" and entry.after["office"] == "member"
    assert count(Membership) == 1


def test_member_input_is_checked(secretariat, term, create_user):
    user = create_user("uv1")
    ops.add_member(secretariat, term, user)
    exc = refused(Conflict, ops.add_member, secretariat, term, user, "member")
    assert english(exc.message) == f"{user.full_name} is already a member of this term."
    other = create_user("uv2")
    exc = refused(OperationError, ops.add_member, secretariat, term, other, "emperor")
    assert english(exc.message) == "Unknown office."
    assert count(Membership) == 1


def test_only_the_secretariat_manages_members(secretariat, term, create_user, delegate):
    user = create_user("uv1")
    refused(Forbidden, ops.add_member, delegate, term, user)
    membership = ops.add_member(secretariat, term, user)
    refused(Forbidden, ops.end_membership, delegate, membership, date(2023, 1, 1))
    db.session.expire_all()
    assert membership.end_date is None


# Meetings ------------------------------------------------------------------------------

def test_secretariat_creates_a_draft_meeting_numbered_within_the_term(secretariat,
                                                                       create_body):
    body = create_body(members=3)
    chair = body.current_term.memberships[0].user
    start, end = start_times()
    first = ops.create_meeting(secretariat, body=body, title=" Hội nghị lần thứ 1 ",
                               start_dt=start, end_dt=end, room=" Hội trường ",
                               chair_id=chair.id)
    second = ops.create_meeting(secretariat, body=body, title="Hội nghị lần thứ 2",
                                start_dt=start, end_dt=end)
    assert (first.status, first.number, first.title, first.room) == (
        "draft", 1, "Hội nghị lần thứ 1", "Hội trường")
    assert second.number == 2 and second.chair_id is None
    assert first.term_id == body.current_term.id
    entry = last_entry()
    assert (entry.action, entry.target_id, entry.meeting_id) == ("meeting.create", second.id,
                                                                second.id)
    assert entry.after["status"] == "draft"


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"title": ""}, OperationError, "Title is required."),
    ({"title": 5}, OperationError, "Title must be text."),
    ({"title": "T" * 301}, OperationError, "Title is too long (at most 300 characters)."),
    ({"end_dt": "start"}, OperationError, "The meeting must end after it starts."),
    ({"end_dt": "before"}, OperationError, "The meeting must end after it starts."),
    ({"start_dt": None}, OperationError, "Start and end times are required."),
    ({"chair_id": 987654}, NotFound, "The chosen chair does not exist."),
])
def test_meeting_input_is_checked(secretariat, create_body, change, error, message):
    body = create_body(members=2)
    start, end = start_times()
    fields = {"title": "Hội nghị", "start_dt": start, "end_dt": end, **change}
    if fields["end_dt"] == "start":
        fields["end_dt"] = start
    elif fields["end_dt"] == "before":
        fields["end_dt"] = start - timedelta(minutes=1)
    exc = refused(error, ops.create_meeting, secretariat, body=body, **fields)
    assert english(exc.message) == message
    assert count(Meeting) == 0


def test_a_body_without_a_current_term_cannot_meet(secretariat):
    body = ops.create_body(secretariat, code="BTV", name="Ban Thường vụ")
    start, end = start_times()
    exc = refused(Conflict, ops.create_meeting, secretariat, body=body, title="Hội nghị",
                  start_dt=start, end_dt=end)
    assert english(exc.message) == "This body has no current term."


@pytest.mark.parametrize("who", ["delegate", "chair", "outsider", "guest"])
def test_only_the_secretariat_creates_and_edits_meetings(create_meeting, create_user, who):
    meeting = create_meeting(status="published")
    actor = {"delegate": lambda: members_of(meeting)[1],
             "chair": lambda: meeting.chair,
             "outsider": lambda: create_user("outsider"),
             "guest": lambda: create_user("khach", roles=["guest"])}[who]()
    start, end = start_times()
    refused(Forbidden, ops.create_meeting, actor, body=meeting.body, title="Khác",
            start_dt=start, end_dt=end)
    refused(Forbidden, ops.update_meeting, actor, meeting, title="Đổi tên",
            start_dt=start, end_dt=end)
    db.session.expire_all()
    assert count(Meeting) == 1 and meeting.title != "Đổi tên"


def test_update_records_before_and_after(create_meeting, secretariat):
    meeting = create_meeting(status="published")
    before = meeting.snapshot()
    start, end = start_times(hours=24, length=2)
    ops.update_meeting(secretariat, meeting, title="Hội nghị lần thứ 6", start_dt=start,
                       end_dt=end, room="Phòng họp số 2", chair_id=None, number=6)
    db.session.expire_all()
    assert (meeting.title, meeting.start_dt, meeting.end_dt, meeting.room, meeting.chair_id,
            meeting.number) == ("Hội nghị lần thứ 6", start, end, "Phòng họp số 2", None, 6)
    entry = last_entry()
    assert entry.action == "meeting.update" and entry.meeting_id == meeting.id
    assert entry.before == before and entry.after == meeting.snapshot()


@pytest.mark.parametrize("status", ["in_session", "closed"])
def test_a_meeting_that_has_opened_cannot_be_edited(create_meeting, secretariat, status):
    meeting = create_meeting(status=status)
    title = meeting.title
    start, end = start_times()
    exc = refused(Conflict, ops.update_meeting, secretariat, meeting, title="Đổi",
                  start_dt=start, end_dt=end)
    assert english(exc.message) == "A meeting can be edited only before it opens."
    db.session.expire_all()
    assert meeting.title == title


def test_a_refused_update_leaves_the_meeting_as_it_was(create_meeting, secretariat):
    meeting = create_meeting(status="draft")
    snapshot = meeting.snapshot()
    start, end = start_times()
    refused(OperationError, ops.update_meeting, secretariat, meeting, title="",
            start_dt=start, end_dt=end, room="Khác")
    db.session.expire_all()
    assert meeting.snapshot() == snapshot


# Status --------------------------------------------------------------------------------

def _meeting_in(create_meeting, status):
    if status == "archived":
        meeting = create_meeting(status="closed")
        ops.change_status(None, meeting, "archived")
        return meeting
    return create_meeting(status=status)


def test_the_whole_life_of_a_meeting_is_audited(create_meeting, secretariat):
    meeting = create_meeting(status="draft")
    chair = meeting.chair
    start = len(actions())
    ops.change_status(secretariat, meeting, "published")
    ops.change_status(secretariat, meeting, "draft")
    ops.change_status(secretariat, meeting, "published")
    ops.change_status(chair, meeting, "in_session")
    ops.change_status(chair, meeting, "closed")
    ops.change_status(secretariat, meeting, "archived")
    assert actions()[start:] == ["meeting.published", "meeting.draft", "meeting.published",
                                 "meeting.in_session", "meeting.closed", "meeting.archived"]
    entry = last_entry()
    assert entry.before["status"] == "closed" and entry.after["status"] == "archived"
    assert entry.meeting_id == meeting.id


ILLEGAL = [(a, b) for a, b in product(STATUSES, STATUSES) if not can_transition(a, b)]


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_illegal_transitions_are_refused_with_the_reason(create_meeting, current, target):
    meeting = _meeting_in(create_meeting, current)
    exc = refused(Conflict, ops.change_status, None, meeting, target)
    labels = {"draft": "Draft", "published": "Published", "in_session": "In session",
              "closed": "Closed", "archived": "Archived"}
    assert english(exc.message) == (
        f"A meeting that is {labels[current]} cannot become {labels[target]}.")
    db.session.expire_all()
    assert meeting.status == current


def test_publishing_needs_an_agenda_item(create_meeting, secretariat):
    meeting = create_meeting(status="draft", items=0)
    exc = refused(Conflict, ops.change_status, secretariat, meeting, "published")
    assert english(exc.message) == "Add at least one agenda item before publishing."
    db.session.expire_all()
    assert meeting.status == "draft"


def test_an_unknown_status_is_refused(create_meeting, secretariat):
    meeting = create_meeting(status="draft")
    exc = refused(OperationError, ops.change_status, secretariat, meeting, "cancelled")
    assert english(exc.message) == "Unknown status."


def test_closing_finishes_the_current_item(create_meeting):
    from meeting.meetings import agenda

    meeting = create_meeting(status="in_session")
    agenda.set_current_item(None, meeting, meeting.items[1].id)
    ops.change_status(None, meeting, "closed")
    db.session.expire_all()
    assert meeting.current_item is None
    assert [i.status for i in meeting.items] == ["pending", "done", "pending"]


@pytest.mark.parametrize(("current", "target", "chair_may"), [
    ("draft", "published", False),
    ("published", "draft", False),
    ("published", "in_session", True),
    ("in_session", "closed", True),
    ("closed", "archived", False),
])
def test_who_may_move_a_meeting(create_meeting, secretariat, create_user, current, target,
                                chair_may):
    meeting = _meeting_in(create_meeting, current)
    delegate = members_of(meeting)[1]
    refused(Forbidden, ops.change_status, delegate, meeting, target)
    refused(Forbidden, ops.change_status, create_user("khach", roles=["guest"]), meeting,
            target)
    if chair_may:
        ops.change_status(meeting.chair, meeting, target)
    else:
        refused(Forbidden, ops.change_status, meeting.chair, meeting, target)
        ops.change_status(secretariat, meeting, target)
    db.session.expire_all()
    assert meeting.status == target
    assert last_entry().action == f"meeting.{target}"


# Guests --------------------------------------------------------------------------------

def test_guests_are_invited_and_uninvited(create_meeting, secretariat, create_user):
    meeting = create_meeting(status="published")
    guest = create_user("khach", roles=["guest"], full_name="Đại Biểu Mời")
    ops.invite_guest(secretariat, meeting, guest)
    assert [g.user_id for g in meeting.guests] == [guest.id]
    entry = last_entry()
    assert (entry.action, entry.meeting_id, entry.after) == (
        "meeting.invite_guest", meeting.id, {"user_id": guest.id})

    exc = refused(Conflict, ops.invite_guest, secretariat, meeting, guest)
    assert english(exc.message) == "Đại Biểu Mời is already invited."
    assert count(MeetingGuest) == 1

    ops.remove_guest(secretariat, meeting, guest.id)
    db.session.expire_all()
    assert meeting.guests == [] and count(MeetingGuest) == 0
    entry = last_entry()
    assert entry.action == "meeting.remove_guest" and entry.before == {"user_id": guest.id}

    refused(NotFound, ops.remove_guest, secretariat, meeting, guest.id)


@pytest.mark.parametrize("who", ["delegate", "chair", "guest"])
def test_only_the_secretariat_invites_guests(create_meeting, secretariat, create_user, who):
    meeting = create_meeting(status="published")
    invited = create_user("khach", roles=["guest"])
    ops.invite_guest(secretariat, meeting, invited)
    actor = {"delegate": members_of(meeting)[1], "chair": meeting.chair,
             "guest": invited}[who]
    refused(Forbidden, ops.invite_guest, actor, meeting, create_user("khac"))
    refused(Forbidden, ops.remove_guest, actor, meeting, invited.id)
    db.session.expire_all()
    assert [g.user_id for g in meeting.guests] == [invited.id]

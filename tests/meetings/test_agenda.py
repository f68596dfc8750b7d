"""Agenda operations: building, reordering by touch, moving the current item."""

import pytest

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.extensions import db
from meeting.meetings import agenda, operations
from meeting.meetings.models import AgendaItem
from tests.conftest import members_of
from tests.helpers import actions, english, last_entry, refused


def titles(meeting):
    db.session.expire_all()
    return [i.title for i in meeting.items]


def statuses(meeting):
    db.session.expire_all()
    return [i.status for i in meeting.items]


@pytest.fixture
def people(create_meeting, create_user, secretariat):
    """Return a factory: the people around a meeting, by the part they play."""

    def factory(meeting):
        guest = create_user(f"khach{meeting.id}", roles=["guest"])
        operations.invite_guest(None, meeting, guest)
        return {"secretariat": secretariat, "chair": meeting.chair,
                "delegate": members_of(meeting)[1], "guest": guest,
                "outsider": create_user(f"ngoai{meeting.id}")}

    return factory


# Building the agenda -------------------------------------------------------------------

def test_items_are_appended_in_order_and_audited(create_meeting, secretariat):
    meeting = create_meeting(status="draft", items=0)
    first = agenda.add_item(secretariat, meeting, title=" Khai mạc ", presenter=" Bí thư ",
                            planned_minutes="10", description=" Phát biểu khai mạc ")
    second = agenda.add_item(secretariat, meeting, title="Báo cáo tình hình",
                             planned_minutes=45)
    assert (first.position, second.position) == (1, 2)
    assert (first.title, first.presenter, first.planned_minutes, first.description,
            first.status) == ("Khai mạc", "Bí thư", 10, "Phát biểu khai mạc", "pending")
    entry = last_entry()
    assert (entry.action, entry.target_id, entry.meeting_id) == ("agenda.add", second.id,
                                                                meeting.id)
    assert entry.before is None and entry.after == second.snapshot()


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": ""}, "Title is required."),
    ({"title": None}, "Title is required."),
    ({"title": ["a"]}, "Title must be text."),
    ({"title": "x" * 301}, "Title is too long (at most 300 characters)."),
    ({"planned_minutes": 0}, "Planned minutes must be between 1 and 600."),
    ({"planned_minutes": -5}, "Planned minutes must be between 1 and 600."),
    ({"planned_minutes": 601}, "Planned minutes must be between 1 and 600."),
    ({"planned_minutes": "abc"}, "Planned minutes must be a whole number."),
    ({"planned_minutes": "1.5"}, "Planned minutes must be a whole number."),
    ({"planned_minutes": None}, "Planned minutes must be a whole number."),
    ({"planned_minutes": [15]}, "Planned minutes must be a whole number."),
])
def test_item_input_is_checked(create_meeting, secretariat, fields, message):
    meeting = create_meeting(status="draft", items=1)
    exc = refused(OperationError, agenda.add_item, secretariat, meeting,
                  **{"title": "Nội dung", "planned_minutes": 15, **fields})
    assert english(exc.message) == message
    assert titles(meeting) == ["Nội dung 1"]


@pytest.mark.parametrize("who", ["chair", "delegate", "guest", "outsider"])
def test_only_the_secretariat_builds_the_agenda(create_meeting, people, who):
    meeting = create_meeting(status="published", items=3)
    actor = people(meeting)[who]
    item = meeting.items[1]
    refused(Forbidden, agenda.add_item, actor, meeting, title="Thêm")
    refused(Forbidden, agenda.update_item, actor, item, title="Đổi", planned_minutes=5)
    refused(Forbidden, agenda.delete_item, actor, item)
    refused(Forbidden, agenda.reorder, actor, meeting, [i.id for i in reversed(meeting.items)])
    # Even where the move itself would be refused (the last item cannot go down), the
    # answer to someone without the right is "forbidden".
    refused(Forbidden, agenda.move_item, actor, meeting.items[0], -1)
    refused(Forbidden, agenda.move_item, actor, meeting.items[-1], +1)
    refused(Forbidden, agenda.move_item, actor, item, +1)
    assert titles(meeting) == ["Nội dung 1", "Nội dung 2", "Nội dung 3"]


def test_update_changes_the_item_and_records_before_and_after(create_meeting, secretariat):
    meeting = create_meeting(status="published", items=2)
    item = meeting.items[0]
    before = item.snapshot()
    agenda.update_item(secretariat, item, title="Thông qua chương trình", presenter="Chủ trì",
                       planned_minutes=5, description="")
    db.session.expire_all()
    assert (item.title, item.presenter, item.planned_minutes) == ("Thông qua chương trình",
                                                                 "Chủ trì", 5)
    entry = last_entry()
    assert entry.action == "agenda.update"
    assert entry.before == before and entry.after == item.snapshot()


@pytest.mark.parametrize("fields", [
    {"title": "Đổi tên", "planned_minutes": 0},
    {"title": "Đổi tên", "planned_minutes": "abc"},
    {"title": "", "planned_minutes": 30},
])
def test_a_refused_update_changes_nothing(create_meeting, secretariat, fields):
    meeting = create_meeting(status="published", items=2)
    item = meeting.items[0]
    snapshot = item.snapshot()
    with pytest.raises(OperationError):
        agenda.update_item(secretariat, item, presenter="Người khác", **fields)
    # The next operation commits the session: nothing of the refused one may ride along.
    agenda.add_item(secretariat, meeting, title="Nội dung mới")
    db.session.expire_all()
    assert item.snapshot() == snapshot
    assert "agenda.update" not in actions()


def test_delete_renumbers_the_rest(create_meeting, secretariat):
    meeting = create_meeting(status="published", items=4)
    doomed = meeting.items[1]
    doomed_id, snapshot = doomed.id, doomed.snapshot()
    agenda.delete_item(secretariat, doomed)
    db.session.expire_all()
    assert db.session.get(AgendaItem, doomed_id) is None
    assert titles(meeting) == ["Nội dung 1", "Nội dung 3", "Nội dung 4"]
    assert [i.position for i in meeting.items] == [1, 2, 3]
    entry = last_entry()
    assert entry.action == "agenda.delete" and entry.before == snapshot and entry.after is None


def test_the_current_item_cannot_be_deleted(create_meeting, secretariat):
    meeting = create_meeting(status="in_session", items=2)
    agenda.set_current_item(secretariat, meeting, meeting.items[0].id)
    exc = refused(Conflict, agenda.delete_item, secretariat, meeting.items[0])
    assert english(exc.message) == "The current item cannot be removed."
    assert len(meeting.items) == 2


@pytest.mark.parametrize("status", ["closed", "archived"])
def test_a_closed_meetings_agenda_is_frozen(create_meeting, secretariat, status):
    meeting = create_meeting(status="closed", items=2)
    if status == "archived":
        operations.change_status(None, meeting, "archived")
    item = meeting.items[0]
    for fn, args, kwargs in [
        (agenda.add_item, (secretariat, meeting), {"title": "Muộn"}),
        (agenda.update_item, (secretariat, item), {"title": "Đổi"}),
        (agenda.delete_item, (secretariat, item), {}),
        (agenda.reorder, (secretariat, meeting, [i.id for i in reversed(meeting.items)]), {}),
        (agenda.move_item, (secretariat, meeting.items[1], -1), {}),
    ]:
        exc = refused(Conflict, fn, *args, **kwargs)
        assert english(exc.message) == "The agenda of a closed meeting cannot change."
    assert titles(meeting) == ["Nội dung 1", "Nội dung 2"]


# Reordering ----------------------------------------------------------------------------

def test_reorder_puts_the_items_in_the_given_order(create_meeting, secretariat):
    meeting = create_meeting(status="published", items=4)
    ids = [i.id for i in meeting.items]
    new = [ids[2], ids[0], ids[3], ids[1]]
    agenda.reorder(secretariat, meeting, [str(i) for i in new])  # form values are text
    db.session.expire_all()
    assert [i.id for i in meeting.items] == new
    assert [i.position for i in meeting.items] == [1, 2, 3, 4]
    entry = last_entry()
    assert entry.action == "agenda.reorder"
    assert entry.before == {"order": ids} and entry.after == {"order": new}


@pytest.mark.parametrize("order", [
    lambda ids, other: ids[:-1],                     # one missing
    lambda ids, other: ids + [ids[0]],               # one twice
    lambda ids, other: ids[:-1] + [ids[0]],          # one twice, one missing
    lambda ids, other: ids + [other],                # an item of another meeting
    lambda ids, other: ids[:-1] + [other],           # swapped for another meeting's item
    lambda ids, other: [],                           # nothing
    lambda ids, other: ids[:-1] + ["x"],             # not a number
    lambda ids, other: ids[:-1] + [None],            # not a number
    lambda ids, other: ids + [999999],               # unknown
])
def test_reorder_must_name_every_item_exactly_once(create_meeting, secretariat, order):
    meeting = create_meeting(status="published", items=3)
    other = create_meeting(status="draft", items=1, body=meeting.body).items[0].id
    ids = [i.id for i in meeting.items]
    exc = refused(OperationError, agenda.reorder, secretariat, meeting, order(ids, other))
    assert english(exc.message) == "The new order must list every item once."
    assert [i.id for i in meeting.items] == ids


def test_items_move_up_and_down_by_touch(create_meeting, secretariat):
    meeting = create_meeting(status="published", items=3)
    agenda.move_item(secretariat, meeting.items[2], -1)
    assert titles(meeting) == ["Nội dung 1", "Nội dung 3", "Nội dung 2"]
    agenda.move_item(secretariat, meeting.items[0], +1)
    assert titles(meeting) == ["Nội dung 3", "Nội dung 1", "Nội dung 2"]
    assert last_entry().action == "agenda.reorder"
    for item, offset in ((meeting.items[0], -1), (meeting.items[-1], +1)):
        exc = refused(Conflict, agenda.move_item, secretariat, item, offset)
        assert english(exc.message) == "The item is already at the end of the agenda."
    assert titles(meeting) == ["Nội dung 3", "Nội dung 1", "Nội dung 2"]


# The current item ----------------------------------------------------------------------

def test_only_one_item_is_current_and_the_old_one_becomes_done(create_meeting):
    meeting = create_meeting(status="in_session", items=4)
    chair = meeting.chair
    ids = [i.id for i in meeting.items]
    agenda.set_current_item(chair, meeting, ids[0])
    assert statuses(meeting) == ["current", "pending", "pending", "pending"]
    agenda.set_current_item(chair, meeting, ids[2])
    assert statuses(meeting) == ["done", "pending", "current", "pending"]
    # Going back to an item already discussed reopens it; the one left is done.
    agenda.set_current_item(chair, meeting, ids[0])
    assert statuses(meeting) == ["current", "pending", "done", "pending"]
    entry = last_entry()
    assert entry.action == "agenda.set_current"
    assert entry.before == {"current_item_id": ids[2]}
    assert entry.after == {"current_item_id": ids[0]}
    # None clears the current item: nobody's item is being discussed.
    agenda.set_current_item(chair, meeting, None)
    assert statuses(meeting) == ["done", "pending", "done", "pending"]
    assert meeting.current_item is None


def test_setting_the_same_item_again_changes_nothing(create_meeting):
    meeting = create_meeting(status="in_session", items=2)
    agenda.set_current_item(meeting.chair, meeting, meeting.items[1].id)
    before, seq = actions(), meeting.live_seq
    agenda.set_current_item(meeting.chair, meeting, meeting.items[1].id)
    db.session.expire_all()
    assert actions() == before and meeting.live_seq == seq
    assert statuses(meeting) == ["pending", "current"]


def test_a_long_session_never_has_two_current_items(create_meeting):
    meeting = create_meeting(status="in_session", items=5)
    ids = [i.id for i in meeting.items]
    for item_id in [ids[0], ids[1], ids[1], ids[4], None, ids[2], ids[0], ids[3], None, ids[4]]:
        agenda.set_current_item(meeting.chair, meeting, item_id)
        db.session.expire_all()
        current = [i.id for i in meeting.items if i.status == "current"]
        assert current == ([item_id] if item_id else [])


def test_the_current_item_must_be_on_this_agenda(create_meeting):
    meeting = create_meeting(status="in_session", items=2)
    other = create_meeting(status="in_session", items=1, body=meeting.body)
    for item_id in (other.items[0].id, 999999):
        exc = refused(NotFound, agenda.set_current_item, meeting.chair, meeting, item_id)
        assert english(exc.message) == "This item is not on the agenda."
    assert statuses(meeting) == ["pending", "pending"]
    assert statuses(other) == ["pending"]


@pytest.mark.parametrize("status", ["draft", "published", "closed"])
def test_the_current_item_moves_only_in_session(create_meeting, status):
    meeting = create_meeting(status=status, items=2)
    exc = refused(Conflict, agenda.set_current_item, None, meeting, meeting.items[0].id)
    assert english(exc.message) == "The meeting is not in session."
    refused(Conflict, agenda.step_item, None, meeting, +1)


@pytest.mark.parametrize(("who", "allowed"), [
    ("chair", True), ("secretariat", True),
    ("delegate", False), ("guest", False), ("outsider", False),
])
def test_who_moves_the_current_item(create_meeting, people, who, allowed):
    meeting = create_meeting(status="in_session", items=3)
    actor = people(meeting)[who]
    if allowed:
        agenda.set_current_item(actor, meeting, meeting.items[0].id)
        agenda.step_item(actor, meeting, +1)
        assert statuses(meeting) == ["done", "current", "pending"]
        assert last_entry().user_id == actor.id
    else:
        refused(Forbidden, agenda.set_current_item, actor, meeting, meeting.items[0].id)
        refused(Forbidden, agenda.step_item, actor, meeting, +1)
        assert statuses(meeting) == ["pending", "pending", "pending"]


def test_a_delegate_is_forbidden_to_step_even_at_the_end(create_meeting, people):
    meeting = create_meeting(status="in_session", items=2)
    delegate = people(meeting)["delegate"]
    agenda.set_current_item(None, meeting, meeting.items[-1].id)
    refused(Forbidden, agenda.step_item, delegate, meeting, +1)
    empty = create_meeting(status="draft", items=0, body=meeting.body)
    refused(Forbidden, agenda.step_item, delegate, empty, +1)


def test_step_walks_the_agenda(create_meeting):
    meeting = create_meeting(status="in_session", items=3)
    chair = meeting.chair
    agenda.step_item(chair, meeting, +1)         # nothing current: the first item
    assert statuses(meeting) == ["current", "pending", "pending"]
    agenda.step_item(chair, meeting, +1)
    agenda.step_item(chair, meeting, +1)
    assert statuses(meeting) == ["done", "done", "current"]
    exc = refused(Conflict, agenda.step_item, chair, meeting, +1)
    assert english(exc.message) == "There is no item in that direction."
    agenda.step_item(chair, meeting, -1)
    assert statuses(meeting) == ["done", "current", "done"]
    agenda.set_current_item(chair, meeting, None)
    agenda.step_item(chair, meeting, -1)         # nothing current, backwards: the last item
    assert statuses(meeting) == ["done", "done", "current"]


def test_an_empty_agenda_cannot_be_stepped(create_meeting):
    meeting = create_meeting(status="draft", items=0)
    exc = refused(Conflict, agenda.step_item, None, meeting, +1)
    assert english(exc.message) == "The agenda is empty."

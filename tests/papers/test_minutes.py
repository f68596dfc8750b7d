"""Writing the minutes, the chair's approval, the lock; every change audited."""

import pytest
from sqlalchemy import select

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.core.models import AuditEntry
from meeting.extensions import db
from meeting.papers import minutes
from meeting.papers.models import Minutes


def test_save_then_approve_then_locked(held_meeting, secretariat):
    item = held_meeting.items[1]
    saved = minutes.save_minutes(secretariat, held_meeting, conclusions="Kết luận",
                                 notes={str(item.id): "Thảo luận"})
    assert saved.note_for(item.id) == "Thảo luận"
    minutes.save_minutes(secretariat, held_meeting, notes={item.id: "Thảo luận, sửa"})
    assert saved.note_for(item.id) == "Thảo luận, sửa" and saved.conclusions == "Kết luận"
    chair = held_meeting.chair
    approved = minutes.approve_minutes(chair, held_meeting)
    assert approved.is_locked and approved.approved_by_id == chair.id
    with pytest.raises(Conflict):
        minutes.save_minutes(secretariat, held_meeting, conclusions="Sửa sau khi duyệt")
    with pytest.raises(Conflict):
        minutes.approve_minutes(chair, held_meeting)
    db.session.expire_all()
    assert db.session.scalar(select(Minutes)).conclusions == "Kết luận"
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.action.like("minutes.%")).order_by(AuditEntry.id)).all()
    assert actions == ["minutes.save", "minutes.save", "minutes.approve"]


def test_only_the_chair_approves(held_meeting, secretariat, create_user):
    with pytest.raises(Forbidden):
        minutes.approve_minutes(secretariat, held_meeting)
    with pytest.raises(Forbidden):
        minutes.approve_minutes(create_user(), held_meeting)


def test_only_the_secretariat_writes(held_meeting):
    with pytest.raises(Forbidden):
        minutes.save_minutes(held_meeting.chair, held_meeting, conclusions="x")


def test_not_approved_before_the_meeting(create_meeting):
    meeting = create_meeting(status="published")
    with pytest.raises(Conflict):
        minutes.approve_minutes(meeting.chair, meeting)


@pytest.mark.parametrize("kwargs", [
    {"notes": {"999999": "x"}}, {"notes": {"abc": "x"}}, {"notes": ["x"]},
    {"conclusions": 12}, {"conclusions": "x" * 200_001}, {"secretary_name": "x" * 121},
])
def test_bad_input_changes_nothing(held_meeting, secretariat, kwargs):
    with pytest.raises(OperationError):
        minutes.save_minutes(secretariat, held_meeting, **kwargs)
    db.session.rollback()
    assert db.session.scalar(select(Minutes)) is None

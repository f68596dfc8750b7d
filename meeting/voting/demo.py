"""Demo votes: a counted and published secret vote in the demo's past meeting."""

from sqlalchemy import select

from meeting.extensions import db
from meeting.voting import ballots, operations


def load_voting_demo(meeting):
    """Hold a secret motion on the meeting's second item; every member present votes."""
    from meeting.meetings.models import Attendance

    item = meeting.items[1] if len(meeting.items) > 1 else None
    poll = operations.create_poll(
        None, meeting, kind="motion", is_secret=True, allow_abstain=True,
        title="Thông qua chủ trương giới thiệu nhân sự theo đề nghị của Ban Tổ chức Tỉnh ủy",
        item_id=item.id if item else None)
    operations.open_poll(None, poll)
    present = [a.user for a in db.session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.presence == "present"))]
    for i, user in enumerate(present):
        choice = "no" if i % 6 == 5 else "yes"
        ballots.cast_ballot(user, poll, choice, f"demo-key-{poll.id}-{user.id}")
    operations.close_poll(None, poll)
    operations.publish_poll(None, poll)
    return poll

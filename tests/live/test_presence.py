"""Presence: who is connected to a meeting right now, kept in live_connections."""

from sqlalchemy import select

from meeting.extensions import db
from meeting.live.models import Connection
from tests.conftest import members_of
from tests.live.conftest import join, live_seq, received


def _rows(**where):
    db.session.expire_all()
    query = select(Connection).filter_by(**where)
    return list(db.session.scalars(query))


def _presence(events):
    """Return the online lists of the presence.changed events among ``events``."""
    return [p["online_user_ids"] for e, p in events if e == "presence.changed"]


def test_connecting_records_the_socket_without_a_meeting(create_user, login, socket_for):
    user = create_user()
    socket_for(login(user))
    [row] = _rows(user_id=user.id)
    assert row.meeting_id is None and row.login_token and row.connected_dt is not None


def test_joining_and_leaving_update_the_table_and_tell_the_chair(
        create_meeting, login, tablet, announcements):
    meeting = create_meeting(status="in_session")
    chair, delegate, other = members_of(meeting)[:3]
    chair_sock = tablet(chair, meeting)
    other_sock = tablet(other, meeting)
    assert _presence(received(chair_sock)) == [[chair.id, other.id]]
    seq = live_seq(meeting.id)

    sock = tablet(delegate)
    assert join(sock, meeting) == {"ok": True, "seq": seq}
    [row] = _rows(user_id=delegate.id)
    assert row.meeting_id == meeting.id
    [(event, payload)] = received(chair_sock)
    assert event == "presence.changed"
    assert payload == {"meeting_id": meeting.id,
                       "online_user_ids": sorted([chair.id, delegate.id, other.id])}
    # Only the chair's room hears it, unnumbered: the meeting's seq does not move.
    assert received(other_sock) == [] and live_seq(meeting.id) == seq
    assert [a.room for a in announcements if a.event == "presence.changed"][-1] == \
        f"meeting:{meeting.id}:chair"

    snapshot = login(delegate).get(f"/api/v1/meetings/{meeting.id}/snapshot").json
    assert snapshot["presence"]["online_user_ids"] == sorted([chair.id, delegate.id, other.id])

    # Joining again changes nothing.
    assert join(sock, meeting)["ok"] is True
    assert received(chair_sock) == []

    assert sock.emit("leave", {"meeting_id": meeting.id}, callback=True) == {"ok": True}
    [row] = _rows(user_id=delegate.id)
    assert row.meeting_id is None
    assert _presence(received(chair_sock)) == [sorted([chair.id, other.id])]
    # After leaving, the tablet hears nothing more of the meeting.
    chair_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                           "item_id": meeting.items[0].id}, callback=True)
    assert received(sock) == []
    assert [e for e, _ in received(other_sock)] == ["agenda.current", "speakers.changed"]


def test_disconnecting_removes_the_socket_and_tells_the_chair(create_meeting, tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate = members_of(meeting)[:2]
    chair_sock = tablet(chair, meeting)
    sock = tablet(delegate, meeting)
    assert _presence(received(chair_sock)) == [sorted([chair.id, delegate.id])]

    sock.disconnect()
    assert _rows(user_id=delegate.id) == []
    assert _presence(received(chair_sock)) == [[chair.id]]


def test_a_person_with_two_devices_is_online_until_both_are_gone(create_meeting, tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate = members_of(meeting)[:2]
    chair_sock = tablet(chair, meeting)
    tablet_, laptop = tablet(delegate, meeting), tablet(delegate, meeting)
    assert len(_rows(user_id=delegate.id, meeting_id=meeting.id)) == 2
    assert _presence(received(chair_sock))[-1] == sorted([chair.id, delegate.id])

    tablet_.disconnect()
    assert _presence(received(chair_sock)) == [sorted([chair.id, delegate.id])]
    laptop.disconnect()
    assert _presence(received(chair_sock)) == [[chair.id]]


def test_moving_to_another_meeting_leaves_the_first(create_meeting, secretariat, tablet):
    first = create_meeting(status="in_session")
    second = create_meeting(status="in_session", body=first.body)
    chair = members_of(first)[0]
    first_chair, second_chair = tablet(chair, first), tablet(chair, second)

    sock = tablet(secretariat, first)
    assert _presence(received(first_chair)) == [sorted([chair.id, secretariat.id])]
    assert join(sock, second)["ok"] is True
    [row] = _rows(user_id=secretariat.id)
    assert row.meeting_id == second.id
    assert _presence(received(second_chair)) == [sorted([chair.id, secretariat.id])]
    assert _presence(received(first_chair)) == [[chair.id]]

    # The socket no longer hears the first meeting, nor sits in its chair's room.
    received(sock)
    first_chair.emit("agenda.set_current", {"meeting_id": first.id,
                                            "item_id": first.items[0].id}, callback=True)
    assert received(sock) == []


def test_leaving_a_meeting_not_joined_changes_nothing(create_meeting, tablet):
    first = create_meeting(status="in_session")
    second = create_meeting(status="in_session", body=first.body)
    chair, delegate = members_of(first)[:2]
    chair_sock = tablet(chair, first)
    sock = tablet(delegate, first)
    received(chair_sock)

    assert sock.emit("leave", {"meeting_id": second.id}, callback=True) == {"ok": True}
    [row] = _rows(user_id=delegate.id)
    assert row.meeting_id == first.id
    assert received(chair_sock) == []

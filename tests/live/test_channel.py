"""The live channel: authenticated sockets, rooms per meeting, numbered announcements."""

from meeting.extensions import db
from tests.conftest import isolated, members_of


def test_anonymous_socket_is_refused(app):
    from meeting.extensions import socketio

    sock = isolated(socketio.test_client, app, flask_test_client=app.test_client())
    assert not sock.is_connected()


def test_tablet_follows_the_current_item_with_growing_seq(create_meeting, login, socket_for):
    meeting = create_meeting(status="in_session")
    chair, delegate = members_of(meeting)[:2]
    tablet = socket_for(login(delegate))
    ack = tablet.emit("join", {"meeting_id": meeting.id}, callback=True)
    assert ack["ok"] is True
    start_seq = ack["seq"]
    tablet.get_received()

    api = login(chair)
    for item in meeting.items[:2]:
        response = api.put(f"/api/v1/meetings/{meeting.id}/agenda/current",
                           {"item_id": item.id})
        assert response.status_code == 200, response.json

    moves = tablet.events("agenda.current")
    assert [m["current_item_id"] for m in moves] == [i.id for i in meeting.items[:2]]
    seqs = [m["seq"] for m in moves]
    assert seqs == sorted(seqs) and seqs[0] > start_seq
    snapshot = login(delegate).get(f"/api/v1/meetings/{meeting.id}/snapshot").json
    assert snapshot["agenda"]["current_item_id"] == meeting.items[1].id
    assert snapshot["seq"] >= seqs[-1]


def test_join_of_a_foreign_meeting_is_refused_and_changes_nothing(
        create_meeting, create_body, create_user, login, socket_for):
    meeting = create_meeting(status="in_session")
    outsider = create_user("outsider")
    sock = socket_for(login(outsider))
    ack = sock.emit("join", {"meeting_id": meeting.id}, callback=True)
    assert ack["ok"] is False and ack["status"] == 404
    ack = sock.emit("join", {"meeting_id": "x"}, callback=True)
    assert ack["ok"] is False
    ack = sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                           "item_id": meeting.items[0].id}, callback=True)
    assert ack["ok"] is False
    db.session.expire_all()
    assert meeting.current_item is None

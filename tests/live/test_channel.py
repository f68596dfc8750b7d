"""The live channel: authenticated sockets, rooms per meeting, numbered announcements."""

import pytest
from sqlalchemy import select

from meeting.auth.models import LoginSession
from meeting.core.models import AuditEntry
from meeting.extensions import db, socketio
from meeting.meetings.models import Attendance, SpeakerRequest
from tests.conftest import isolated, members_of
from tests.live.conftest import join, live_seq, received, replay


def _snapshot(api, meeting):
    response = api.get(f"/api/v1/meetings/{meeting.id}/snapshot")
    assert response.status_code == 200, response.json
    data = response.json
    del data["server_time"]
    return data


def _sid(sock):
    return socketio.server.manager.sid_from_eio_sid(sock.eio_sid, "/")


def _rooms(sock):
    return set(socketio.server.rooms(_sid(sock), namespace="/"))


# Connecting and joining ------------------------------------------------------------------

def test_anonymous_socket_is_refused(app):
    sock = isolated(socketio.test_client, app, flask_test_client=app.test_client())
    assert not sock.is_connected()


def test_socket_joins_its_person_and_login_rooms(create_user, login, socket_for):
    user = create_user()
    api = login(user)
    sock = socket_for(api)
    token = db.session.scalar(select(LoginSession.token).where(LoginSession.user_id == user.id))
    assert {f"user:{user.id}", f"login:{token}"} <= _rooms(sock)


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


def test_a_person_joins_only_meetings_they_may_see(
        create_meeting, create_body, create_user, secretariat, login, tablet):
    from meeting.meetings import operations

    published = create_meeting(status="published")
    draft = create_meeting(status="draft", body=published.body)
    other_body = create_meeting(status="in_session", body=create_body(code="BTV", members=2))
    member = members_of(published)[1]
    guest, stranger = create_user("khach", roles=["guest"]), create_user("khach2", roles=["guest"])
    operations.invite_guest(None, published, guest)

    cases = [(member, published, True), (member, draft, False), (member, other_body, False),
             (guest, published, True), (guest, other_body, False), (stranger, published, False),
             (secretariat, draft, True), (secretariat, other_body, True)]
    for user, meeting, allowed in cases:
        sock = tablet(user)
        ack = join(sock, meeting)
        if allowed:
            assert ack == {"ok": True, "seq": live_seq(meeting.id)}, (user, meeting.status)
            assert f"meeting:{meeting.id}" in _rooms(sock)
        else:
            assert ack["ok"] is False and ack["status"] == 404, (user, meeting.status)
            assert f"meeting:{meeting.id}" not in _rooms(sock)
    ack = tablet(member).emit("join", {"meeting_id": 999_999}, callback=True)
    assert ack["ok"] is False and ack["status"] == 404


def test_only_who_may_chair_joins_the_chair_room(create_meeting, secretariat, tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate = members_of(meeting)[:2]
    room = f"meeting:{meeting.id}:chair"
    assert room in _rooms(tablet(chair, meeting))
    assert room in _rooms(tablet(secretariat, meeting))
    delegate_rooms = _rooms(tablet(delegate, meeting))
    assert room not in delegate_rooms and f"meeting:{meeting.id}" in delegate_rooms


# Malformed payloads ------------------------------------------------------------------------

NO_ARGUMENT = object()
BAD_MEETING_IDS = [NO_ARGUMENT, None, "1", 1, [1], {}, {"meeting_id": None},
                   {"meeting_id": "MID-AS-TEXT"}, {"meeting_id": 1.0}, {"meeting_id": True},
                   {"meeting_id": [1]}]
EVENTS = ["join", "leave", "agenda.set_current", "attendance.check_in", "speaker.request",
          "speaker.withdraw"]
# Every kind of bad meeting_id on join; on the other events (the same check) a sample.
BAD_PAYLOADS = [("join", payload) for payload in BAD_MEETING_IDS] + [
    (event, payload) for event in EVENTS[1:]
    for payload in (NO_ARGUMENT, "1", {"meeting_id": "MID-AS-TEXT"}, {"meeting_id": True})] + [
    ("agenda.set_current", {"meeting_id": "MID", "item_id": "ITEM"}),
    ("agenda.set_current", {"meeting_id": "MID", "item_id": 1.5}),
    ("agenda.set_current", {"meeting_id": "MID", "item_id": True}),
    ("agenda.set_current", {"meeting_id": "MID", "item_id": ["ITEM"]}),
    ("agenda.set_current", {"meeting_id": "MID", "item_id": {"id": "ITEM"}}),
    ("speaker.withdraw", {"meeting_id": "MID"}),
    ("speaker.withdraw", {"meeting_id": "MID", "request_id": None}),
    ("speaker.withdraw", {"meeting_id": "MID", "request_id": "REQUEST"}),
    ("speaker.withdraw", {"meeting_id": "MID", "request_id": False}),
    ("speaker.withdraw", {"meeting_id": "MID", "request_id": 1.0}),
]


def _fill(payload, meeting, request_id):
    """Put the real ids into a payload template (as strings where it says so)."""
    if isinstance(payload, dict):
        return {k: _fill(v, meeting, request_id) for k, v in payload.items()}
    if isinstance(payload, list):
        return [_fill(v, meeting, request_id) for v in payload]
    if payload == "MID":
        return meeting.id
    if payload == "MID-AS-TEXT":
        return str(meeting.id)
    if payload == "ITEM":
        return str(meeting.items[1].id)
    if payload == "REQUEST":
        return str(request_id)
    if payload == 1.0 and type(payload) is float:
        return float(meeting.id)
    return payload


@pytest.mark.parametrize(("event", "payload"), BAD_PAYLOADS,
                         ids=[f"{e}-{p if p is not NO_ARGUMENT else 'none'}"
                              for e, p in BAD_PAYLOADS])
def test_malformed_payload_gets_an_error_and_changes_nothing(
        event, payload, create_meeting, login, tablet, announcements):
    meeting = create_meeting(status="in_session", members=3)
    chair, delegate, watcher = members_of(meeting)[:3]
    chair_api, delegate_api = login(chair), login(delegate)
    chair_api.put(f"/api/v1/meetings/{meeting.id}/agenda/current",
                  {"item_id": meeting.items[0].id})
    request_id = delegate_api.post(f"/api/v1/meetings/{meeting.id}/speakers").json["queue"][0]["id"]
    # The chair could do each of these with a well-formed payload.
    sock = tablet(chair, meeting, api=chair_api)
    watching = tablet(watcher, meeting)
    before, seq, sent = _snapshot(delegate_api, meeting), live_seq(meeting.id), len(announcements)

    args = () if payload is NO_ARGUMENT else (_fill(payload, meeting, request_id),)
    ack = sock.emit(event, *args, callback=True)

    assert ack["ok"] is False and ack["status"] == 400 and ack["error"], ack
    assert sock.is_connected()
    assert live_seq(meeting.id) == seq and len(announcements) == sent
    assert received(watching) == []
    assert _snapshot(delegate_api, meeting) == before


def test_extra_arguments_are_malformed_too(create_meeting, tablet):
    meeting = create_meeting(status="in_session")
    sock = tablet(members_of(meeting)[0])
    ack = sock.emit("join", {"meeting_id": meeting.id}, "extra", callback=True)
    assert ack["ok"] is False and ack["status"] == 400
    assert f"meeting:{meeting.id}" not in _rooms(sock)


# Sequence numbers --------------------------------------------------------------------------

def _series(meeting, chair_api, delegate_api, other_api, secretariat_api, chair_sock,
            delegate_sock, other):
    """Change the meeting in every way a meeting day does, over HTTP and sockets."""
    base = f"/api/v1/meetings/{meeting.id}"
    items = meeting.items

    def ok(response, status=(200, 201, 204)):
        assert response.status_code in status, response.json

    def acked(ack):
        assert ack["ok"] is True, ack

    ok(delegate_api.put(f"{base}/attendance/me", {"response": "attending"}))
    ok(other_api.put(f"{base}/attendance/me", {"response": "excused", "reason": "Đi công tác"}))
    ok(chair_api.post(f"{base}/status", {"status": "in_session"}))
    acked(chair_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                                 "item_id": items[0].id}, callback=True))
    acked(delegate_sock.emit("attendance.check_in", {"meeting_id": meeting.id}, callback=True))
    ok(secretariat_api.put(f"{base}/attendance/{other.id}", {"presence": "absent"}))
    acked(delegate_sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True))
    request_id = delegate_api.get(f"{base}/speakers").json["queue"][0]["id"]
    ok(chair_api.post(f"{base}/speakers/{request_id}/floor", {"limit_seconds": 120}))
    ok(chair_api.post(f"{base}/speakers/{request_id}/end"))
    ok(chair_api.post(f"{base}/agenda/step", {"direction": 1}))
    acked(delegate_sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True))
    request_id = delegate_api.get(f"{base}/speakers").json["queue"][0]["id"]
    acked(delegate_sock.emit("speaker.withdraw", {"meeting_id": meeting.id,
                                                  "request_id": request_id}, callback=True))
    ok(secretariat_api.post(f"{base}/agenda", {"title": "Nội dung bổ sung",
                                               "planned_minutes": 10}))
    order = [i["id"] for i in delegate_api.get(f"{base}/agenda").json["items"]]
    ok(secretariat_api.put(f"{base}/agenda/order", {"item_ids": order[::-1]}))
    acked(chair_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                                 "item_id": None}, callback=True))


@pytest.fixture
def meeting_day(create_meeting, secretariat, login, tablet):
    """A published meeting with the chair's, two delegates' and the secretariat's devices."""
    meeting = create_meeting(status="published")
    chair, delegate, other = members_of(meeting)[:3]
    apis = {"chair": login(chair), "delegate": login(delegate), "other": login(other),
            "secretariat": login(secretariat)}
    socks = {"chair": tablet(chair, meeting, api=apis["chair"]),
             "delegate": tablet(delegate, meeting, api=apis["delegate"])}

    def run():
        _series(meeting, apis["chair"], apis["delegate"], apis["other"], apis["secretariat"],
                socks["chair"], socks["delegate"], other)

    return meeting, apis, socks, run


def test_every_announcement_to_a_meeting_is_numbered_and_committed_first(
        meeting_day, announcements):
    meeting, apis, socks, run = meeting_day
    start = live_seq(meeting.id)
    run()

    to_room = [a for a in announcements if a.room == f"meeting:{meeting.id}"]
    assert len(to_room) >= 15
    seqs = [a.payload["seq"] for a in to_room]
    assert seqs == list(range(start + 1, start + 1 + len(seqs)))
    for sent in to_room:
        assert sent.payload["meeting_id"] == meeting.id
        assert sent.committed_seq >= sent.payload["seq"], sent
    elsewhere = [a for a in announcements if a.room != f"meeting:{meeting.id}"]
    assert all("seq" not in a.payload for a in elsewhere)
    assert live_seq(meeting.id) == seqs[-1]

    heard = [payload["seq"] for _, payload in received(socks["delegate"]) if "seq" in payload]
    assert heard == seqs


def test_snapshot_matches_the_state_announced(meeting_day):
    meeting, apis, socks, run = meeting_day
    initial = _snapshot(apis["delegate"], meeting)
    run()
    events = received(socks["delegate"])
    last_seq = max(p["seq"] for _, p in events if "seq" in p)

    final = _snapshot(apis["delegate"], meeting)
    assert final["seq"] >= last_seq
    assert replay(initial, events) == final
    assert final["agenda"]["current_item_id"] is None
    assert final["me"]["presence"] == "present"

    # A tablet that joins late starts from the snapshot the join points it to.
    late = socks["chair"].emit("join", {"meeting_id": meeting.id}, callback=True)
    assert late["seq"] == final["seq"]


def test_refused_operations_announce_nothing_and_keep_seq(
        create_meeting, secretariat, login, tablet, announcements):
    meeting = create_meeting(status="published")
    chair, delegate, watcher = members_of(meeting)[:3]
    chair_sock, delegate_sock = tablet(chair, meeting), tablet(delegate, meeting)
    watching = tablet(watcher, meeting)
    delegate_api, secretariat_sock = login(delegate), tablet(secretariat, meeting)
    base = f"/api/v1/meetings/{meeting.id}"
    other = create_meeting(status="in_session", body=meeting.body)
    seq, sent = live_seq(meeting.id), len(announcements)

    def refused(ack, status):
        assert ack["ok"] is False and ack["status"] == status, ack

    item = {"meeting_id": meeting.id, "item_id": meeting.items[0].id}
    refused(chair_sock.emit("agenda.set_current", item, callback=True), 409)  # not in session
    refused(delegate_sock.emit("agenda.set_current", item, callback=True), 403)
    assert delegate_api.put(f"{base}/agenda/current",
                            {"item_id": meeting.items[0].id}).status_code == 403
    refused(delegate_sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True),
            409)
    refused(secretariat_sock.emit("attendance.check_in", {"meeting_id": meeting.id},
                                  callback=True), 403)
    refused(delegate_sock.emit("speaker.withdraw", {"meeting_id": meeting.id,
                                                    "request_id": 424242}, callback=True), 404)

    from meeting.meetings import operations

    operations.change_status(chair, meeting, "in_session")
    received(watching)
    seq, sent = live_seq(meeting.id), len(announcements)
    refused(chair_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                                   "item_id": other.items[0].id},
                            callback=True), 404)
    refused(delegate_sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True),
            409)  # no current item

    assert live_seq(meeting.id) == seq and len(announcements) == sent
    assert received(watching) == []
    db.session.expire_all()
    assert meeting.current_item is None and other.current_item is None


# State changes over the socket go through the operations -----------------------------------

def _audit(action, meeting):
    return list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == action, AuditEntry.meeting_id == meeting.id)))


def test_chair_sets_the_current_item_over_the_socket_a_delegate_cannot(
        create_meeting, secretariat, tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate, watcher = members_of(meeting)[:3]
    chair_sock, delegate_sock = tablet(chair, meeting), tablet(delegate, meeting)
    watching = tablet(watcher, meeting)
    first, second = meeting.items[:2]

    ack = delegate_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                                    "item_id": first.id}, callback=True)
    assert ack["ok"] is False and ack["status"] == 403
    assert _audit("agenda.set_current", meeting) == [] and received(watching) == []

    ack = chair_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                                 "item_id": first.id}, callback=True)
    assert ack == {"ok": True}
    [entry] = _audit("agenda.set_current", meeting)
    assert entry.user_id == chair.id and entry.after == {"current_item_id": first.id}
    events = received(watching)
    assert [e for e, _ in events] == ["agenda.current", "speakers.changed"]
    assert events[0][1]["current_item_id"] == first.id

    ack = tablet(secretariat, meeting).emit(
        "agenda.set_current", {"meeting_id": meeting.id, "item_id": second.id}, callback=True)
    assert ack == {"ok": True}
    db.session.expire_all()
    assert meeting.current_item.id == second.id and first.status == "done"


def test_check_in_over_the_socket(create_meeting, create_user, secretariat, login, tablet):
    meeting = create_meeting(status="in_session")
    delegate, watcher = members_of(meeting)[1:3]
    sock, watching = tablet(delegate, meeting), tablet(watcher, meeting)

    assert sock.emit("attendance.check_in", {"meeting_id": meeting.id},
                     callback=True) == {"ok": True}
    row = db.session.scalar(select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                     Attendance.user_id == delegate.id))
    assert row.presence == "present" and row.checked_in_dt is not None
    [entry] = _audit("attendance.check_in", meeting)
    assert entry.user_id == delegate.id
    [(event, payload)] = received(watching)
    assert event == "attendance.changed" and payload["quorum"]["present"] == 1
    # Checking in again changes nothing and announces nothing.
    assert sock.emit("attendance.check_in", {"meeting_id": meeting.id},
                     callback=True) == {"ok": True}
    assert received(watching) == []

    ack = tablet(secretariat, meeting).emit("attendance.check_in", {"meeting_id": meeting.id},
                                            callback=True)
    assert ack["ok"] is False and ack["status"] == 403
    closed = create_meeting(status="closed", body=meeting.body)
    ack = sock.emit("attendance.check_in", {"meeting_id": closed.id}, callback=True)
    assert ack["ok"] is False and ack["status"] == 409


def test_request_and_withdraw_the_floor_over_the_socket(create_meeting, create_body, login,
                                                        tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate, other = members_of(meeting)[:3]
    chair_sock, sock = tablet(chair, meeting), tablet(delegate, meeting)
    other_sock = tablet(other, meeting)
    chair_sock.emit("agenda.set_current", {"meeting_id": meeting.id,
                                           "item_id": meeting.items[0].id}, callback=True)
    received(other_sock)

    assert sock.emit("speaker.request", {"meeting_id": meeting.id},
                     callback=True) == {"ok": True}
    [(event, payload)] = received(other_sock)
    assert event == "speakers.changed"
    [waiting] = payload["queue"]
    assert waiting["user_id"] == delegate.id and waiting["item_id"] == meeting.items[0].id
    ack = sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True)
    assert ack["ok"] is False and ack["status"] == 409

    mine = {"meeting_id": meeting.id, "request_id": waiting["id"]}
    ack = other_sock.emit("speaker.withdraw", mine, callback=True)
    assert ack["ok"] is False and ack["status"] == 403
    foreign = create_meeting(status="in_session", body=create_body(code="BTV", members=2))
    ack = tablet(members_of(foreign)[0], foreign).emit(
        "speaker.withdraw", {"meeting_id": foreign.id, "request_id": waiting["id"]},
        callback=True)
    assert ack["ok"] is False and ack["status"] == 404
    assert received(other_sock) == []

    assert sock.emit("speaker.withdraw", mine, callback=True) == {"ok": True}
    [(event, payload)] = received(other_sock)
    assert event == "speakers.changed" and payload["queue"] == []
    ack = sock.emit("speaker.withdraw", mine, callback=True)
    assert ack["ok"] is False and ack["status"] == 409
    assert [e.user_id for e in _audit("speaker.withdraw", meeting)] == [delegate.id]

    # The chair may take someone else's request off the queue.
    other_sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True)
    theirs = db.session.scalar(select(SpeakerRequest.id).where(
        SpeakerRequest.user_id == other.id, SpeakerRequest.status == "waiting"))
    assert chair_sock.emit("speaker.withdraw", {"meeting_id": meeting.id, "request_id": theirs},
                           callback=True) == {"ok": True}
    assert db.session.get(SpeakerRequest, theirs).status == "withdrawn"


def test_a_new_member_changes_the_quorum_on_every_tablet(
        create_meeting, create_user, login, socket_for):
    from meeting.meetings import operations

    meeting = create_meeting(status="in_session", members=6)
    delegate = members_of(meeting)[1]
    tablet = socket_for(login(delegate))
    assert tablet.emit("join", {"meeting_id": meeting.id}, callback=True)["ok"]
    tablet.get_received()

    newcomer = create_user("newcomer")
    membership = operations.add_member(None, meeting.term, newcomer)
    operations.end_membership(None, membership, membership.term.start_date)

    totals = [e["quorum"]["total"] for e in tablet.events("attendance.changed")]
    assert totals == [7, 6]

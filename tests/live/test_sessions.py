"""A login session ends on the server, and its sockets end with it."""

from sqlalchemy import delete, select

from meeting.auth import operations as accounts
from meeting.auth.models import LoginSession
from meeting.extensions import db, socketio
from meeting.live.models import Connection
from meeting.meetings.models import SpeakerRequest
from tests.conftest import isolated, members_of
from tests.live.conftest import live_seq, received


def _events(sock):
    return [event for event, _ in received(sock)]


def _connections(user):
    db.session.expire_all()
    return list(db.session.scalars(select(Connection).where(Connection.user_id == user.id)))


def _reconnect(app, api):
    sock = isolated(socketio.test_client, app, flask_test_client=api.client)
    return sock.is_connected()


def test_logout_ends_the_sockets_of_that_login_only(app, create_meeting, login, tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate = members_of(meeting)[:2]
    chair_sock = tablet(chair, meeting)
    tablet_api, laptop_api = login(delegate), login(delegate)
    on_tablet = tablet(delegate, meeting, api=tablet_api)
    also_on_tablet = tablet(delegate, api=tablet_api)
    on_laptop = tablet(delegate, meeting, api=laptop_api)
    received(chair_sock)

    response = tablet_api.form("/logout", {})
    assert response.status_code == 302

    for sock in (on_tablet, also_on_tablet):
        assert not sock.is_connected()
        assert _events(sock) == ["session.ended"]
    assert on_laptop.is_connected() and _events(on_laptop) == []
    [row] = _connections(delegate)
    [laptop_token] = db.session.scalars(select(LoginSession.token).where(
        LoginSession.user_id == delegate.id))
    assert row.login_token == laptop_token and row.meeting_id == meeting.id
    # The person is still online on the laptop.
    assert _events(chair_sock) == ["presence.changed"]

    # The cookie of the ended session opens no socket and reads nothing.
    assert not _reconnect(app, tablet_api)
    assert tablet_api.get(f"/api/v1/meetings/{meeting.id}/snapshot").status_code == 401
    assert _reconnect(app, laptop_api)


def test_disabling_an_account_ends_all_its_sockets(app, create_meeting, create_user, login,
                                                   tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate, other = members_of(meeting)[:3]
    admin = create_user("quantri", roles=["admin"])
    chair_sock = tablet(chair, meeting)
    apis = [login(delegate), login(delegate)]
    socks = [tablet(delegate, meeting, api=apis[0]), tablet(delegate, api=apis[1])]
    bystander = tablet(other, meeting)
    received(chair_sock)

    accounts.set_user_enabled(admin, delegate, False)

    for sock in socks:
        assert not sock.is_connected()
        assert _events(sock) == ["session.ended"]
    assert _connections(delegate) == []
    assert bystander.is_connected() and _events(bystander) == []
    assert chair_sock.is_connected()
    [(event, payload)] = received(chair_sock)
    assert event == "presence.changed" and delegate.id not in payload["online_user_ids"]
    assert not _reconnect(app, apis[0])


def test_a_new_password_ends_the_sockets_too(create_meeting, create_user, login, tablet):
    meeting = create_meeting(status="in_session")
    delegate = members_of(meeting)[1]
    admin = create_user("quantri", roles=["admin"])
    sock = tablet(delegate, meeting)

    accounts.update_user(admin, delegate, password="a-new-password")

    assert not sock.is_connected() and _events(sock) == ["session.ended"]


def test_an_event_with_a_revoked_session_is_refused(app, create_meeting, login, tablet):
    meeting = create_meeting(status="in_session")
    chair, delegate, watcher = members_of(meeting)[:3]
    login(chair).put(f"/api/v1/meetings/{meeting.id}/agenda/current",
                     {"item_id": meeting.items[0].id})
    api = login(delegate)
    sock = tablet(delegate, meeting, api=api)
    watching = tablet(watcher, meeting)
    seq = live_seq(meeting.id)

    # The login session disappears without its sockets being told (another server process,
    # a database restore): the next event must not be carried out.
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == delegate.id))
    db.session.commit()
    ack = sock.emit("speaker.request", {"meeting_id": meeting.id}, callback=True)

    assert ack["ok"] is False and ack["error"]
    assert not sock.is_connected()
    assert db.session.scalar(select(SpeakerRequest.id)) is None
    assert live_seq(meeting.id) == seq
    assert _events(watching) == []
    assert _connections(delegate) == []
    assert not _reconnect(app, api)


def test_a_disabled_account_cannot_connect(app, create_user, login):
    user = create_user()
    api = login(user)
    db.session.get(type(user), user.id).is_enabled = False
    db.session.commit()
    assert not _reconnect(app, api)

"""Logging in and out over HTTP: messages, throttling, server-side sessions, CSRF, first run."""

import html
import re

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from meeting.auth import operations as ops
from meeting.auth.models import LoginSession, User
from meeting.core.models import AuditEntry
from meeting.extensions import db
from meeting.meetings.models import AgendaItem, Attendance, Body
from tests.conftest import PASSWORD, csrf_token, isolated, members_of


def english_client(app):
    """Return a test client whose session asks for English, and its CSRF token."""
    client = app.test_client()
    token = csrf_token(client)
    isolated(client.post, "/language", data={"csrf_token": token, "lang": "en"})
    return client, token


def post_login(client, token, username, password, **kwargs):
    return isolated(client.post, "/login", data={"csrf_token": token, "username": username,
                                                 "password": password}, **kwargs)


def session_cookie(client):
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def replay(app, cookie):
    """Send a saved session cookie from a new device; return the API's answer."""
    client = app.test_client()
    client.set_cookie("session", cookie)
    return isolated(client.get, "/api/v1/meetings", headers={"Accept": "application/json"})


def sessions_of(user):
    return db.session.scalar(select(func.count()).select_from(LoginSession).where(
        LoginSession.user_id == user.id))


# The login page ------------------------------------------------------------------------

def test_login_page_renders_a_form_with_a_csrf_token(app):
    response = isolated(app.test_client().get, "/login")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'name="username"' in page and 'name="password"' in page
    assert re.search(r'name="csrf_token" type="hidden" value="[^"]+"', page)
    assert '<html lang="vi">' in page  # Vietnamese unless the person asks otherwise


def test_right_password_opens_a_session_and_lands_on_my_meetings(app, create_user):
    user = create_user("dbieu")
    client, token = english_client(app)
    response = post_login(client, token, "DBieu", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/meetings")
    assert sessions_of(user) == 1
    assert isolated(client.get, "/api/v1/meetings").status_code == 200


@pytest.mark.parametrize(("target", "expected"), [
    ("/meetings/7", "/meetings/7"),
    ("//evil.example/steal", "/meetings"),
    ("https://evil.example/", "/meetings"),
])
def test_login_follows_only_local_next_links(app, create_user, target, expected):
    create_user("dbieu")
    client, token = english_client(app)
    response = isolated(client.post, "/login", query_string={"next": target},
                        data={"csrf_token": token, "username": "dbieu", "password": PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == expected or location.endswith("localhost" + expected)


@pytest.mark.parametrize(("username", "password"), [
    ("dbieu", "wrong-password"),   # wrong password
    ("nobody", PASSWORD),          # unknown person: the same message, nothing revealed
    ("tamkhoa", PASSWORD),         # disabled account
])
def test_a_refused_login_says_so_clearly_with_status_400(app, create_user, username, password):
    create_user("dbieu")
    disabled = create_user("tamkhoa")
    ops.set_user_enabled(None, disabled, False)
    client, token = english_client(app)
    response = post_login(client, token, username, password)
    assert response.status_code == 400
    assert "Wrong username or password, or the account is disabled." in \
        response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0
    assert isolated(client.get, "/api/v1/meetings").status_code == 401


def test_an_empty_login_form_names_the_missing_fields(app):
    client, token = english_client(app)
    response = post_login(client, token, "", "")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please enter your username." in page
    assert "Please enter your password." in page


def test_the_refusal_is_in_vietnamese_by_default(app, create_user):
    create_user("dbieu")
    client = app.test_client()
    response = post_login(client, csrf_token(client), "dbieu", "wrong-password")
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert '<html lang="vi">' in page
    with force_locale("vi"):
        assert gettext("Wrong username or password, or the account is disabled.") in page


# Throttling ----------------------------------------------------------------------------

@pytest.fixture
def small_login_limit(app_config):
    """Set a small per-account login limit before the app is built."""
    app_config.LOGIN_RATE_LIMIT = "3 per minute"


@pytest.mark.usefixtures("small_login_limit")
def test_logins_are_throttled_per_username(app, create_user):
    create_user("dbieu")
    create_user("khac")
    client, token = english_client(app)
    for _ in range(3):
        assert post_login(client, token, "dbieu", "wrong").status_code == 400
    # The fourth attempt is refused even with the right password, and the name is
    # matched as login matches it (case and spaces do not matter).
    response = post_login(client, token, " DBIEU ", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    response = isolated(client.post, "/login", headers={"Accept": "application/json"},
                        data={"csrf_token": token, "username": "dbieu", "password": PASSWORD})
    assert response.status_code == 429 and response.json["error"]
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0
    # Another account from the same address is not locked out.
    assert post_login(client, token, "khac", PASSWORD).status_code == 302


# Logout and disabling end the session on the server --------------------------------------

def test_logout_ends_the_session_on_the_server(app, create_user, login):
    user = create_user("dbieu")
    api = login(user)
    other_device = login(user)
    cookie = session_cookie(api.client)
    assert replay(app, cookie).status_code == 200

    response = api.form("/logout", {})
    assert response.status_code == 302 and "/login" in response.headers["Location"]

    refused = replay(app, cookie)
    assert refused.status_code == 401
    assert refused.is_json and refused.json["error"]
    assert api.get("/api/v1/meetings").status_code == 401
    # Only that login ended: the person's other device goes on.
    assert other_device.get("/api/v1/meetings").status_code == 200
    assert sessions_of(user) == 1
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "auth.logout")) == 1


def test_logout_needs_the_csrf_token(app, create_user, login):
    api = login(create_user("dbieu"))
    response = isolated(api.client.post, "/logout", headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert api.get("/api/v1/meetings").status_code == 200


def test_disabling_an_account_ends_its_sessions(app, create_user, login, socket_for):
    admin = create_user("quantri", roles=["admin"])
    user = create_user("dbieu")
    api = login(user)
    cookie = session_cookie(api.client)
    sock = socket_for(api)
    assert sock.is_connected()

    ops.set_user_enabled(admin, user, False)
    assert replay(app, cookie).status_code == 401
    assert api.get("/api/v1/meetings").status_code == 401
    assert not sock.is_connected()

    # Enabling the account again does not revive the old cookie.
    ops.set_user_enabled(admin, user, True)
    assert replay(app, cookie).status_code == 401


def test_disabling_through_the_admin_page_ends_the_sessions(app, create_user, login):
    admin = create_user("quantri", roles=["admin"])
    user = create_user("dbieu", roles=["delegate"], full_name="Đại Biểu")
    cookie = session_cookie(login(user).client)
    response = login(admin).form(f"/admin/users/{user.id}", {
        "username": "dbieu", "full_name": "Đại Biểu", "title": "", "unit_id": "0",
        "roles": ["delegate"]})  # "is_enabled" left unticked
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert not user.is_enabled
    assert replay(app, cookie).status_code == 401


# CSRF ----------------------------------------------------------------------------------

def test_json_calls_without_the_csrf_token_are_refused(app, create_meeting, login):
    meeting = create_meeting(status="in_session")
    chair, delegate = members_of(meeting)[:2]
    items = len(meeting.items)
    for user, method, url, body in [
        (chair, "PUT", f"/api/v1/meetings/{meeting.id}/agenda/current",
         {"item_id": meeting.items[0].id}),
        (delegate, "PUT", f"/api/v1/meetings/{meeting.id}/attendance/me",
         {"response": "attending"}),
        (delegate, "POST", f"/api/v1/meetings/{meeting.id}/attendance/me/check-in", None),
        (chair, "POST", f"/api/v1/meetings/{meeting.id}/agenda", {"title": "Thêm"}),
    ]:
        api = login(user)
        for headers in ({"Accept": "application/json"},
                        {"Accept": "application/json", "X-CSRFToken": "forged"}):
            response = isolated(api.client.open, url, method=method, json=body,
                                headers=headers)
            assert response.status_code == 400, (url, response.status_code)
            assert response.json["error"]
    db.session.expire_all()
    assert meeting.current_item is None
    assert db.session.scalar(select(func.count()).select_from(Attendance)) == 0
    assert db.session.scalar(select(func.count()).select_from(AgendaItem)) == items


def test_forms_without_the_csrf_token_are_refused(app, secretariat, login):
    api = login(secretariat)
    for data in ({"code": "BTV", "name": "Ban Thường vụ Tỉnh ủy"},
                 {"code": "BTV", "name": "Ban Thường vụ Tỉnh ủy", "csrf_token": "forged"}):
        response = isolated(api.client.post, "/bodies", data=data,
                            headers={"Accept": "text/html"})
        assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Body)) == 0
    # The same form with the token goes through.
    assert api.form("/bodies", {"code": "BTV", "name": "Ban Thường vụ"}).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Body)) == 1


def test_a_login_without_the_csrf_token_is_refused(app, create_user):
    create_user("dbieu")
    client = app.test_client()
    response = isolated(client.post, "/login", data={"username": "dbieu",
                                                     "password": PASSWORD})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(LoginSession)) == 0


# First run: no default account, create-admin -------------------------------------------

def test_a_migrated_database_has_no_account(migrated_app):
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert "users" in db.inspect(db.engine).get_table_names()


def test_create_admin_makes_the_first_account(migrated_app):
    runner = migrated_app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "--username", "QuanTri",
                                 "--full-name", "Quản Trị Viên", "--password", "mật-khẩu-đủ-dài"])
    assert result.exit_code == 0, result.output
    assert "quantri" in result.output.lower()
    user = db.session.scalar(select(User))
    assert user.username == "quantri" and user.full_name == "Quản Trị Viên"
    assert user.roles == {"admin"}
    assert ops.log_in("quantri", "mật-khẩu-đủ-dài") is not None

    # The same name twice, or a short password, is refused with a message and no account.
    result = runner.invoke(args=["create-admin", "--username", "quantri",
                                 "--full-name", "Ai Đó", "--password", "mật-khẩu-khác"])
    assert result.exit_code != 0
    assert "already taken" in result.output or "đã có" in result.output
    result = runner.invoke(args=["create-admin", "--username", "khac",
                                 "--full-name", "Ai Đó", "--password", "ngắn"])
    assert result.exit_code != 0
    assert "8" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_create_admin_asks_for_what_is_missing(migrated_app):
    runner = migrated_app.test_cli_runner()
    result = runner.invoke(args=["create-admin"],
                           input="admin\nQuản Trị\nmật-khẩu-dài\nmật-khẩu-dài\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.username)) == "admin"

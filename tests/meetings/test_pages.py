"""The HTML pages: who may open each one, and the secretariat's forms with bad input."""

import html

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from meeting.auth.models import User
from meeting.extensions import db
from meeting.meetings import operations
from meeting.meetings.models import AgendaItem, Body, Meeting, MeetingGuest, Membership, Term
from tests.conftest import isolated, members_of


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def text_of(response):
    return html.unescape(response.get_data(as_text=True))


def in_english(api):
    """Switch the client's session to English, so messages can be compared."""
    response = api.form("/language", {"lang": "en", "next": "/meetings"})
    assert response.status_code == 302
    return api


@pytest.fixture
def cast(create_meeting, create_user, secretariat, login):
    """A published meeting and a draft of the same body, and everyone around them."""
    meeting = create_meeting(status="published", items=2)
    draft = create_meeting(status="draft", items=1, body=meeting.body)
    guest = create_user("khach", roles=["guest"])
    operations.invite_guest(None, meeting, guest)
    people = {"admin": create_user("quantri", roles=["admin"]),
              "secretariat": secretariat, "chair": meeting.chair,
              "delegate": members_of(meeting)[1], "guest": guest,
              "outsider": create_user("ngoai")}
    return {"meeting": meeting, "draft": draft, "people": people, "login": login}


PAGES = {
    # page: the people who get 200; the others get the status in the second column.
    "/meetings": ({"admin", "secretariat", "chair", "delegate", "guest", "outsider"}, None),
    "/meetings/{m}": ({"admin", "secretariat", "chair", "delegate", "guest"}, 404),
    "/meetings/{m}/projector": ({"admin", "secretariat", "chair", "delegate", "guest"}, 404),
    "/meetings/{draft}": ({"admin", "secretariat"}, 404),
    "/meetings/{draft}/projector": ({"admin", "secretariat"}, 404),
    "/meetings/{m}/build": ({"admin", "secretariat"}, 403),
    "/meetings/{m}/edit": ({"admin", "secretariat"}, 403),
    "/meetings/{m}/items/{item}/edit": ({"admin", "secretariat"}, 403),
    "/meetings/new": ({"admin", "secretariat"}, 403),
    "/bodies": ({"admin", "secretariat"}, 403),
    "/bodies/{body}": ({"admin", "secretariat"}, 403),
    "/admin/users": ({"admin"}, 403),
    "/admin/users/new": ({"admin"}, 403),
    "/admin/users/{user}": ({"admin"}, 403),
    "/admin/audit": ({"admin"}, 403),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_opens_for_the_right_people_only(cast, page):
    meeting = cast["meeting"]
    url = page.format(m=meeting.id, draft=cast["draft"].id, item=meeting.items[0].id,
                      body=meeting.body_id, user=cast["people"]["delegate"].id)
    allowed, refused = PAGES[page]
    for who, user in cast["people"].items():
        response = cast["login"](user).page(url)
        expected = 200 if who in allowed else refused
        assert response.status_code == expected, (who, url, response.status_code)
        assert response.mimetype == "text/html"


def test_the_chair_console_is_for_the_chair_and_the_secretariat(cast):
    m = cast["meeting"].id
    expected = {"admin": 200, "secretariat": 200, "chair": 200, "delegate": 403,
                "guest": 403, "outsider": 404}
    for who, user in cast["people"].items():
        response = cast["login"](user).page(f"/meetings/{m}/chair")
        assert response.status_code == expected[who], who


def test_my_meetings_lists_only_what_the_person_takes_part_in(cast, create_meeting,
                                                              create_body):
    meeting, draft = cast["meeting"], cast["draft"]
    other = create_meeting(status="published", body=create_body(code="BTV", members=2))
    operations.update_meeting(None, other, title="Hội nghị Ban Thường vụ Tỉnh ủy",
                              start_dt=other.start_dt, end_dt=other.end_dt)
    operations.update_meeting(None, draft, title="Dự thảo chưa công bố",
                              start_dt=draft.start_dt, end_dt=draft.end_dt)
    login = cast["login"]
    page = text_of(login(cast["people"]["delegate"]).page("/meetings"))
    assert f"/meetings/{meeting.id}" in page
    assert f"/meetings/{draft.id}\"" not in page and "Dự thảo chưa công bố" not in page
    assert "Hội nghị Ban Thường vụ Tỉnh ủy" not in page
    page = text_of(login(cast["people"]["guest"]).page("/meetings"))
    assert f"/meetings/{meeting.id}" in page and "Hội nghị Ban Thường vụ Tỉnh ủy" not in page
    page = text_of(login(cast["people"]["secretariat"]).page("/meetings"))
    assert "Dự thảo chưa công bố" in page and "Hội nghị Ban Thường vụ Tỉnh ủy" in page


def test_unknown_ids_give_404_never_500(cast):
    sec = cast["login"](cast["people"]["admin"])
    m = cast["meeting"].id
    for url in ["/meetings/987654", f"/meetings/{2**31}", f"/meetings/{10**30}",
                "/meetings/987654/chair", "/meetings/987654/build", "/bodies/987654",
                f"/meetings/{m}/items/987654/edit", f"/bodies/{10**25}",
                "/admin/users/987654", f"/admin/users/{10**25}", "/meetings/abc"]:
        assert sec.page(url).status_code == 404, url
    for url, data in [(f"/meetings/{m}/items/987654/move", {"direction": "up"}),
                      (f"/meetings/{m}/items/987654/delete", {}),
                      (f"/meetings/{m}/attendance/987654", {"presence": "present"}),
                      ("/memberships/987654/end", {}),
                      (f"/meetings/{10**30}/status", {"status": "closed"})]:
        assert sec.form(url, data).status_code == 404, url


def test_anonymous_visitors_are_sent_to_the_login_page(app, cast):
    client = app.test_client()
    for url in ("/meetings", f"/meetings/{cast['meeting'].id}", "/bodies", "/admin/audit"):
        response = isolated(client.get, url, headers={"Accept": "text/html"})
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_the_audit_log_can_be_filtered(cast):
    admin = cast["login"](cast["people"]["admin"])
    meeting = cast["meeting"]
    page = text_of(admin.page(f"/admin/audit?action=meeting.&meeting_id={meeting.id}"))
    assert "meeting.create" in page and "meeting.published" in page
    assert "user.create" not in page and "agenda.add" not in page
    page = text_of(admin.page("/admin/audit?action=user."))
    assert "user.create" in page and "meeting.create" not in page
    for query in ("user_id=abc", f"user_id={10**30}", f"meeting_id={10**30}", "page=-3",
                  "page=abc", f"page={10**30}", "action=%25", "user_id=-1"):
        assert admin.page(f"/admin/audit?{query}").status_code == 200, query
    # PostgreSQL refuses a NUL byte in text: a bad request, never a server error.
    assert admin.page("/admin/audit?action=%00").status_code in (200, 400)


# Forms with bad input ------------------------------------------------------------------

def _meeting_form(body, **change):
    return {"body_id": str(body.id), "title": "Hội nghị lần thứ 9", "number": "",
            "start_dt": "2031-03-01T08:00", "end_dt": "2031-03-01T11:00", "room": "Hội trường",
            "chair_id": "0", **change}


@pytest.mark.parametrize(("change", "message"), [
    ({"title": ""}, "This field is required."),
    ({"title": "   "}, "This field is required."),
    ({"end_dt": "2031-03-01T07:00"}, "The meeting must end after it starts."),
    ({"end_dt": "2031-03-01T08:00"}, "The meeting must end after it starts."),
    ({"start_dt": "abc"}, "Enter a valid date and time."),
    ({"start_dt": ""}, "Enter a valid date and time."),
    ({"end_dt": "2031-02-30T08:00"}, "Enter a valid date and time."),
    ({"number": "0"}, "Number must be at least 1."),
    ({"number": "abc"}, "Not a valid integer value."),
    ({"body_id": "987654"}, "Not a valid choice."),
    ({"body_id": "abc"}, "Invalid Choice: could not coerce."),
    ({"chair_id": "987654"}, "Not a valid choice."),
])
def test_a_bad_meeting_form_is_shown_again_with_the_reason(cast, change, message):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    meetings = count(Meeting)
    response = sec.form("/meetings/new", _meeting_form(cast["meeting"].body, **change))
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    # What was typed is kept.
    if change.get("title", "x").strip():
        assert "Hội nghị lần thứ 9" in page or change.get("title") in page
    assert count(Meeting) == meetings


def test_a_bad_meeting_form_speaks_vietnamese_by_default(cast):
    sec = cast["login"](cast["people"]["secretariat"])
    response = sec.form("/meetings/new", _meeting_form(cast["meeting"].body, title=""))
    assert response.status_code == 400
    page = text_of(response)
    assert '<html lang="vi">' in page and 'class="error"' in page
    with force_locale("vi"):
        assert gettext("This field is required.") in page


def test_a_good_meeting_form_creates_the_meeting(cast):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    meetings = count(Meeting)
    response = sec.form("/meetings/new", _meeting_form(cast["meeting"].body))
    assert response.status_code == 302
    assert count(Meeting) == meetings + 1
    created = db.session.scalars(select(Meeting).order_by(Meeting.id.desc())).first()
    # 08:00 in Hòa Bình (UTC+7) is 01:00 UTC.
    assert created.start_dt.hour == 1 and created.status == "draft"


def test_editing_an_open_meeting_is_refused_with_the_reason(cast, create_meeting):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    meeting = cast["meeting"]
    operations.change_status(None, meeting, "in_session")
    response = sec.form(f"/meetings/{meeting.id}/edit",
                        _meeting_form(meeting.body, title="Đổi tên"))
    assert response.status_code == 400
    assert "A meeting can be edited only before it opens." in text_of(response)
    db.session.expire_all()
    assert meeting.title != "Đổi tên"


@pytest.mark.parametrize(("change", "message"), [
    ({"title": ""}, "This field is required."),
    ({"planned_minutes": "0"}, "Between 1 and 600 minutes."),
    ({"planned_minutes": "601"}, "Between 1 and 600 minutes."),
    ({"planned_minutes": "-5"}, "Between 1 and 600 minutes."),
    ({"planned_minutes": "abc"}, "Between 1 and 600 minutes."),
    ({"planned_minutes": "1.5"}, "Between 1 and 600 minutes."),
    ({"planned_minutes": ""}, "Enter the planned minutes."),
])
def test_a_bad_agenda_item_is_shown_again_with_the_reason(cast, change, message):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    meeting = cast["meeting"]
    items = count(AgendaItem)
    data = {"title": "Báo cáo", "presenter": "", "planned_minutes": "20", "description": "",
            **change}
    response = sec.form(f"/meetings/{meeting.id}/build", data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert count(AgendaItem) == items

    item = meeting.items[0]
    title = item.title
    response = sec.form(f"/meetings/{meeting.id}/items/{item.id}/edit",
                        {**data, "title": change.get("title", "Đổi tên")})
    assert response.status_code == 400
    assert message in text_of(response)
    db.session.expire_all()
    assert item.title == title


def test_a_good_agenda_item_is_added(cast):
    sec = cast["login"](cast["people"]["secretariat"])
    meeting = cast["meeting"]
    response = sec.form(f"/meetings/{meeting.id}/build", {
        "title": "Bế mạc", "presenter": "Bí thư", "planned_minutes": "10", "description": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert [i.title for i in meeting.items][-1] == "Bế mạc"


def test_refused_builder_actions_come_back_with_the_reason(cast):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    meeting, draft = cast["meeting"], cast["draft"]
    build = f"/meetings/{meeting.id}/build"
    cases = [
        (f"/meetings/{meeting.id}/items/{meeting.items[0].id}/move", {"direction": "up"},
         "The item is already at the end of the agenda."),
        (f"/meetings/{meeting.id}/status", {"status": "closed"},
         "A meeting that is Published cannot become Closed."),
        (f"/meetings/{meeting.id}/status", {"status": "nonsense"}, "Unknown status."),
        (f"/meetings/{meeting.id}/guests", {"user_id": "abc"}, "Choose a person to invite."),
        (f"/meetings/{meeting.id}/guests", {"user_id": str(10**30)},
         "Choose a person to invite."),
        (f"/meetings/{meeting.id}/guests", {"user_id": str(cast['people']['guest'].id)},
         "is already invited."),
        (f"/meetings/{meeting.id}/guests/987654/remove", {}, "Not found."),
        (f"/meetings/{meeting.id}/attendance/{cast['people']['delegate'].id}",
         {"presence": "everywhere"}, "Unknown presence."),
        (f"/meetings/{meeting.id}/attendance/{cast['people']['outsider'].id}",
         {"presence": "present"}, "is not invited to this meeting."),
    ]
    for url, data, message in cases:
        response = sec.form(url, data)
        assert response.status_code == 302, url
        page = text_of(sec.page(response.headers["Location"]))
        assert message in page, (url, message)
    # The draft has one item; publishing it is fine, but only from the builder's button.
    assert sec.form(f"/meetings/{draft.id}/status", {"status": "published"}).status_code == 302
    db.session.expire_all()
    assert draft.status == "published" and meeting.status == "published"
    assert [g.user_id for g in meeting.guests] == [cast["people"]["guest"].id]
    assert sec.page(build).status_code == 200


@pytest.mark.parametrize(("data", "message"), [
    ({"code": "", "name": "Ban Thường vụ"}, "This field is required."),
    ({"code": "BTV", "name": ""}, "This field is required."),
    ({"code": "X" * 21, "name": "Ban"}, "Field cannot be longer than 20 characters."),
    ({"code": "bch", "name": "Trùng mã"}, "The code BCH is already used."),
])
def test_a_bad_body_form_is_shown_again_with_the_reason(cast, data, message):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    bodies = count(Body)
    response = sec.form("/bodies", data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert count(Body) == bodies


def test_bad_term_and_member_forms_change_nothing(cast):
    sec = in_english(cast["login"](cast["people"]["secretariat"]))
    body = cast["meeting"].body
    terms, members = count(Term), count(Membership)
    for data in [{"term-label": "", "term-start_date": "2025-10-01"},
                 {"term-label": "XVIII", "term-start_date": "not a date"},
                 {"member-user_id": "abc", "member-office": "member"},
                 {"member-user_id": "987654", "member-office": "member"},
                 {"member-user_id": str(cast["people"]["outsider"].id), "member-office": "king"},
                 {"unexpected": "field"}]:
        response = sec.form(f"/bodies/{body.id}", data)
        assert response.status_code == 302
        assert "Please check the form." in text_of(sec.page(response.headers["Location"]))
    response = sec.form(f"/bodies/{body.id}", {
        "member-user_id": str(cast["people"]["delegate"].id), "member-office": "member"})
    assert "is already a member of this term." in text_of(sec.page(response.headers["Location"]))
    assert (count(Term), count(Membership)) == (terms, members)


@pytest.mark.parametrize(("data", "message"), [
    ({"username": "", "full_name": "Ai Đó", "password": "mật-khẩu-dài"},
     "Please enter a username."),
    ({"username": "aido", "full_name": "", "password": "mật-khẩu-dài"},
     "Please enter the full name."),
    ({"username": "aido", "full_name": "Ai Đó", "password": "ngắn"},
     "The password must have at least 8 characters."),
    ({"username": "aido", "full_name": "Ai Đó", "password": ""},
     "The password must have at least 8 characters."),
    ({"username": "khach", "full_name": "Trùng", "password": "mật-khẩu-dài"},
     "The username khach is already taken."),
    ({"username": "aido", "full_name": "Ai Đó", "password": "mật-khẩu-dài",
      "roles": ["emperor"]}, "is not a valid choice"),
])
def test_a_bad_user_form_is_shown_again_with_the_reason(cast, data, message):
    admin = in_english(cast["login"](cast["people"]["admin"]))
    users = count(User)
    response = admin.form("/admin/users/new", {"title": "", "unit_id": "0",
                                               "roles": ["delegate"], "is_enabled": "y",
                                               **data})
    assert response.status_code == 400
    assert message in text_of(response)
    assert count(User) == users


def test_an_admin_cannot_disable_themself_on_the_users_page(cast):
    admin_user = cast["people"]["admin"]
    admin = in_english(cast["login"](admin_user))
    response = admin.form(f"/admin/users/{admin_user.id}", {
        "username": admin_user.username, "full_name": admin_user.full_name, "title": "",
        "unit_id": "0", "roles": ["admin"]})
    assert response.status_code == 400
    assert "You cannot disable your own account." in text_of(response)
    db.session.expire_all()
    assert admin_user.is_enabled
    assert admin.get("/api/v1/meetings").status_code == 200


def test_forms_refused_for_the_wrong_people_create_nothing(cast):
    delegate = cast["login"](cast["people"]["delegate"])
    meeting = cast["meeting"]
    before = (count(Meeting), count(AgendaItem), count(Body), count(User), count(MeetingGuest))
    for url, data in [
        ("/meetings/new", _meeting_form(meeting.body)),
        (f"/meetings/{meeting.id}/build", {"title": "Chen", "planned_minutes": "5"}),
        ("/bodies", {"code": "NEW", "name": "Mới"}),
        ("/admin/users/new", {"username": "hacker", "full_name": "H", "password": "12345678",
                              "roles": ["admin"]}),
        (f"/meetings/{meeting.id}/guests", {"user_id": str(cast["people"]["outsider"].id)}),
    ]:
        assert delegate.form(url, data).status_code == 403, url
    assert delegate.form(f"/meetings/{meeting.id}/status",
                         {"status": "in_session"}).status_code in (302, 403)
    db.session.expire_all()
    assert meeting.status == "published"
    assert (count(Meeting), count(AgendaItem), count(Body), count(User),
            count(MeetingGuest)) == before

"""The JSON API under /api/v1: happy paths, 403/404, bad input, OpenAPI, health, CSP."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from meeting.core.models import AuditEntry
from meeting.core.time import utcnow
from meeting.extensions import db
from meeting.meetings import operations, speakers
from meeting.meetings.models import AgendaItem, Attendance, Meeting, SpeakerRequest
from tests.conftest import csrf_token, isolated, members_of

API = "/api/v1"


def audit_count():
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def send_raw(api, method, url, data, content_type="application/json"):
    """Send a body exactly as given (possibly not JSON at all), with the CSRF header."""
    return isolated(api.client.open, url, method=method, data=data, content_type=content_type,
                    headers={"X-CSRFToken": api.token, "Accept": "application/json"})


def assert_error(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.get_data()[:300])
    assert response.is_json
    assert isinstance(response.json["error"], str) and response.json["error"]


@pytest.fixture
def scene(create_meeting, create_user, secretariat, login):
    """An in-session meeting on its first item; logged-in clients by part played."""
    meeting = create_meeting(status="in_session", items=3)
    guest = create_user("khach", roles=["guest"])
    operations.invite_guest(None, meeting, guest)
    chair, delegate, other = members_of(meeting)[:3]
    outsider = create_user("ngoai")
    return {"meeting": meeting, "m": f"{API}/meetings/{meeting.id}",
            "chair": login(chair), "delegate": login(delegate), "other": login(other),
            "guest": login(guest), "outsider": login(outsider),
            "secretariat": login(secretariat)}


# Happy paths ---------------------------------------------------------------------------

def test_the_secretariat_builds_and_publishes_a_meeting(app, create_body, secretariat, login,
                                                       create_user):
    body = create_body(members=3)
    chair = body.current_term.memberships[0].user
    api = login(secretariat)
    response = api.post(f"{API}/meetings", {
        "body_id": body.id, "title": "Hội nghị Ban Chấp hành lần thứ 7",
        "start_dt": "2030-03-02T08:00:00+07:00", "end_dt": "2030-03-02T11:30",
        "room": "Hội trường A", "chair_id": chair.id})
    assert response.status_code == 201, response.json
    created = response.json
    assert created["status"] == "draft" and created["number"] == 1
    assert created["chair_name"] == chair.full_name
    # Times go out in UTC, marked as such; a time without offset came in as local time.
    assert created["start_dt"] == "2030-03-02T01:00:00Z"
    assert created["end_dt"] == "2030-03-02T04:30:00Z"
    m = f"{API}/meetings/{created['id']}"

    publish = api.post(f"{m}/status", {"status": "published"})
    assert_error(publish, 409)
    assert "agenda" in publish.json["error"] or "nội dung" in publish.json["error"]

    for title in ("Khai mạc", "Thảo luận", "Bế mạc"):
        response = api.post(f"{m}/agenda", {"title": title, "planned_minutes": 20})
        assert response.status_code == 201 and response.json["title"] == title
    items = api.get(f"{m}/agenda").json["items"]
    assert [i["position"] for i in items] == [1, 2, 3]

    response = api.patch(f"{m}/agenda/{items[1]['id']}", {"planned_minutes": 90})
    assert response.status_code == 200
    assert (response.json["title"], response.json["planned_minutes"]) == ("Thảo luận", 90)

    order = [items[2]["id"], items[0]["id"], items[1]["id"]]
    response = api.put(f"{m}/agenda/order", {"item_ids": order})
    assert response.status_code == 200
    assert [i["id"] for i in response.json["items"]] == order

    assert api.delete(f"{m}/agenda/{items[2]['id']}").status_code == 204
    assert [i["title"] for i in api.get(f"{m}/agenda").json["items"]] == ["Khai mạc",
                                                                          "Thảo luận"]

    guest = create_user("khach", roles=["guest"])
    response = api.post(f"{m}/guests", {"user_id": guest.id})
    assert response.status_code == 201
    assert [p["user_id"] for p in response.json["people"] if p["kind"] == "guest"] == [guest.id]
    assert api.delete(f"{m}/guests/{guest.id}").status_code == 204

    response = api.post(f"{m}/status", {"status": "published"})
    assert response.status_code == 200 and response.json["status"] == "published"
    assert db.session.scalar(select(Meeting.status).where(Meeting.id == created["id"])) == \
        "published"


def test_patch_changes_only_what_it_names(create_meeting, login, secretariat):
    meeting = create_meeting(status="published")
    api = login(secretariat)
    m = f"{API}/meetings/{meeting.id}"
    before = api.get(m).json
    response = api.patch(m, {"title": "Tên mới"})
    assert response.status_code == 200
    after = response.json
    assert after["title"] == "Tên mới"
    # The times the API gave are read back as the same times, not shifted by the zone.
    assert {k: v for k, v in after.items() if k != "title"} == \
        {k: v for k, v in before.items() if k != "title"}
    # And a client that sends back what it read changes nothing either.
    response = api.patch(m, before)
    assert response.json == before
    db.session.expire_all()
    assert meeting.start_dt.isoformat() + "Z" == before["start_dt"]


def test_a_delegate_follows_answers_checks_in_and_asks_to_speak(scene):
    meeting, m = scene["meeting"], scene["m"]
    api = scene["delegate"]
    listed = api.get(f"{API}/meetings").json["meetings"]
    assert [x["id"] for x in listed] == [meeting.id]

    response = api.put(f"{m}/attendance/me", {"response": "excused", "reason": "Đi công tác"})
    assert response.status_code == 200
    mine = next(p for p in response.json["people"] if p["user_id"] == api.user.id)
    assert (mine["rsvp"], mine["excuse_reason"]) == ("excused", "Đi công tác")

    response = api.post(f"{m}/attendance/me/check-in")
    assert response.status_code == 200
    assert response.json["quorum"]["present"] == 1

    scene["chair"].put(f"{m}/agenda/current", {"item_id": meeting.items[0].id})
    response = api.post(f"{m}/speakers")
    assert response.status_code == 201
    [waiting] = response.json["queue"]
    assert waiting["user_id"] == api.user.id

    snapshot = api.get(f"{m}/snapshot").json
    assert snapshot["me"]["presence"] == "present"
    assert snapshot["me"]["speaker_request"]["id"] == waiting["id"]
    assert snapshot["agenda"]["current_item_id"] == meeting.items[0].id
    assert snapshot["seq"] >= 1

    response = api.post(f"{m}/speakers/{waiting['id']}/withdraw")
    assert response.status_code == 200 and response.json["queue"] == []


def test_the_chair_runs_the_meeting(scene):
    meeting, m = scene["meeting"], scene["m"]
    chair, delegate, other = scene["chair"], scene["delegate"], scene["other"]
    response = chair.post(f"{m}/agenda/step", {"direction": 1})
    assert response.status_code == 200
    assert response.json["current_item_id"] == meeting.items[0].id

    first = delegate.post(f"{m}/speakers").json["queue"][0]["id"]
    second = other.post(f"{m}/speakers").json["queue"][1]["id"]
    response = chair.post(f"{m}/speakers/{first}/floor", {"limit_seconds": 120})
    assert response.status_code == 200
    assert response.json["speaking"]["id"] == first
    assert response.json["speaking"]["limit_seconds"] == 120
    response = chair.post(f"{m}/speakers/{second}/floor")
    assert response.json["speaking"]["id"] == second
    response = chair.post(f"{m}/speakers/{second}/end")
    assert response.json["speaking"] is None

    response = scene["secretariat"].put(f"{m}/attendance/{delegate.user.id}",
                                        {"presence": "present"})
    assert response.status_code == 200
    assert response.json["quorum"]["present"] == 1

    response = chair.put(f"{m}/agenda/current", {"item_id": None})
    assert response.status_code == 200 and response.json["current_item_id"] is None
    response = chair.post(f"{m}/status", {"status": "closed"})
    assert response.status_code == 200 and response.json["status"] == "closed"


# Not found and forbidden ---------------------------------------------------------------

def test_unknown_and_hidden_meetings_are_not_found(scene, create_meeting, create_body):
    meeting = scene["meeting"]
    draft = create_meeting(status="draft", body=meeting.body)
    foreign = create_meeting(status="in_session", body=create_body(code="BTV", members=2))
    delegate = scene["delegate"]
    for path in ("", "/snapshot", "/agenda", "/attendance", "/speakers"):
        for meeting_id in (987654, 2**31, 10**30, draft.id, foreign.id):
            assert_error(delegate.get(f"{API}/meetings/{meeting_id}{path}"), 404)
        assert_error(scene["outsider"].get(f"{scene['m']}{path}"), 404)
        # The secretariat sees drafts; the meeting's members do not.
        assert scene["secretariat"].get(f"{API}/meetings/{draft.id}{path}").status_code == 200
    for method, path, body in [
        ("PUT", "/attendance/me", {"response": "attending"}),
        ("POST", "/attendance/me/check-in", None),
        ("POST", "/speakers", None),
        ("PUT", "/agenda/current", {"item_id": None}),
    ]:
        for url in (f"{API}/meetings/{draft.id}{path}", f"{API}/meetings/{foreign.id}{path}"):
            assert_error(delegate._send(method, url, body), 404)
    assert db.session.scalar(select(func.count()).select_from(Attendance)) == 0
    assert [x["id"] for x in delegate.get(f"{API}/meetings").json["meetings"]] == [meeting.id]


def test_unknown_items_people_and_requests_are_not_found(scene):
    m, chair, sec = scene["m"], scene["chair"], scene["secretariat"]
    for response in [
        sec.patch(f"{m}/agenda/987654", {"title": "x"}),
        sec.delete(f"{m}/agenda/987654"),
        chair.put(f"{m}/agenda/current", {"item_id": 987654}),
        sec.put(f"{m}/attendance/987654", {"presence": "present"}),
        sec.post(f"{m}/guests", {"user_id": 987654}),
        sec.delete(f"{m}/guests/987654"),
        chair.post(f"{m}/speakers/987654/floor"),
        chair.post(f"{m}/speakers/987654/end"),
        chair.post(f"{m}/speakers/{10**30}/withdraw"),
        sec.put(f"{m}/attendance/{2**40}", {"presence": "present"}),
    ]:
        assert_error(response, 404)


def test_forbidden_actions_are_403_and_change_nothing(scene):
    meeting, m = scene["meeting"], scene["m"]
    delegate, guest, chair = scene["delegate"], scene["guest"], scene["chair"]
    item = meeting.items[0]
    waiting = scene["other"].post(f"{m}/speakers").status_code
    assert waiting == 409  # no current item yet
    chair.put(f"{m}/agenda/current", {"item_id": item.id})
    request_id = scene["other"].post(f"{m}/speakers").json["queue"][0]["id"]
    entries = audit_count()
    start = utcnow().isoformat()
    for api, method, path, body in [
        (delegate, "POST", "/agenda", {"title": "Chen ngang"}),
        (delegate, "PATCH", f"/agenda/{item.id}", {"title": "Đổi"}),
        (delegate, "DELETE", f"/agenda/{item.id}", None),
        (delegate, "PUT", "/agenda/order", {"item_ids": [i.id for i in meeting.items]}),
        (delegate, "PUT", "/agenda/current", {"item_id": meeting.items[1].id}),
        (delegate, "POST", "/agenda/step", {"direction": 1}),
        (guest, "PUT", "/agenda/current", {"item_id": None}),
        (delegate, "PUT", f"/attendance/{scene['other'].user.id}", {"presence": "present"}),
        (chair, "PUT", f"/attendance/{scene['other'].user.id}", {"presence": "present"}),
        (delegate, "POST", "/guests", {"user_id": scene["outsider"].user.id}),
        (delegate, "DELETE", f"/guests/{guest.user.id}", None),
        (delegate, "POST", f"/speakers/{request_id}/floor", None),
        (delegate, "POST", f"/speakers/{request_id}/withdraw", None),
        (guest, "POST", f"/speakers/{request_id}/end", None),
        (delegate, "POST", "/status", {"status": "closed"}),
        (chair, "POST", "/status", {"status": "archived"}),
        (delegate, "PATCH", "", {"title": "Đổi"}),
        (chair, "PATCH", "", {"title": "Đổi"}),
    ]:
        assert_error(api._send(method, f"{m}{path}", body), 403)
    for api in (delegate, chair, guest):
        assert_error(api.post(f"{API}/meetings", {
            "body_id": meeting.body_id, "title": "Khác", "start_dt": start,
            "end_dt": start}), 403)
    assert audit_count() == entries
    db.session.expire_all()
    assert meeting.current_item.id == item.id
    assert meeting.status == "in_session"


def test_anonymous_calls_get_401_json(app, scene):
    client = app.test_client()
    for url in (f"{API}/meetings", scene["m"], f"{scene['m']}/snapshot"):
        response = isolated(client.get, url)
        assert response.status_code == 401 and response.json["error"]


# Bad input -----------------------------------------------------------------------------

NOT_JSON = ["{", "[1, 2", "nul", "\x00\x01", "{'title': 'x'}"]
NOT_OBJECTS = ["[]", "[1, 2]", "null", '"text"', "123", "true"]
BAD_ID = ["abc", [1], {"id": 1}, True, 1.5e300, 10**30, "1e9999"]


def _bad_bodies(meeting, other_meeting_item):
    ids = [i.id for i in meeting.items]
    start = "2031-01-01T08:00"
    valid = {"body_id": meeting.body_id, "title": "T", "start_dt": start,
             "end_dt": "2031-01-01T10:00"}
    return [
        ("POST", "", [{}, {"title": "T"}, {"body_id": meeting.body_id},
                      *({**valid, "body_id": v} for v in BAD_ID),
                      {**valid, "body_id": 987654},
                      {**valid, "title": 5}, {**valid, "title": ["T"]}, {**valid, "title": ""},
                      {**valid, "title": None}, {**valid, "title": "T" * 301},
                      {**valid, "start_dt": "tomorrow"}, {**valid, "start_dt": 20310101},
                      {**valid, "start_dt": None}, {**valid, "end_dt": "2031-13-01T08:00"},
                      {**valid, "end_dt": start}, {**valid, "end_dt": "2030-12-31T08:00"},
                      {**valid, "chair_id": "boss"}, {**valid, "chair_id": 10**20},
                      {**valid, "number": "one"}, {**valid, "number": 10**12}]),
        ("PATCH", "/{m}", [{"title": ""}, {"title": 7}, {"start_dt": "soon"},
                           {"end_dt": "2000-01-01T00:00:00Z"}, {"chair_id": [1]},
                           {"number": "x"}, {"number": 2**40}]),
        ("POST", "/{m}/status", [{}, {"status": "done"}, {"status": ["closed"]},
                                 {"status": None}, {"status": "published"}]),
        ("POST", "/{m}/agenda", [{}, {"title": ""}, {"title": 3}, {"title": {"vi": "x"}},
                                 {"title": "T", "planned_minutes": 0},
                                 {"title": "T", "planned_minutes": "abc"},
                                 {"title": "T", "planned_minutes": 601},
                                 {"title": "T", "planned_minutes": [10]},
                                 {"title": "T", "planned_minutes": None}]),
        ("PATCH", "/{m}/agenda/{item}", [{"title": ""}, {"title": 1},
                                         {"planned_minutes": -1},
                                         {"planned_minutes": "ten"}]),
        ("PUT", "/{m}/agenda/order", [{}, {"item_ids": None}, {"item_ids": "1,2,3"},
                                      {"item_ids": ids[:-1]}, {"item_ids": ids + ids[:1]},
                                      {"item_ids": ids[:-1] + ["x"]},
                                      {"item_ids": ids[:-1] + [[1]]},
                                      {"item_ids": ids[:-1] + [other_meeting_item]},
                                      {"item_ids": {"a": 1}}]),
        ("PUT", "/{m}/agenda/current", [{"item_id": "first"}, {"item_id": [ids[0]]},
                                        {"item_id": True}, {"item_id": 10**30}]),
        ("POST", "/{m}/agenda/step", [{}, {"direction": 2}, {"direction": "next"},
                                      {"direction": None}, {"direction": [1]}]),
        ("PUT", "/{m}/attendance/me", [{}, {"response": "maybe"}, {"response": ["attending"]},
                                       {"response": "excused"},
                                       {"response": "excused", "reason": "  "},
                                       {"response": "excused", "reason": "x" * 501}]),
        ("PUT", "/{m}/attendance/{user}", [{}, {"presence": "here"}, {"presence": ["present"]},
                                           {"presence": {"x": 1}}, {"presence": 1}]),
        ("POST", "/{m}/guests", [{}, {"user_id": None}, *({"user_id": v} for v in BAD_ID)]),
        ("POST", "/{m}/speakers/{request}/floor", [{"limit_seconds": "long"},
                                                   {"limit_seconds": [60]},
                                                   {"limit_seconds": 10**30}]),
    ]


def test_bad_bodies_get_400_or_409_with_a_json_error_and_change_nothing(scene, create_meeting):
    meeting, m = scene["meeting"], scene["m"]
    other_item = create_meeting(status="draft", items=1, body=meeting.body).items[0].id
    sec, chair = scene["secretariat"], scene["chair"]
    assert chair.put(f"{m}/agenda/current", {"item_id": meeting.items[0].id}).status_code == 200
    db.session.expire_all()
    request_id = speakers.request_floor(members_of(meeting)[2], meeting).id
    # PATCH of a meeting needs one that has not opened yet.
    editable = create_meeting(status="published", body=meeting.body)
    entries, meetings, items = (audit_count(), db.session.scalar(
        select(func.count()).select_from(Meeting)), db.session.scalar(
        select(func.count()).select_from(AgendaItem)))
    checked = 0
    for method, path, bodies in _bad_bodies(meeting, other_item):
        url = API + "/meetings" + path.format(
            m=editable.id if method == "PATCH" and path == "/{m}" else meeting.id,
            item=meeting.items[1].id, user=members_of(meeting)[1].id, request=request_id)
        # The secretariat may do everything but take part; a delegate answers for themself.
        api = scene["delegate"] if "/attendance/me" in path else (
            chair if "/speakers/" in path else sec)
        for body in bodies:
            response = api._send(method, url, body)
            assert response.status_code != 500
            assert_error(response, 400, 409)
            checked += 1
        for raw in NOT_JSON + NOT_OBJECTS:
            assert_error(send_raw(api, method, url, raw), 400)
            checked += 1
        assert_error(send_raw(api, method, url, "title=x", "application/x-www-form-urlencoded"),
                     400, 409)
    assert checked > 200
    assert audit_count() == entries
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == meetings
    assert db.session.scalar(select(func.count()).select_from(AgendaItem)) == items
    db.session.expire_all()
    assert meeting.current_item.id == meeting.items[0].id
    assert db.session.get(SpeakerRequest, request_id).status == "waiting"


def test_a_nul_byte_is_never_a_server_error(scene, app):
    # SQLite stores it; PostgreSQL refuses it in text. Either way the reply is not a 500.
    m, sec, delegate = scene["m"], scene["secretariat"], scene["delegate"]
    client = app.test_client()
    token = csrf_token(client)
    responses = [
        sec.post(f"{m}/agenda", {"title": "Báo\x00cáo"}),
        sec.patch(f"{m}/agenda/{scene['meeting'].items[0].id}", {"presenter": "\x00"}),
        delegate.put(f"{m}/attendance/me", {"response": "excused", "reason": "Ốm\x00"}),
        sec.post(f"{API}/meetings", {"body_id": scene["meeting"].body_id, "title": "\x00",
                                     "start_dt": "2031-01-01T08:00",
                                     "end_dt": "2031-01-01T09:00", "room": "\x00"}),
        isolated(client.post, "/login", data={"csrf_token": token, "username": "a\x00b",
                                              "password": "x"}),
    ]
    for response in responses:
        assert response.status_code < 500, response.get_data()[:300]


def test_state_conflicts_are_409(scene, create_meeting):
    meeting, m = scene["meeting"], scene["m"]
    sec, chair, delegate = scene["secretariat"], scene["chair"], scene["delegate"]
    assert_error(sec.post(f"{m}/status", {"status": "draft"}), 409)
    assert_error(sec.patch(m, {"title": "Đổi"}), 409)
    chair.put(f"{m}/agenda/current", {"item_id": meeting.items[-1].id})
    assert_error(chair.post(f"{m}/agenda/step", {"direction": 1}), 409)
    assert_error(sec.delete(f"{m}/agenda/{meeting.items[-1].id}"), 409)
    assert delegate.post(f"{m}/speakers").status_code == 201
    assert_error(delegate.post(f"{m}/speakers"), 409)
    guest = scene["guest"].user
    assert_error(sec.post(f"{m}/guests", {"user_id": guest.id}), 409)
    closed = create_meeting(status="closed", body=meeting.body)
    assert_error(sec.post(f"{API}/meetings/{closed.id}/agenda", {"title": "Muộn"}), 409)
    assert_error(delegate.post(f"{API}/meetings/{closed.id}/attendance/me/check-in"), 409)


# The OpenAPI document ------------------------------------------------------------------

def _openapi_path(rule):
    return re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", r"{\1}", rule)


def test_the_openapi_document_covers_every_api_route(app, login, secretariat):
    response = isolated(app.test_client().get, f"{API}/openapi.json")
    assert response.status_code == 200
    doc = response.json
    assert doc["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, ops in doc["paths"].items()
                  for method in ops if method in ("get", "post", "put", "patch", "delete")}
    served = {(_openapi_path(rule.rule), method)
              for rule in app.url_map.iter_rules() if rule.rule.startswith(API + "/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    # The document does not describe itself.
    served.discard((f"{API}/openapi.json", "GET"))
    assert served, "no API routes found"
    assert documented == served

    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op.get("responses"), (method, path)
            for name in re.findall(r"{([a-z_]+)}", path):
                refs = [p.get("$ref", "") for p in op.get("parameters", [])]
                assert f"#/components/parameters/{name}" in refs, (method, path, name)
    # Every reference points at something defined.
    text = response.get_data(as_text=True)
    for kind, name in re.findall(r'"#/components/(\w+)/(\w+)"', text):
        assert name in doc["components"][kind], (kind, name)


# Health and security headers -----------------------------------------------------------

def test_healthz_reports_the_database(app):
    response = isolated(app.test_client().get, "/healthz")
    assert response.status_code == 200
    assert response.json["database"] == "ok"
    assert response.json["dialect"] == db.engine.dialect.name


def _csp(response):
    header = response.headers.get("Content-Security-Policy", "")
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def test_every_html_response_has_a_strict_content_security_policy(scene, app, create_user,
                                                                  login):
    meeting, m = scene["meeting"], scene["meeting"].id
    admin = login(create_user("quantri", roles=["admin"]))
    pages = [
        (app.test_client(), "/login"),
        (app.test_client(), "/meetings/987654"),  # an error page
        (scene["delegate"].client, "/meetings"),
        (scene["delegate"].client, f"/meetings/{m}"),
        (scene["delegate"].client, f"/meetings/{m}/chair"),  # 403 page
        (scene["outsider"].client, f"/meetings/{m}"),  # 404 page
        (scene["chair"].client, f"/meetings/{m}/chair"),
        (scene["chair"].client, f"/meetings/{m}/projector"),
        (scene["secretariat"].client, f"/meetings/{m}/build"),
        (scene["secretariat"].client, "/meetings/new"),
        (scene["secretariat"].client, "/bodies"),
        (scene["secretariat"].client, f"/bodies/{meeting.body_id}"),
        (admin.client, "/admin/users"),
        (admin.client, "/admin/audit"),
    ]
    for client, url in pages:
        response = isolated(client.get, url, headers={"Accept": "text/html"})
        assert response.mimetype == "text/html", url
        csp = _csp(response)
        assert csp.get("default-src") == ["'self'"], (url, csp)
        header = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
        assert "*" not in header and "http:" not in header and "https:" not in header
        # With no inline scripts allowed, the page must not carry any: only scripts from
        # 'self' and JSON data blocks (which are never executed).
        page = response.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page), url
        # Nothing from another origin (the server has no Internet).
        for link in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert not re.match(r"(?:[a-z]+:)?//", link), (url, link)


def test_json_responses_carry_the_same_headers(scene):
    response = scene["delegate"].get(f"{API}/meetings")
    assert _csp(response).get("default-src") == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_times_round_trip_through_local_time(scene, secretariat, login, create_body):
    body = create_body(code="BTV", members=2)
    api = login(secretariat)
    local = datetime(2031, 5, 4, 14, 30)
    response = api.post(f"{API}/meetings", {
        "body_id": body.id, "title": "Hội nghị", "start_dt": local.isoformat(),
        "end_dt": (local + timedelta(hours=2)).isoformat()})
    assert response.status_code == 201
    start = datetime.fromisoformat(response.json["start_dt"])
    assert start.tzinfo is not None
    assert start == datetime(2031, 5, 4, 7, 30, tzinfo=UTC)
    agenda_url = f"{API}/meetings/{response.json['id']}/agenda"
    assert api.get(agenda_url).json == {"current_item_id": None, "items": []}


def test_openapi_lists_the_common_refusals(app, create_user, login):
    spec = login(create_user()).get("/api/v1/openapi.json").json
    put_current = spec["paths"]["/api/v1/meetings/{meeting_id}/agenda/current"]["put"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(put_current["responses"])
    listing = spec["paths"]["/api/v1/meetings"]["get"]
    assert "401" in listing["responses"] and "404" not in listing["responses"]

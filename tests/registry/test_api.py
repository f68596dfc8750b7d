"""The registry's JSON API: filters, permissions, tokens for scripts, OpenAPI."""

from datetime import date, timedelta

from meeting.auth.tokens import create_token, revoke_token
from meeting.registry.operations import create_record, get_kind
from tests.conftest import isolated

API = "/api/v1/registry"


def _cert(actor, unit, serial, valid_to, holder_kind="organisation", revoked_on=None):
    return create_record(actor, get_kind("certificate"), {
        "unit_code": unit, "holder_kind": holder_kind, "holder_name": f"Chủ {serial}",
        "serial": serial, "valid_from": "2020-01-01", "valid_to": valid_to.isoformat(),
        "revoked_on": revoked_on})


def test_list_filters_by_branch_status_type_and_text(tree, it_officer, login):
    kind = get_kind("device")
    for unit, serial, status, dtype in (("XA-LS-1", "A1", "in_use", "server"),
                                        ("XA-LS-2", "A2", "broken", "laptop"),
                                        ("HU-MC", "B1", "in_use", "server")):
        create_record(None, kind, {"unit_code": unit, "serial": serial, "status": status,
                                   "kind": dtype, "model": f"Model {serial}"})
    api = login(it_officer)
    serials = lambda q: [d["serial"] for d in api.get(f"{API}/devices?{q}").json["items"]]  # noqa: E731
    assert serials("unit=HU-LS") == ["A1", "A2"]
    assert serials("unit=HU-LS&branch=0") == []
    assert serials("status=in_use") == ["A1", "B1"]
    assert serials("type=laptop") == ["A2"]
    assert serials("q=model%20b") == ["B1"]
    page = api.get(f"{API}/devices?per_page=2&page=2").json
    assert page["total"] == 3 and page["pages"] == 2 and len(page["items"]) == 1
    bad = api.get(f"{API}/devices?status=lost")
    assert bad.status_code == 400 and "lost" in bad.json["error"]


def test_expiring_certificates_leave_out_revoked_and_expired(tree, it_officer, login):
    today = date.today()
    _cert(None, "TU", "S30", today + timedelta(days=20))
    _cert(None, "TU", "S80", today + timedelta(days=80))
    _cert(None, "TU", "SREV", today + timedelta(days=10), revoked_on=today.isoformat())
    _cert(None, "TU", "SOLD", today - timedelta(days=1))
    api = login(it_officer)
    got = lambda q: [c["serial"] for c in api.get(f"{API}/certificates?{q}").json["items"]]  # noqa: E731
    assert got("expiring=30") == ["S30"]
    assert got("expiring=90") == ["S30", "S80"]
    assert got("status=revoked") == ["SREV"]
    assert got("status=expired") == ["SOLD"]


def test_editor_sees_only_its_branch_and_cannot_write_elsewhere(tree, district_editor, login):
    create_record(None, get_kind("device"), {"unit_code": "HU-MC", "serial": "X", "kind": "server"})
    api = login(district_editor)
    assert api.get(f"{API}/devices").json["items"] == []
    made = api.post(f"{API}/devices", json={"unit_code": "XA-LS-1", "serial": "Y",
                                            "kind": "laptop", "purchased_on": "01/02/2023"})
    assert made.status_code == 201 and made.json["purchased_on"] == "2023-02-01"
    refused = api.post(f"{API}/devices", json={"unit_code": "HU-MC", "serial": "Z",
                                               "kind": "laptop"})
    assert refused.status_code == 404
    changed = api.patch(f"{API}/devices/{made.json['id']}", json={"status": "spare"})
    assert changed.status_code == 200 and changed.json["status"] == "spare"
    retired = api.delete(f"{API}/devices/{made.json['id']}")
    assert retired.json["status"] == "retired" and retired.json["retired_on"]


def test_bearer_token_works_without_csrf_and_revoked_token_fails(app, tree, it_officer):
    row, token = create_token(None, it_officer, "Đồng bộ kho thiết bị")
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    made = isolated(client.post, f"{API}/devices", headers=auth,
                    json={"unit_code": "TU", "serial": "T1", "kind": "server"})
    assert made.status_code == 201, made.get_json()
    assert isolated(client.get, f"{API}/devices", headers=auth).get_json()["total"] == 1
    wrong = isolated(client.get, f"{API}/devices", headers={"Authorization": "Bearer mt_x"})
    assert wrong.status_code == 401
    revoke_token(None, row)
    assert isolated(client.get, f"{API}/devices", headers=auth).status_code == 401


def test_cookie_requests_still_need_the_csrf_token(app, tree, it_officer, login):
    api = login(it_officer)
    response = isolated(api.client.post, f"{API}/devices",
                        json={"unit_code": "TU", "serial": "C1", "kind": "server"},
                        headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert api.get(f"{API}/devices").json["total"] == 0


def test_anonymous_gets_401(app, tree):
    assert isolated(app.test_client().get, f"{API}/devices",
                    headers={"Accept": "application/json"}).status_code == 401


def test_every_kind_is_in_the_openapi_document(app, it_officer, login):
    doc = login(it_officer).get("/api/v1/openapi.json").json
    for slug in ("network-links", "devices", "certificates", "video-points", "system-uses",
                 "exchange-figures", "websites", "budget-lines", "security-checks"):
        assert set(doc["paths"][f"{API}/{slug}"]) == {"get", "post"}
        assert set(doc["paths"][f"{API}/{slug}/{{record_id}}"]) == {"get", "patch", "delete"}
    assert "serial" in doc["components"]["schemas"]["DeviceInput"]["properties"]
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["bearerAuth"]["description"]}
    registry = [op for path, ops in doc["paths"].items() if path.startswith(f"{API}/")
                for op in ops.values()]
    assert len(registry) >= 9 * 5 + 4  # every kind, systems, units
    for op in registry:
        assert op["security"] == [{"bearerAuth": []}, {"sessionCookie": []}], op
    meetings = doc["paths"]["/api/v1/meetings"]["get"]
    assert "security" not in meetings  # other areas: session only, as before


def test_create_token_command_prints_a_working_token(app, tree, it_officer):
    result = app.test_cli_runner().invoke(args=["create-token", "cntt", "Kiểm kê hằng đêm"])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    response = isolated(app.test_client().get, f"{API}/devices",
                        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert app.test_cli_runner().invoke(args=["create-token", "nobody", "x"]).exit_code != 0


def test_malformed_bodies_are_refused_not_crashing(tree, it_officer, login):
    api = login(it_officer)
    bodies = [[], "x", {"unit_code": {"a": 1}, "serial": "S", "kind": "server"},
              {"unit_id": True, "serial": "S", "kind": "server"},
              {"unit_code": "TU", "serial": ["S"], "kind": "server"},
              {"unit_code": "TU", "serial": "S", "kind": "server", "purchased_on": 45000},
              {"unit_code": "TU", "serial": "S\x00", "kind": "server"},
              {"unit_code": "TU", "serial": "S" * 81, "kind": "server"},
              {"unit_code": "TU", "serial": "S", "kind": ["server"]},
              {"unit_id": 10**30, "serial": "S", "kind": "server"}]
    for body in bodies:
        response = api.post(f"{API}/devices", json=body)
        assert response.status_code in (400, 404), (body, response.status_code)
        assert response.json["error"]
    assert api.get(f"{API}/devices?per_page=0").status_code == 400
    assert api.get(f"{API}/devices?page=abc").status_code == 400
    assert api.get(f"{API}/devices?unit=NOPE").status_code == 400
    assert api.get(f"{API}/certificates?expiring=-1").status_code == 400
    assert api.get(f"{API}/devices").json["total"] == 0

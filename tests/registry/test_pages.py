"""Registry pages: lists with filters, forms with clear refusals, import, export, tokens."""

import re

from sqlalchemy import select

from meeting.extensions import db
from meeting.registry.models import Device
from meeting.registry.operations import create_record, get_kind
from tests.conftest import isolated

DEVICE = get_kind("device")


def _devices():
    for unit, serial in (("XA-LS-1", "A1"), ("HU-MC", "B1")):
        create_record(None, DEVICE, {"unit_code": unit, "serial": serial, "kind": "server"})


def test_list_filters_and_paginates(tree, it_officer, login):
    _devices()
    api = login(it_officer)
    page = api.page("/registry/devices?unit=HU-LS").get_data(as_text=True)
    assert "A1" in page and "B1" not in page
    page = api.page("/registry/devices?per_page=1").get_data(as_text=True)
    assert "2" in page and "page=2" in page
    bad = api.page("/registry/devices?status=lost&unit=TU")
    assert bad.status_code == 400 and "lost" in bad.get_data(as_text=True)
    assert api.page("/registry/nothing").status_code == 404


def test_form_creates_and_refusal_keeps_what_was_typed(tree, it_officer, login):
    api = login(it_officer)
    response = api.form("/registry/devices/new", {"unit": "XA-LS-1", "kind": "laptop",
                                                  "serial": "L-9", "purchased_on": "2020-13-01"})
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "has-error" in text and 'value="L-9"' in text
    assert db.session.scalar(select(Device)) is None
    response = api.form("/registry/devices/new", {"unit": "XA-LS-1", "kind": "laptop",
                                                  "serial": "L-9", "purchased_on": "2020-12-01"})
    assert response.status_code == 302
    device = db.session.scalar(select(Device))
    assert device.serial == "L-9" and device.unit.code == "XA-LS-1"
    response = api.form(f"/registry/devices/{device.id}/retire", {})
    db.session.expire_all()
    assert response.status_code == 302 and db.session.get(Device, device.id).status == "retired"


def test_viewer_sees_a_read_only_form(tree, viewer, login):
    _devices()
    device = db.session.scalar(select(Device).where(Device.serial == "A1"))
    api = login(viewer)
    page = api.page(f"/registry/devices/{device.id}").get_data(as_text=True)
    assert "<fieldset disabled>" in page and "/retire" not in page
    assert api.form(f"/registry/devices/{device.id}", {"model": "x"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Device, device.id).model == ""


def test_people_without_access_are_refused(tree, create_user, login):
    api = login(create_user("khach", roles=["delegate"]))
    assert api.page("/registry/").status_code == 403
    assert api.page("/registry/devices").status_code == 403


def test_import_dry_run_then_confirm(tree, it_officer, login):
    api = login(it_officer)
    content = (b"unit_code,kind,serial\nTU,server,IMP-1\nTU,laptop,IMP-2\n")
    from io import BytesIO

    response = isolated(api.client.post, "/registry/devices/import", data={
        "csrf_token": api.token, "file": (BytesIO(content), "may.csv")},
        content_type="multipart/form-data", headers={"Accept": "text/html"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and db.session.scalar(select(Device)) is None
    token = re.search(r'name="token" value="([^"]+)"', text).group(1)
    response = api.form("/registry/devices/import/confirm", {"token": token})
    assert response.status_code == 302
    assert len(db.session.scalars(select(Device)).all()) == 2
    # The same confirmation cannot be used twice.
    assert api.form("/registry/devices/import/confirm", {"token": token}).status_code in (302, 400)
    assert len(db.session.scalars(select(Device)).all()) == 2


def test_export_csv_has_bom_and_follows_filters(tree, it_officer, login):
    _devices()
    response = login(it_officer).page("/registry/devices/export.csv?unit=HU-MC")
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf") and b"B1" in body and b"A1" not in body
    assert "attachment" in response.headers["Content-Disposition"]


def test_token_page_shows_a_new_token_once(tree, it_officer, login):
    api = login(it_officer)
    response = api.form("/registry/tokens", {"name": "Script kiểm kê"})
    token = re.search(r"(mt_[\w-]+)", response.get_data(as_text=True)).group(1)
    assert token not in api.page("/registry/tokens").get_data(as_text=True)
    assert isolated(api.client.get, "/api/v1/registry/devices",
                    headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_overview_and_grants_page(tree, it_officer, create_user, login):
    _devices()
    api = login(it_officer)
    overview = api.page("/registry/").get_data(as_text=True)
    assert re.search(r'href="/registry/devices">\s*<span class="reg-kind-count">2<', overview)
    create_user("nguoimoi", roles=["delegate"])
    assert api.form("/registry/grants", {"username": "nguoimoi", "unit_code": "HU-MC",
                                         "level": "editor"}).status_code == 302
    assert "nguoimoi" in api.page("/registry/grants").get_data(as_text=True)


def test_every_kind_has_a_list_and_a_form(tree, it_officer, systems, login):
    from meeting.registry.schema import SLUGS

    api = login(it_officer)
    for slug in [*SLUGS.values(), "units"]:
        assert api.page(f"/registry/{slug}").status_code == 200, slug
        assert api.page(f"/registry/{slug}/import").status_code == 200, slug
        assert api.page(f"/registry/{slug}/export.xlsx").status_code == 200, slug
    for slug in SLUGS.values():
        assert api.page(f"/registry/{slug}/new").status_code == 200, slug
    response = api.form("/registry/security-checks/new", {
        "unit": "HU-LS", "firewall": "1", "checked_on": "2024-12-01", "assessor": "Tổ CNTT"})
    assert response.status_code == 302
    check = api.get("/api/v1/registry/security-checks").json["items"][0]
    assert (check["firewall"], check["antivirus"], check["compliant"]) == (True, False, False)


def test_systems_catalogue_page(tree, it_officer, viewer, login):
    api = login(it_officer)
    assert api.form("/registry/systems", {"code": "lotus", "name": "Lotus Notes",
                                          "category": "document_exchange",
                                          "launched_on": "2010-01-01"}).status_code == 302
    refused = api.form("/registry/systems", {"code": "LOTUS", "name": "Trùng mã"})
    assert refused.status_code == 200 and "LOTUS" in refused.get_data(as_text=True)
    reader = login(viewer)
    page = reader.page("/registry/systems").get_data(as_text=True)
    assert "Lotus Notes" in page and 'name="code"' not in page
    assert reader.form("/registry/systems", {"code": "X", "name": "Y"}).status_code == 403

"""Units as registry rows: profile by unit code, import of new units, export, API."""

from sqlalchemy import select

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import unit_rows
from meeting.registry.models import UnitProfile
from tests.conftest import isolated
from tests.helpers import english

HEADER = "unit_code,name,parent_code,level,staff,mailboxes,notes\n"


def errors(report):
    return [(row, english(message)) for row, message in report.errors]


def test_new_units_may_name_a_parent_made_earlier_in_the_file(tree, it_officer):
    content = (HEADER + "HU-KB,Huyện ủy Kim Bôi,TU,district,25,20,\n"
               "XA-KB-1,Đảng ủy xã Bình Sơn,HU-KB,commune,6,4,\n").encode()
    assert unit_rows.import_units(it_officer, content, "u.csv").ok
    assert db.session.scalar(select(Unit).where(Unit.code == "HU-KB")) is None  # dry run
    report = unit_rows.import_units(it_officer, content, "u.csv", write=True)
    assert report.ok and report.created == 2
    commune = db.session.scalar(select(Unit).where(Unit.code == "XA-KB-1"))
    assert commune.parent.code == "HU-KB" and commune.profile.mailboxes == 4


def test_editor_updates_profiles_of_its_branch_only(tree, district_editor):
    ok = (HEADER + "XA-LS-1,,HU-LS,commune,8,7,Đủ hộp thư\n").encode()
    report = unit_rows.import_units(district_editor, ok, "u.csv", write=True)
    assert report.ok, errors(report)
    assert db.session.get(UnitProfile, tree["c1"].id).staff == 8
    refused = (HEADER + "HU-MC,,TU,district,1,1,\nXA-NEW,Xã mới,HU-LS,commune,1,1,\n").encode()
    got = dict(errors(unit_rows.import_units(district_editor, refused, "u.csv", write=True)))
    assert "HU-MC" in got[2] and "administrator" in got[3]
    assert db.session.scalar(select(Unit).where(Unit.code == "XA-NEW")) is None


def test_a_unit_cannot_move_under_its_own_branch(tree, it_officer):
    content = (HEADER + "HU-LS,,XA-LS-1,district,,,\n").encode()
    (row, message), = errors(unit_rows.import_units(it_officer, content, "u.csv"))
    assert row == 2 and "below it" in message


def test_units_export_round_trips(tree, it_officer, login):
    api = login(it_officer)
    exported = api.page("/registry/units/export.csv?unit=HU-LS").get_data()
    assert exported.startswith(b"\xef\xbb\xbf") and "Nhân Nghĩa" in exported.decode()
    report = unit_rows.import_units(it_officer, exported, "units.csv", write=True)
    assert report.ok and report.rows == 3 and report.created == 0


def test_units_api_lists_and_updates_profiles(tree, district_editor, login):
    api = login(district_editor)
    listed = api.get("/api/v1/registry/units").json
    assert sorted(u["unit_code"] for u in listed["items"]) == ["HU-LS", "XA-LS-1", "XA-LS-2"]
    changed = api.patch(f"/api/v1/registry/units/{tree['c2'].id}",
                        json={"mailboxes": 9, "level": "commune"})
    assert changed.status_code == 200 and changed.json["mailboxes"] == 9
    assert api.patch(f"/api/v1/registry/units/{tree['d2'].id}",
                     json={"mailboxes": 9}).status_code == 404
    page = isolated(api.client.get, "/registry/units", headers={"Accept": "text/html"})
    assert "Nhân Nghĩa" in page.get_data(as_text=True)


def test_units_import_page_checks_then_confirms(tree, it_officer, login):
    import re
    from io import BytesIO

    api = login(it_officer)
    content = (HEADER + "HU-YT,Huyện ủy Yên Thủy,TU,district,30,25,\n").encode()
    response = isolated(api.client.post, "/registry/units/import", data={
        "csrf_token": api.token, "file": (BytesIO(content), "don-vi.csv")},
        content_type="multipart/form-data", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert db.session.scalar(select(Unit).where(Unit.code == "HU-YT")) is None
    token = re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    assert api.form("/registry/units/import/confirm", {"token": token}).status_code == 302
    assert db.session.scalar(select(Unit).where(Unit.code == "HU-YT")).profile.staff == 30

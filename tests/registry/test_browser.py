"""The registry in a real browser at tablet sizes: filter a list, fix a refused form, import.

The app is served from this process (werkzeug, threaded) on its own SQLite file, with a
small unit tree made through the operations; screenshots go to docs/screenshots/.
"""

import re
import threading

import pytest
from werkzeug.serving import make_server

from meeting import create_app
from meeting.core.units import create_unit
from meeting.extensions import db
from meeting.registry import catalogue
from meeting.registry.operations import create_record, get_kind
from tests.browser.conftest import browser, chromium_path, new_context, screenshot_dir  # noqa: F401
from tests.conftest import PASSWORD, _config

pytestmark = pytest.mark.browser
SIZES = {"1024x768": (1024, 768), "800x1280": (800, 1280)}


def _fill(app):
    from meeting.auth.operations import create_user

    create_user(None, username="cntt", full_name="Đinh Quang Huy", password=PASSWORD,
                roles=["it_officer"])
    top = create_unit(None, code="TU", name="Tỉnh ủy Hòa Bình")
    district = create_unit(None, code="HU-LS", name="Huyện ủy Lạc Sơn", level="district",
                           parent_id=top.id)
    create_unit(None, code="XA-VB", name="Đảng ủy xã Vụ Bản", level="commune",
                parent_id=district.id)
    catalogue.save_system(None, {"code": "IOFFICE", "name": "VNPT-iOffice"})
    device = get_kind("device")
    for i, (unit, kind, status) in enumerate([("TU", "server", "in_use"),
                                              ("TU", "workstation", "in_use"),
                                              ("HU-LS", "laptop", "broken"),
                                              ("XA-VB", "workstation", "spare")]):
        create_record(None, device, {"unit_code": unit, "kind": kind, "status": status,
                                     "serial": f"HB-{2019 + i}-{i:04d}",
                                     "model": "Dell OptiPlex 7090",
                                     "commissioned_on": f"15/0{i + 1}/2019"})


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):  # noqa: F811
    tmp = tmp_path_factory.mktemp("registry-server")
    app = create_app(_config(f"sqlite:///{tmp / 'registry.sqlite3'}", tmp))
    with app.app_context():
        db.create_all()
        _fill(app)
        db.session.remove()
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def _log_in(context, base):
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", "cntt")
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("size", SIZES)
def test_list_form_and_import_on_a_tablet(server, new_context, screenshot_dir,  # noqa: F811
                                          size, tmp_path):
    page = _log_in(new_context(*SIZES[size]), server)
    page.goto(server + "/registry/")
    page.screenshot(path=str(screenshot_dir / f"registry-home-{size}.png"), full_page=True)
    page.goto(server + "/registry/devices")
    page.fill("#f-unit", "HU-LS")
    page.click(".reg-filter-go button[type=submit]")
    page.wait_for_url(re.compile(r"unit=HU-LS"))
    table = page.locator(".reg-table tbody").inner_text()
    # The district's and its commune's devices, not the province's.
    assert "HB-2021-0002" in table and "HB-2022-0003" in table and "HB-2019-0000" not in table
    page.screenshot(path=str(screenshot_dir / f"registry-devices-{size}.png"), full_page=True)

    page.goto(server + "/registry/devices/new")
    page.fill("#r-unit", "XA-VB")
    page.select_option("#r-kind", "laptop")
    page.fill("#r-serial", f"HB-NEW-{size}")
    page.fill("#r-purchased_on", "2024-05-02")
    page.fill("#r-commissioned_on", "2024-05-01")
    page.click(".reg-form button[type=submit]")
    error = page.locator(".field.has-error .error")
    assert "cannot be before" in error.inner_text() or "không thể trước" in error.inner_text()
    page.screenshot(path=str(screenshot_dir / f"registry-form-error-{size}.png"),
                    full_page=True)
    assert page.input_value("#r-serial") == f"HB-NEW-{size}"  # what was typed is kept
    page.fill("#r-commissioned_on", "2024-05-03")
    page.click(".reg-form button[type=submit]")
    page.wait_for_url(re.compile(r"/registry/devices$"))

    csv = tmp_path / "thiet-bi.csv"
    csv.write_text(f"unit_code,kind,serial\nTU,printer,IMP-{size}\nNOPE,server,X\n",
                   encoding="utf-8")
    page.goto(server + "/registry/devices/import")
    page.set_input_files("#file", str(csv))
    page.click(".reg-form button[type=submit]")
    assert "NOPE" in page.locator(".reg-errors").inner_text()
    page.screenshot(path=str(screenshot_dir / f"registry-import-errors-{size}.png"),
                    full_page=True)
    csv.write_text(f"unit_code,kind,serial\nTU,printer,IMP-{size}\n", encoding="utf-8")
    page.set_input_files("#file", str(csv))
    page.click(".reg-form button[type=submit]")
    page.click(".reg-report form button[type=submit]")
    page.wait_for_url(re.compile(r"/registry/devices$"))
    assert f"IMP-{size}".upper() in page.locator(".reg-table").inner_text()

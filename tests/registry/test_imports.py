"""Importing spreadsheets: dry run, per-row errors, all or nothing, and round trips."""

import io
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.registry import imports
from meeting.registry.exports import export
from meeting.registry.models import Certificate, Device
from meeting.registry.operations import create_record, get_kind
from tests.helpers import actions, english

DEVICE = get_kind("device")
HEADER = "unit_code,kind,serial,model,status,purchased_on,commissioned_on,retired_on,notes\n"


def csv(*lines, header=HEADER):
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def count(model=Device):
    return db.session.scalar(select(func.count()).select_from(model))


def errors(report):
    return [(row, english(message)) for row, message in report.errors]


def test_dry_run_writes_nothing_and_apply_writes_all(tree, it_officer):
    content = csv("TU,server,SV-1,Dell R740,in_use,01/03/2019,2019-04-01,,Phòng máy chủ",
                  "XA-LS-1,laptop,LT-1,,,,,,")
    before = actions()
    report = imports.check(it_officer, DEVICE, content, "thiet-bi.csv")
    assert report.ok and (report.created, report.updated) == (2, 0)
    assert count() == 0 and actions() == before
    report = imports.apply(it_officer, DEVICE, content, "thiet-bi.csv")
    assert report.ok and count() == 2
    laptop = db.session.scalar(select(Device).where(Device.serial == "LT-1"))
    assert laptop.status == "in_use" and laptop.model == "" and laptop.unit.code == "XA-LS-1"
    assert actions().count("registry.device.create") == 2


def test_rows_with_errors_are_named_and_nothing_is_written(tree, it_officer):
    create_record(None, DEVICE, {"unit_code": "TU", "kind": "server", "serial": "OLD-1"})
    content = csv("TU,server,A-1,,,,,,",
                  "NOPE,server,A-2,,,,,,",
                  "TU,server,A-1,,,,,,",
                  "TU,server,A-3,,,31/02/2020,,,",
                  "TU,toaster,A-4,,,,,,")
    report = imports.apply(it_officer, DEVICE, content, "x.csv")
    assert not report.ok and count() == 1
    got = dict(errors(report))
    assert "NOPE" in got[3]
    assert "row 2" in got[4]
    assert "Purchased on" in got[5] and "31/02/2020" in got[5]
    assert "Type" in got[6]
    strict = imports.check(it_officer, DEVICE, csv("TU,server,old-1,,,,,,"), "x.csv",
                           mode="create")
    assert "OLD-1 is already registered" in errors(strict)[0][1]


def test_wrong_headers_are_refused(tree, it_officer):
    report = imports.check(it_officer, DEVICE, b"unit,serial\nTU,1\n", "x.csv")
    (row, message), = errors(report)
    assert row == 1 and "unit" in message and "kind" in message


def test_existing_serial_updates_and_unchanged_rows_are_counted(tree, it_officer):
    create_record(None, DEVICE, {"unit_code": "TU", "kind": "server", "serial": "S-1"})
    create_record(None, DEVICE, {"unit_code": "TU", "kind": "server", "serial": "S-2"})
    content = csv("TU,server,s-1,,broken,,,,", "TU,server,S-2,,in_use,,,,",
                  header="unit_code,kind,serial,model,status\n".replace(
                      "model,status", "model,status,purchased_on,commissioned_on,retired_on,"
                                      "notes"))
    report = imports.apply(it_officer, DEVICE, content, "x.csv")
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert db.session.scalar(select(Device.status).where(Device.serial == "S-1")) == "broken"


def test_editor_cannot_import_into_another_branch(tree, district_editor):
    report = imports.check(district_editor, DEVICE, csv("HU-MC,server,Z-1,,,,,,"), "x.csv")
    assert "HU-MC" in errors(report)[0][1]


def test_windows_1258_bytes_are_refused_with_the_row(tree, it_officer):
    content = HEADER.encode() + b"TU,server,W-1,,,,,,ok\n" + \
        "TU,server,W-2,,,,,,Bí thư".encode("cp1258") + b"\n"
    (row, message), = errors(imports.check(it_officer, DEVICE, content, "x.csv"))
    assert row == 3 and "Windows-1258" in message


def test_tcvn3_and_vni_text_are_refused(tree, it_officer):
    for text in ("TØnh ñy Hßa B×nh", "Tænh uûy Hoøa Bình"):
        report = imports.check(it_officer, DEVICE, csv(f"TU,server,V-1,{text},,,,,"), "x.csv")
        (row, message), = errors(report)
        assert row == 2 and "TCVN3" in message


def test_xlsx_with_real_dates_and_numeric_serials(tree, it_officer):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["TU", "Server", 540123, "HP", "in_use", date(2020, 5, 1), None, None, ""])
    out = io.BytesIO()
    book.save(out)
    report = imports.apply(it_officer, DEVICE, out.getvalue(), "may.xlsx")
    assert report.ok, errors(report)
    device = db.session.scalar(select(Device))
    assert (device.serial, device.kind, device.purchased_on) == ("540123", "server",
                                                                date(2020, 5, 1))


def test_export_and_import_round_trip(tree, it_officer):
    kind = get_kind("certificate")
    for i, holder in enumerate(("Văn phòng Tỉnh ủy", "Nguyễn Văn Ánh, Bí thư")):
        create_record(None, kind, {"unit_code": "HU-LS", "holder_kind": "individual",
                                   "holder_name": holder, "serial": f"CERT-{i}",
                                   "issuer": "Ban Cơ yếu Chính phủ",
                                   "valid_from": "01/01/2024", "valid_to": "31/12/2028"})
    for fmt in ("csv", "xlsx"):
        content, mimetype, name = export(it_officer, kind, {"unit": "TU"}, fmt)
        if fmt == "csv":
            assert content.startswith(b"\xef\xbb\xbf") and "Nguyễn Văn Ánh" in content.decode()
        before = [c.snapshot() for c in db.session.scalars(select(Certificate))]
        report = imports.apply(it_officer, kind, content, name)
        assert report.ok and report.rows == 2 and report.unchanged == 2
        assert [c.snapshot() for c in db.session.scalars(select(Certificate))] == before
    # Into an empty registry the same file recreates the same records.
    db.session.execute(Certificate.__table__.delete())
    db.session.commit()
    assert imports.apply(it_officer, kind, content, name).created == 2
    assert count(Certificate) == 2


EXAMPLES = {
    "network": {"provider": "VNPT", "bandwidth_mbps": 100, "connected_on": "01/06/2015"},
    "device": {"kind": "server", "serial": "SV-RT", "purchased_on": "2019-01-02"},
    "certificate": {"holder_kind": "organisation", "holder_name": "Văn phòng Tỉnh ủy",
                    "serial": "54-AB", "valid_from": "2023-01-01", "valid_to": "2027-01-01"},
    "video_point": {"name": "Điểm cầu Huyện ủy Lạc Sơn", "level": "district",
                    "commissioned_on": "15/03/2017"},
    "system_use": {"system": "IOFFICE", "since": "01/07/2018"},
    "exchange": {"year": 2024, "sent_electronic": 850, "sent_paper": 150},
    "website": {"address": "laclson.hoabinh.dcs.vn", "name": "Trang tin Huyện ủy"},
    "budget": {"year": 2024, "purpose": "Bảo trì mạng LAN", "planned": 50_000_000},
    "security": {"network_isolated": True, "firewall": True, "checked_on": "2024-11-30",
                 "assessor": "Phòng CNTT"},
}


@pytest.mark.parametrize("key", EXAMPLES)
def test_every_kind_round_trips_through_csv(tree, it_officer, systems, key):
    kind = get_kind(key)
    made = create_record(it_officer, kind, {"unit_code": "HU-LS", **EXAMPLES[key]})
    before = made.snapshot()
    content, _mimetype, name = export(it_officer, kind, {}, "csv")
    again = imports.apply(it_officer, kind, content, name)
    assert again.ok and again.unchanged == 1 and again.created == 0, errors(again)
    assert count(kind.model) == 1  # updated in place by its key, not added again
    db.session.execute(kind.model.__table__.delete())
    db.session.commit()
    report = imports.apply(it_officer, kind, content, name)
    assert report.ok and report.created == 1, errors(report)
    assert db.session.scalar(select(kind.model)).snapshot() == before

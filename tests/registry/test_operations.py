"""Creating, changing and retiring registry records, with permission per unit branch."""

from datetime import date

import pytest

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.registry import access
from meeting.registry.operations import create_record, get_kind, retire_record, update_record
from tests.helpers import english, last_entry, refused

DEVICE = get_kind("device")
CERT = get_kind("certificate")


def device(actor, unit="XA-LS-1", serial="SN-001", **extra):
    return create_record(actor, DEVICE, {"unit_code": unit, "kind": "server",
                                         "serial": serial, **extra})


def test_create_audits_the_typed_record(tree, it_officer):
    made = device(it_officer, commissioned_on="15/07/2018", model="Dell R740")
    assert made.unit_id == tree["c1"].id and made.status == "in_use"
    assert made.commissioned_on == date(2018, 7, 15)
    entry = last_entry()
    assert entry.action == "registry.device.create" and entry.user_id == it_officer.id
    assert entry.after["serial"] == "SN-001" and entry.after["commissioned_on"] == "2018-07-15"


def test_district_editor_edits_its_communes_but_not_another_district(tree, district_editor):
    made = device(district_editor, unit="XA-LS-2")
    assert made.unit_id == tree["c2"].id
    refused(NotFound, device, district_editor, unit="HU-MC", serial="SN-002")
    # Moving a record out of the branch needs the right to edit the other unit too.
    refused(NotFound, update_record, district_editor, DEVICE, made, {"unit_code": "HU-MC"})


def test_viewer_reads_but_cannot_change(tree, viewer, it_officer):
    made = device(it_officer)
    assert access.can_view(viewer, made.unit_id)
    refused(Forbidden, update_record, viewer, DEVICE, made, {"model": "x"})
    refused(Forbidden, retire_record, viewer, DEVICE, made)


def test_person_without_grant_sees_nothing(tree, create_user):
    stranger = create_user("la", roles=["delegate"])
    assert access.visible_unit_ids(stranger) == set()
    refused(Forbidden, device, stranger)


def test_duplicate_serial_is_refused_case_insensitively(tree, it_officer):
    device(it_officer, serial="abc-1")
    error = refused(Conflict, device, it_officer, serial="ABC-1")
    assert "ABC-1" in english(error.message)


def test_bad_values_are_refused_with_the_field_named(tree, it_officer):
    error = refused(OperationError, device, it_officer, commissioned_on="31/02/2020")
    assert "Commissioned on" in english(error.message)
    error = refused(OperationError, device, it_officer, unit="NOPE")
    assert "NOPE" in english(error.message)
    error = refused(OperationError, device, it_officer, kind="toaster")
    assert "Type" in english(error.message)
    error = refused(OperationError, create_record, it_officer, CERT, {
        "unit_code": "TU", "holder_kind": "organisation", "holder_name": "Văn phòng Tỉnh ủy",
        "serial": "C1", "valid_from": "2024-01-01", "valid_to": "2023-01-01"})
    assert "Valid to cannot be before Valid from" in english(error.message)


def test_update_records_before_and_after(tree, it_officer):
    made = device(it_officer)
    update_record(it_officer, DEVICE, made, {"status": "broken"})
    entry = last_entry()
    assert entry.action == "registry.device.update"
    assert entry.before["status"] == "in_use" and entry.after["status"] == "broken"


def test_retire_sets_status_and_date_and_twice_is_refused(tree, it_officer):
    made = device(it_officer)
    retire_record(it_officer, DEVICE, made, on=date(2025, 1, 2))
    assert made.status == "retired" and made.retired_on == date(2025, 1, 2)
    refused(Conflict, retire_record, it_officer, DEVICE, made)


def test_records_without_lifecycle_are_deleted(tree, it_officer):
    kind = get_kind("budget")
    line = create_record(it_officer, kind, {"unit_code": "TU", "year": 2024,
                                            "purpose": "Bảo trì máy chủ",
                                            "planned": "150.000.000", "spent": 90_000_000})
    assert line.planned == 150_000_000
    assert retire_record(it_officer, kind, line) is None
    assert last_entry().action == "registry.budget.delete"


def test_exchange_share_is_computed_and_unique_per_period(tree, it_officer):
    kind = get_kind("exchange")
    row = create_record(it_officer, kind, {"unit_code": "TU", "year": 2024, "sent_electronic": 80,
                                           "received_electronic": 90, "sent_paper": 20,
                                           "received_paper": 10})
    assert row.electronic_percent == 85.0
    refused(Conflict, create_record, it_officer, kind, {"unit_code": "TU", "year": 2024})


def test_certificate_status_is_derived(tree, it_officer):
    cert = create_record(it_officer, CERT, {
        "unit_code": "TU", "holder_kind": "individual", "holder_name": "Bí thư Tỉnh ủy",
        "serial": "5401", "valid_from": "01/01/2024", "valid_to": "31/12/2026"})
    assert cert.status_on(date(2025, 6, 1)) == "valid"
    assert cert.status_on(date(2027, 1, 1)) == "expired"
    retire_record(it_officer, CERT, cert, on=date(2025, 7, 1))
    assert cert.status_on(date(2025, 8, 1)) == "revoked"


@pytest.mark.parametrize("text", ["2024-03-31", "31/03/2024", "31-03-2024"])
def test_dates_in_both_forms(tree, it_officer, text):
    assert device(it_officer, purchased_on=text).purchased_on == date(2024, 3, 31)

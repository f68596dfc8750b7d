"""The unit tree: who may add units, validation, and the order the tree is shown in."""

import pytest

from meeting.core import units
from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.core.models import AuditEntry
from meeting.extensions import db


def test_tree_lists_parents_before_children(app):
    province = units.create_unit(None, code="tu", name="Tỉnh ủy")
    district = units.create_unit(None, code="LS", name="Huyện ủy Lương Sơn", level="district",
                                 parent_id=province.id)
    units.create_unit(None, code="KB", name="Huyện ủy Kim Bôi", level="district",
                      parent_id=province.id)
    units.create_unit(None, code="LS-TT", name="Đảng ủy thị trấn", level="commune",
                      parent_id=district.id)
    assert province.code == "TU"
    assert [(depth, u.code) for depth, u in units.tree()] == [
        (0, "TU"), (1, "KB"), (1, "LS"), (2, "LS-TT")]


def test_only_secretariat_admin_or_it_officer_add_units(app, create_user):
    delegate = create_user(roles=["delegate"])
    with pytest.raises(Forbidden):
        units.create_unit(delegate, code="X", name="X")
    it_officer = create_user(roles=["it_officer"])
    unit = units.create_unit(it_officer, code="X", name="Đơn vị X")
    entry = db.session.query(AuditEntry).filter_by(action="unit.create").one()
    assert entry.user_id == it_officer.id and entry.target_id == unit.id
    assert entry.after["name"] == "Đơn vị X"


@pytest.mark.parametrize("kwargs, error", [
    ({"code": "", "name": "A"}, OperationError),
    ({"code": "A", "name": "  "}, OperationError),
    ({"code": "A", "name": "A", "level": "galaxy"}, OperationError),
    ({"code": "A", "name": "A", "parent_id": 99999}, NotFound),
    ({"code": "A" * 41, "name": "A"}, OperationError),
])
def test_bad_unit_input_is_refused_and_nothing_is_stored(app, kwargs, error):
    with pytest.raises(error):
        units.create_unit(None, **kwargs)
    db.session.rollback()
    assert units.tree() == []


def test_duplicate_code_is_refused(app):
    units.create_unit(None, code="TU", name="Tỉnh ủy")
    with pytest.raises(Conflict):
        units.create_unit(None, code="tu", name="Khác")


def test_units_page_adds_a_unit_and_shows_refusals(app, secretariat, login):
    api = login(secretariat)
    response = api.form("/units", {"code": "TU", "name": "Tỉnh ủy Hòa Bình", "level": "province"})
    assert response.status_code == 302
    response = api.form("/units", {"code": "TU", "name": "Lần hai", "level": "province"})
    assert response.status_code == 400
    assert "TU" in response.get_data(as_text=True)
    assert [u.name for _, u in units.tree()] == ["Tỉnh ủy Hòa Bình"]


def test_a_huge_parent_id_is_refused_not_a_server_error(app, secretariat, login):
    response = login(secretariat).form("/units", {"code": "X", "name": "X", "level": "province",
                                                  "parent_id": str(10**30)})
    assert response.status_code == 400
    assert units.tree() == []

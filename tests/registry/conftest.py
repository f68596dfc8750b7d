"""A small unit tree and the people who keep its registry."""

import pytest

from meeting.core.units import create_unit
from meeting.registry import catalogue


@pytest.fixture
def tree(app):
    """Province → two district committees → communes under the first one."""
    province = create_unit(None, code="TU", name="Tỉnh ủy Hòa Bình")
    d1 = create_unit(None, code="HU-LS", name="Huyện ủy Lạc Sơn", level="district",
                     parent_id=province.id)
    d2 = create_unit(None, code="HU-MC", name="Huyện ủy Mai Châu", level="district",
                     parent_id=province.id)
    c1 = create_unit(None, code="XA-LS-1", name="Đảng ủy xã Vụ Bản", level="commune",
                     parent_id=d1.id)
    c2 = create_unit(None, code="XA-LS-2", name="Đảng ủy xã Nhân Nghĩa", level="commune",
                     parent_id=d1.id)
    return {"province": province, "d1": d1, "d2": d2, "c1": c1, "c2": c2}


@pytest.fixture
def it_officer(create_user):
    return create_user("cntt", roles=["it_officer"], full_name="Trần Văn Tin")


@pytest.fixture
def district_editor(create_user, tree):
    user = create_user("bientap", roles=["delegate"], full_name="Nguyễn Văn Biên")
    catalogue.grant(None, user, tree["d1"], "editor")
    return user


@pytest.fixture
def viewer(create_user, tree):
    user = create_user("xem", roles=["delegate"], full_name="Phạm Thị Xem")
    catalogue.grant(None, user, tree["province"], "viewer")
    return user


@pytest.fixture
def systems(app):
    return {code: catalogue.save_system(None, {"code": code, "name": name, "category": cat})
            for code, name, cat in (
                ("LOTUS", "Hệ thống thông tin điều hành tác nghiệp Lotus Notes",
                 "document_exchange"),
                ("IOFFICE", "VNPT-iOffice", "e_office"),
                ("PAPERLESS", "Phòng họp không giấy tờ", "paperless_meeting"))}

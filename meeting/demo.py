"""Demo data: a province's two bodies, their members, a meeting today and a past one.

Loaded only by ``meeting demo``; a production install has no account until
``meeting create-admin``. Every record goes through the same operations as the UI.
"""

from datetime import date, datetime, time, timedelta

from flask_babel import to_utc
from sqlalchemy import select

from meeting.auth import operations as accounts
from meeting.auth.models import User
from meeting.core.models import Unit
from meeting.core.unit_of_work import commit
from meeting.extensions import db
from meeting.meetings import agenda, attendance, operations
from meeting.meetings.models import Body

DEMO_PASSWORD = "demo12345"
SECRETARIAT = None  # the command line stands in for the actor: operations accept None

UNITS = [
    ("TU", "Tỉnh ủy Hòa Bình", "province", None),
    ("VPTU", "Văn phòng Tỉnh ủy", "province", "TU"),
    ("TPHB", "Thành ủy Hòa Bình", "district", "TU"),
    ("LS", "Huyện ủy Lương Sơn", "district", "TU"),
    ("KB", "Huyện ủy Kim Bôi", "district", "TU"),
    ("CP", "Huyện ủy Cao Phong", "district", "TU"),
    ("TL", "Huyện ủy Tân Lạc", "district", "TU"),
    ("MC", "Huyện ủy Mai Châu", "district", "TU"),
    ("LSO", "Huyện ủy Lạc Sơn", "district", "TU"),
    ("YT", "Huyện ủy Yên Thủy", "district", "TU"),
    ("LT", "Huyện ủy Lạc Thủy", "district", "TU"),
    ("DB", "Huyện ủy Đà Bắc", "district", "TU"),
    ("CAT", "Đảng ủy Công an tỉnh", "district", "TU"),
    ("QST", "Đảng ủy Quân sự tỉnh", "district", "TU"),
    ("KCQ", "Đảng ủy Khối các cơ quan tỉnh", "district", "TU"),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Bùi", "Đinh", "Quách", "Vũ", "Đặng",
            "Xa", "Hà", "Ngô", "Đỗ", "Lò", "Sa"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Hữu", "Thu", "Ngọc", "Xuân"]
GIVEN = ["Hùng", "Lan", "Tuấn", "Hương", "Thắng", "Mai", "Dũng", "Hà", "Sơn", "Nga", "Bình",
         "Thủy", "Cường", "Hạnh", "Khánh", "Phương", "Long", "Yến", "Trung", "Oanh", "Quân",
         "Thảo", "Hải", "Vân", "Nam", "Liên", "Tâm", "Huệ", "Toàn", "Loan", "Việt", "Hằng",
         "Kiên", "Nhung", "Đông", "Hoa", "Lâm", "Trang", "Phong", "Dung", "Hiếu", "Linh",
         "Tùng", "Thơm", "Chiến", "Quyên", "Hưng", "Giang", "Thịnh", "Huyền"]

STANDING_TITLES = [
    ("secretary", "Bí thư Tỉnh ủy"),
    ("deputy_secretary", "Phó Bí thư Thường trực Tỉnh ủy"),
    ("deputy_secretary", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
    ("deputy_secretary", "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"),
    ("standing_member", "Trưởng Ban Tổ chức Tỉnh ủy"),
    ("standing_member", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy"),
    ("standing_member", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("standing_member", "Chánh Văn phòng Tỉnh ủy"),
    ("standing_member", "Trưởng Ban Nội chính Tỉnh ủy"),
    ("standing_member", "Phó Chủ tịch Thường trực UBND tỉnh"),
    ("standing_member", "Giám đốc Công an tỉnh"),
    ("standing_member", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
    ("standing_member", "Bí thư Thành ủy Hòa Bình"),
    ("standing_member", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
    ("standing_member", "Bí thư Đảng ủy Khối các cơ quan tỉnh"),
]

AGENDA_TODAY = [
    ("Khai mạc hội nghị; thông qua chương trình", "Đồng chí Bí thư Tỉnh ủy", 10),
    ("Báo cáo tình hình thực hiện nhiệm vụ chính trị năm 2026, phương hướng năm 2027",
     "Văn phòng Tỉnh ủy", 40),
    ("Dự thảo Nghị quyết về chuyển đổi số trong các cơ quan Đảng giai đoạn 2026–2030",
     "Ban Tuyên giáo và Dân vận Tỉnh ủy", 45),
    ("Báo cáo kết quả công tác kiểm tra, giám sát năm 2026", "Ủy ban Kiểm tra Tỉnh ủy", 30),
    ("Thảo luận, cho ý kiến các nội dung trình hội nghị", "Các đồng chí Tỉnh ủy viên", 60),
    ("Bế mạc hội nghị", "Đồng chí Bí thư Tỉnh ủy", 10),
]


def _name(i: int) -> str:
    return f"{SURNAMES[i % len(SURNAMES)]} {MIDDLES[(i * 7) % len(MIDDLES)]} {GIVEN[i]}"


def _person(username, full_name, roles, title="", unit=None):
    user = db.session.scalar(select(User).where(User.username == username))
    return user or accounts.create_user(SECRETARIAT, username=username, full_name=full_name,
                                        password=DEMO_PASSWORD, roles=roles, title=title,
                                        unit_id=unit.id if unit else None)


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return to_utc(datetime.combine(day, time(hour, minute))).replace(tzinfo=None)


def _units() -> dict:
    units = {}
    for code, name, level, parent in UNITS:
        unit = Unit(code=code, name=name, level=level,
                    parent_id=units[parent].id if parent else None)
        db.session.add(unit)
        db.session.flush()
        units[code] = unit
    commit()
    return units


def load_demo(today: date | None = None) -> list[tuple[str, str]]:
    """Create the demo records once; return (role, username) pairs to print."""
    logins = [("Quản trị (admin)", "admin"), ("Thư ký (secretariat)", "thuky"),
              ("Chủ trì (chair) — Bí thư", "bithu"), ("Đại biểu (delegate)", "daibieu01"),
              ("Đại biểu mời (guest)", "khach01"), ("Cán bộ CNTT (IT officer)", "cntt")]
    if db.session.scalar(select(Body).where(Body.code == "BCH")):
        return logins
    today = today or datetime.now().date()
    units = _units()
    _person("admin", "Quản trị hệ thống", ["admin"], "Quản trị hệ thống", units["VPTU"])
    _person("thuky", "Lê Thị Thu Trang", ["secretariat"], "Chuyên viên Văn phòng Tỉnh ủy",
            units["VPTU"])
    _person("cntt", "Đinh Quang Huy", ["it_officer"], "Cán bộ CNTT, Văn phòng Tỉnh ủy",
            units["VPTU"])
    guests = [_person("khach01", "Trần Văn Phúc", ["guest"], "Phó Trưởng Đoàn ĐBQH tỉnh"),
              _person("khach02", "Bùi Thị Hồng", ["guest"],
                      "Giám đốc Sở Thông tin và Truyền thông")]

    bch = operations.create_body(SECRETARIAT, code="BCH", name="Ban Chấp hành Đảng bộ tỉnh")
    btv = operations.create_body(SECRETARIAT, code="BTV", name="Ban Thường vụ Tỉnh ủy")
    bch_term = operations.create_term(SECRETARIAT, bch, label="XVII", start_date=date(2020, 10, 15))
    btv_term = operations.create_term(SECRETARIAT, btv, label="XVII", start_date=date(2020, 10, 15))

    district_units = [u for u in units.values() if u.level == "district"]
    members = []
    for i in range(50):
        if i < len(STANDING_TITLES):
            office, title = STANDING_TITLES[i]
        else:
            office, unit = "member", district_units[i % len(district_units)]
            title = f"Tỉnh ủy viên, {unit.name}"
        username = "bithu" if i == 0 else f"daibieu{i:02d}"
        roles = ["delegate", "chair"] if i == 0 else ["delegate"]
        user = _person(username, _name(i), roles, title, units["TU"])
        operations.add_member(SECRETARIAT, bch_term, user, office)
        if i < len(STANDING_TITLES):
            operations.add_member(SECRETARIAT, btv_term, user, office)
        members.append(user)
    chair = members[0]

    meeting = operations.create_meeting(
        SECRETARIAT, body=bch, title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 25, khóa XVII",
        start_dt=_local(today, 8), end_dt=_local(today, 17), room="Hội trường Tỉnh ủy, tầng 3",
        chair_id=chair.id, number=25)
    for title, presenter, minutes in AGENDA_TODAY:
        agenda.add_item(SECRETARIAT, meeting, title=title, presenter=presenter,
                        planned_minutes=minutes)
    for guest in guests:
        operations.invite_guest(SECRETARIAT, meeting, guest)
    operations.change_status(SECRETARIAT, meeting, "published")
    attendance.respond(members[7], meeting, "excused", "Đi công tác tại Trung ương")
    from meeting.documents.demo import load_documents_demo

    load_documents_demo(meeting)  # today's papers, published to the tablets

    past = operations.create_meeting(
        SECRETARIAT, body=btv, title="Hội nghị Ban Thường vụ Tỉnh ủy",
        start_dt=_local(today - timedelta(days=28), 8),
        end_dt=_local(today - timedelta(days=28), 11, 30),
        room="Phòng họp Ban Thường vụ", chair_id=chair.id)
    for title in ("Cho ý kiến về dự thảo Báo cáo tình hình ứng dụng công nghệ thông tin",
                  "Cho ý kiến về công tác cán bộ", "Kết luận hội nghị"):
        agenda.add_item(SECRETARIAT, past, title=title, presenter="Văn phòng Tỉnh ủy",
                        planned_minutes=30)
    operations.change_status(SECRETARIAT, past, "published")
    operations.change_status(SECRETARIAT, past, "in_session")
    for member in members[:13]:
        attendance.check_in(member, past)
    for item in past.items:
        agenda.set_current_item(SECRETARIAT, past, item.id)
    from meeting.voting.demo import load_voting_demo

    load_voting_demo(past)  # a counted, published secret vote of the Standing Committee
    operations.change_status(SECRETARIAT, past, "closed")
    from meeting.papers.demo import load_papers_demo

    load_papers_demo(past)  # approved minutes; invitation, agenda, minutes issued and signed

    upcoming = operations.create_meeting(
        SECRETARIAT, body=btv, title="Hội nghị Ban Thường vụ Tỉnh ủy (tháng 12)",
        start_dt=_local(today + timedelta(days=14), 8),
        end_dt=_local(today + timedelta(days=14), 11), room="Phòng họp Ban Thường vụ",
        chair_id=chair.id)
    agenda.add_item(SECRETARIAT, upcoming, title="Chuẩn bị Hội nghị tổng kết năm",
                    presenter="Văn phòng Tỉnh ủy", planned_minutes=60)
    from meeting.registry.demo import load_registry_demo

    load_registry_demo(today)  # the IT registry of last year's report, on the same unit tree
    from meeting.savings.demo import load_demo as load_savings_demo

    load_savings_demo()  # default prices; copies printed of published papers, if any
    return logins

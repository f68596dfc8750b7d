"""Demo certificates: 44 for organisations and 173 for individuals in force at the end of the
demo year (the offices the report lists), plus a few revoked, expired and soon-expiring ones.
"""

from datetime import date, timedelta

from meeting.demo import GIVEN, MIDDLES, SURNAMES
from meeting.registry.demo_units import AFFILIATED, DISTRICTS, MASS_ORGS, PARTY_BOARDS

ISSUER = "Ban Cơ yếu Chính phủ"
ORGANISATIONS, INDIVIDUALS = 44, 173
DISTRICT_TITLES = ("Bí thư", "Phó Bí thư Thường trực", "Phó Bí thư", "Chánh Văn phòng",
                   "Phó Chánh Văn phòng", "Phó Chánh Văn phòng", "Trưởng Ban Tổ chức",
                   "Chủ nhiệm Ủy ban Kiểm tra", "Trưởng Ban Tuyên giáo và Dân vận")
PROVINCE_TITLES = {
    "TU": ("Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy", "Phó Bí thư Tỉnh ủy",
           "Phó Bí thư Tỉnh ủy"),
    "VPTU": ("Chánh Văn phòng", "Phó Chánh Văn phòng", "Phó Chánh Văn phòng",
             "Phó Chánh Văn phòng") + ("Trưởng phòng",) * 6,
    "BHB": ("Tổng Biên tập", "Phó Tổng Biên tập", "Phó Tổng Biên tập"),
    "TCT": ("Hiệu trưởng", "Phó Hiệu trưởng"),
}


def _holders(units) -> list[tuple[str, str, str, str]]:
    """(unit code, holder kind, holder name, title) of every certificate in force."""
    orgs = [("TU", "Tỉnh ủy Hòa Bình"), ("VPTU", "Văn phòng Tỉnh ủy"),
            ("VPTU", "Phòng Cơ yếu – Công nghệ thông tin"), ("VPTU", "Phòng Hành chính – Lưu trữ"),
            ("BHB", "Báo Hòa Bình"), ("TCT", "Trường Chính trị tỉnh")]
    orgs += [(c, units[c].name) for c in PARTY_BOARDS + MASS_ORGS]
    for code, name in DISTRICTS + AFFILIATED:
        orgs += [(code, name), (code, f"Văn phòng {name}")]
    people = [(code, t) for code, titles in PROVINCE_TITLES.items() for t in titles]
    for code in PARTY_BOARDS + MASS_ORGS:
        people += [(code, "Trưởng ban" if code in PARTY_BOARDS else "Chủ tịch"),
                   (code, "Phó Trưởng ban" if code in PARTY_BOARDS else "Phó Chủ tịch"),
                   (code, "Phó Trưởng ban" if code in PARTY_BOARDS else "Phó Chủ tịch")]
    people += [(code, t) for code, _ in DISTRICTS for t in DISTRICT_TITLES]
    people += [(code, t) for code, _ in AFFILIATED
               for t in ("Bí thư", "Phó Bí thư", "Chánh Văn phòng")]
    people += [("VPTU", "Chuyên viên")] * (INDIVIDUALS - len(people))
    assert len(orgs) == ORGANISATIONS and len(people) == INDIVIDUALS, (len(orgs), len(people))
    return ([(c, "organisation", n, "") for c, n in orgs]
            + [(c, "individual", _person(i), t) for i, (c, t) in enumerate(people)])


def _person(i: int) -> str:
    return (f"{SURNAMES[i % len(SURNAMES)]} {MIDDLES[(i * 3) % len(MIDDLES)]} "
            f"{GIVEN[(i * 7) % len(GIVEN)]}")


def certificate_rows(units, levels, year, today) -> list[dict]:
    """Rows for ``registry_certificates``; certificates in force never expire before today."""
    rows = []
    # A few in force end to end but expiring soon after today: the expiry panel shows them.
    soon = {7: 12, 30: 25, 51: 40, 77: 58, 102: 75, 140: 88}
    for i, (code, kind, name, title) in enumerate(_holders(units)):
        # The first of each kind were issued during the demo year: the change to report.
        new = i % 11 == 0
        start = date(year, 5, 1) if new else date(year - 1 - i % 2, 1 + i % 12, 10)
        end = (today + timedelta(days=soon[i])) if i in soon else start.replace(
            year=start.year + 5)
        rows.append({"unit_id": units[code].id, "holder_kind": kind, "holder_name": name,
                     "holder_title": title, "serial": f"54{year % 100:02d}{i + 1:06d}",
                     "issuer": ISSUER, "valid_from": start, "valid_to": end})
    extras = [("KB", "individual", "Cán bộ đã chuyển công tác", date(year, 8, 1), None),
              ("LS", "individual", "Cán bộ nghỉ hưu", date(year, 3, 1), None),
              ("KCQ", "organisation", "Đảng ủy Khối (khóa cũ)", date(year, 2, 1), None),
              ("MC", "individual", "Cán bộ (hết hạn)", None, date(year, 6, 30)),
              ("YT", "individual", "Cán bộ (hết hạn)", None, date(year, 9, 30))]
    for n, (code, kind, name, revoked, expired) in enumerate(extras):
        start = date(year - 5, 7, 1) if expired else date(year - 2, 1, 1)
        rows.append({"unit_id": units[code].id, "holder_kind": kind, "holder_name": name,
                     "holder_title": "", "serial": f"54{year % 100:02d}9{n:05d}",
                     "issuer": ISSUER, "valid_from": start,
                     "valid_to": expired or start.replace(year=start.year + 5),
                     "revoked_on": revoked})
    return rows

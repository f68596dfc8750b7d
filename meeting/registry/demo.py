"""Demo registry: the province of the yearly IT report, with the report's own figures.

At the end of the demo year (last year) the registry holds what the Provincial Committee's
report states: over 220 connected units, 37 servers, 509 workstations and 113 laptops,
44 certificates for organisations and 173 for individuals, the Provincial Committee plus 12
video-conference bridge points (Police, Military Command, districts/city, since Q1/2017),
Lotus Notes and VNPT-iOffice (since 07/2018), the paperless meeting room (Q3/2021), the
newspaper's electronic newsroom, over 85 % of non-secret documents exchanged electronically.
Rows go in with bulk inserts: loading takes well under a second.
"""

import random
from datetime import date, timedelta

from sqlalchemy import insert, select

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.demo_certs import certificate_rows
from meeting.registry.demo_units import AFFILIATED, DISTRICTS, PARTY_BOARDS, unit_tree

# (code, name, category, launched_on, precision, who uses it)
SYSTEMS = [
    ("LOTUS", "Hệ thống thông tin điều hành tác nghiệp Lotus Notes", "document_exchange",
     date(2008, 1, 1), "year", "party"),
    ("VIDEO", "Hệ thống Hội nghị truyền hình trực tuyến", "video_conference",
     date(2017, 1, 1), "quarter", "video"),
    ("IOFFICE", "Phần mềm quản lý và điều hành văn bản VNPT-iOffice", "e_office",
     date(2018, 7, 1), "month", "ioffice"),
    ("PAPERLESS", "Hệ thống phòng họp không giấy tờ", "paperless_meeting",
     date(2021, 7, 1), "quarter", "TU"),
    ("NEWSROOM", "Phần mềm Tòa soạn điện tử", "newsroom", date(2016, 1, 1), "year", "BHB"),
    ("EMAIL", "Hệ thống thư điện tử công vụ", "email", date(2010, 1, 1), "year", "party"),
]
SLOW_IOFFICE = ("DB", "MC")          # districts still not on VNPT-iOffice
UNCONNECTED = ("DB-X19", "MC-X19")   # communes the network does not reach yet
NO_BUDGET = ("KB", "TL", "LSO", "DB", "MC", "KDN", "HCCB", "HND")


def _bulk(model, rows):
    if rows:
        db.session.execute(insert(model), rows)


def _units() -> dict[str, Unit]:
    existing = {u.code: u for u in db.session.scalars(select(Unit))}
    for code, name, level, _, parent in unit_tree():
        if code not in existing:
            unit = Unit(code=code, name=name, level=level,
                        parent_id=existing[parent].id if parent else None)
            db.session.add(unit)
            existing[code] = unit
            if level != "commune":  # communes' parents are all added by then
                db.session.flush()
    db.session.flush()
    return existing


def _device_plan(code, level):
    """How many servers, workstations and laptops a unit has at the end of the year."""
    if level == "commune":
        return (0, 1, 0)
    return {"TU": (3, 0, 19), "VPTU": (12, 60, 16), "BHB": (0, 25, 10), "TCT": (0, 10, 0),
            "CAT": (1, 10, 2), "QST": (1, 10, 2)}.get(code) or (
        (2, 25, 4) if level == "district" else (0, 10, 2) if level == "affiliated"
        else (0, 8, 5) if code in PARTY_BOARDS else (0, 4, 0))


def _devices(units, levels, year) -> list[dict]:
    rows, serial = [], iter(range(1, 100_000))
    communes_with_pc = 509 - (60 + 25 + 10 + 8 * 4 + 4 * 6 + 25 * 10 + 10 * 4)
    seen_communes = 0
    for code, level in levels.items():
        servers, stations, laptops = _device_plan(code, level)
        if level == "commune":
            seen_communes += 1
            if seen_communes > communes_with_pc:
                continue
        for kind, count, new in (("server", servers, 1 if servers >= 2 else 0),
                                 ("workstation", stations, stations // 12),
                                 ("laptop", laptops, laptops // 4)):
            for i in range(count):
                # The last ``new`` devices arrived during the demo year.
                start = date(year, 3, 15) if i >= count - new else date(year - 3, 6, 1)
                status = "spare" if i == 0 and count > 8 else "in_use"
                rows.append({"unit_id": units[code].id, "kind": kind, "status": status,
                             "serial": f"HB{next(serial):06d}",
                             "model": {"server": "Dell PowerEdge R740",
                                       "workstation": "HP ProDesk 400 G7",
                                       "laptop": "Dell Latitude 5420"}[kind],
                             "purchased_on": start, "commissioned_on": start})
        if level == "district":  # old machines replaced during the year
            for _ in range(2):
                rows.append({"unit_id": units[code].id, "kind": "workstation",
                             "status": "retired", "serial": f"HB{next(serial):06d}",
                             "model": "Dell OptiPlex 380", "purchased_on": date(2012, 1, 1),
                             "commissioned_on": date(2012, 1, 1),
                             "retired_on": date(year, 4, 1)})
    return rows


def _system_rows(units, levels, year):
    party = [c for c, lv in levels.items() if lv != "commune"]
    groups = {"party": party, "TU": ["TU"], "BHB": ["BHB"],
              "video": ["TU", "CAT", "QST"] + [c for c, _ in DISTRICTS],
              "ioffice": [c for c in party if c not in SLOW_IOFFICE]}
    uses = []
    for code, name, category, launched, precision, group in SYSTEMS:
        system = m.InfoSystem(code=code, name=name, category=category, launched_on=launched,
                              launched_precision=precision)
        db.session.add(system)
        db.session.flush()
        for unit_code in groups[group]:
            since = launched if levels[unit_code] != "commune" else date(year - 1, 1, 1)
            if group == "ioffice" and levels[unit_code] == "district":
                since = date(2019, 3, 1)
            uses.append({"unit_id": units[unit_code].id, "system_id": system.id,
                         "status": "active", "since": since})
    return uses


def _exchange(units, levels, year, rnd, today) -> list[dict]:
    """Quarterly counts for the year before, the demo year and this year's past quarters."""
    rows, done = [], (today.month - 1) // 3
    for code, level in levels.items():
        if level == "commune":
            continue
        # Each unit near the province's share, some above the target, some below.
        spread = rnd.uniform(-0.06, 0.07)
        for y, share in ((year - 1, 0.80 + spread), (year, 0.87 + spread),
                         (year + 1, 0.89 + spread)):
            if code in SLOW_IOFFICE:
                share -= 0.12
            for q in (1, 2, 3, 4) if y <= year else range(1, done + 1):
                total = rnd.randint(90, 160) if level != "province" else rnd.randint(200, 300)
                sent = total // 3
                received = total - sent
                se, re_ = round(sent * share), round(received * share)
                rows.append({"unit_id": units[code].id, "year": y, "quarter": q,
                             "sent_electronic": se, "sent_paper": sent - se,
                             "received_electronic": re_, "received_paper": received - re_})
    return rows


def load_registry_demo(today: date | None = None) -> int:
    """Create the demo registry once; return the demo year (the report's year)."""
    today = today or date.today()
    year = today.year - 1
    if db.session.scalar(select(m.InfoSystem.id).where(m.InfoSystem.code == "LOTUS")):
        return year
    rnd = random.Random(2021)
    units = _units()
    tree = unit_tree()
    levels = {code: reg_level for code, _, _, reg_level, _ in tree}
    _bulk(m.UnitProfile, [{
        "unit_id": units[code].id, "level": levels[code],
        "staff": 4 if levels[code] == "commune" else 25,
        "mailboxes": 2 if levels[code] == "commune" else (60 if code == "VPTU" else 18)}
        for code in levels if code not in ("TDTN",)] + [
        {"unit_id": units["TDTN"].id, "level": "province", "staff": 20, "mailboxes": 0}])
    links = []
    for i, code in enumerate(levels):
        if code in UNCONNECTED:
            continue
        level = levels[code]
        since = (date(2008, 5, 1) if level == "province" else date(2009, 9, 1)
                 if level in ("district", "affiliated") else
                 date(year, 6, 1) if i % 16 == 0 else date(2015 + i % 5, 3, 1))
        links.append({"unit_id": units[code].id, "provider": "Cục Bưu điện Trung ương",
                      "bandwidth_mbps": 4 if level == "commune" else 20, "status": "active",
                      "connected_on": since})
    _bulk(m.NetworkLink, links)
    _bulk(m.Device, _devices(units, levels, year))
    _bulk(m.Certificate, certificate_rows(units, levels, year, today))
    points = [{"unit_id": units["TU"].id, "name": "Điểm cầu Tỉnh ủy", "level": "province",
               "status": "active", "commissioned_on": date(2017, 2, 20)}]
    for code, name in [(c, n) for c, n in AFFILIATED if c in ("CAT", "QST")] + DISTRICTS:
        points.append({"unit_id": units[code].id, "name": f"Điểm cầu {name}",
                       "level": "district", "status": "active",
                       "commissioned_on": date(2017, 3, 10)})
    for code in ("TPHB-X01", "LS-X01", "KB-X01"):
        points.append({"unit_id": units[code].id, "name": "Điểm cầu xã (đang triển khai)",
                       "level": "commune", "status": "planned"})
    _bulk(m.VideoPoint, points)
    _bulk(m.SystemUse, _system_rows(units, levels, year))
    _bulk(m.ExchangeFigure, _exchange(units, levels, year, rnd, today))
    _bulk(m.Website, [{"unit_id": units[code].id, "address": f"https://{code.lower()}.hoabinh.dcs.vn",
                       "name": units[code].name, "status": "active",
                       "launched_on": date(2012 + i % 8, 1, 1)}
                      for i, code in enumerate(levels)
                      if levels[code] != "commune" and code not in ("TDTN", "HCCB", "TCT")])
    budgets = []
    for code in levels:
        if levels[code] == "commune" or code in NO_BUDGET:
            continue
        for y in (year - 1, year, year + 1):
            planned = 2_500_000_000 if code == "VPTU" else 150_000_000
            planned = planned * {year - 1: 9, year: 10, year + 1: 11}[y] // 10
            budgets.append({"unit_id": units[code].id, "year": y,
                            "purpose": "Bảo trì, nâng cấp hệ thống trang thiết bị CNTT",
                            "planned": planned,
                            # This year is not over: only its elapsed months are spent.
                            "spent": planned * (85 + rnd.randint(0, 10)) // 100
                            * (today.month if y > year else 12) // 12})
    _bulk(m.BudgetLine, budgets)
    checks = []
    for i, code in enumerate(levels):
        checks.append({"unit_id": units[code].id, "network_isolated": True,
                       "firewall": code not in ("KB", "LT-X04"), "antivirus": code != "MC",
                       "checked_on": date(year - 2, 10, 5) if code in ("YT", "HND")
                       # December: still within a year of the check when the demo runs.
                       else date(year, 12, 1) + timedelta(days=i % 28),
                       "assessor": "Phòng Cơ yếu – CNTT, Văn phòng Tỉnh ủy"})
    _bulk(m.SecurityCheck, checks)
    db.session.commit()
    return year

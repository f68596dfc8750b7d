"""The report figures: hand-built rows, hand-counted answers."""

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from meeting.registry.figures import YearFigures, year_figures
from meeting.registry.figures_data import (
    BudgetRow,
    CertificateRow,
    CheckRow,
    DeviceRow,
    ExchangeRow,
    LinkRow,
    RegistryData,
    Settings,
    SystemRow,
    SystemUseRow,
    UnitRow,
    VideoPointRow,
    WebsiteRow,
)

D = date


def units():
    return [UnitRow(1, "TU", "Tỉnh ủy", "province", None, 30),
            UnitRow(2, "LS", "Huyện ủy Lương Sơn", "district", 1, 12),
            UnitRow(3, "KB", "Huyện ủy Kim Bôi", "district", 1, 0),
            UnitRow(4, "CAT", "Đảng ủy Công an tỉnh", "affiliated", 1, 5),
            UnitRow(5, "X1", "Đảng ủy xã Hòa Sơn", "commune", 2, 0)]


def data(**rows):
    return RegistryData(units=units(), **rows)


def test_network_counts_links_alive_at_the_end_of_the_year():
    d = data(links=[LinkRow(1, "active", D(2015, 1, 1)),
                    LinkRow(2, "active", D(2020, 6, 1)),
                    LinkRow(3, "closed", D(2016, 1, 1), D(2020, 3, 1)),   # closed that year
                    LinkRow(4, "active", D(2021, 2, 1)),                  # next year
                    LinkRow(5, "suspended", D(2018, 1, 1))])              # not working now
    fig = year_figures(d, 2020)
    assert fig.network["connected"] == 2
    assert fig.network["by_level"] == {"province": 1, "district": 1, "affiliated": 0,
                                       "commune": 0}
    assert fig.network["not_connected_count"] == 3
    assert year_figures(d, 2019).network["connected"] == 2  # Kim Bôi still connected then
    assert year_figures(d, 2021).changes["connected"] == 1


def test_devices_by_kind_status_and_level_skip_retired_and_future_ones():
    d = data(devices=[DeviceRow(1, "server", "in_use", D(2019, 1, 1)),
                      DeviceRow(1, "server", "spare", D(2019, 1, 1)),
                      DeviceRow(2, "workstation", "in_use", D(2020, 5, 1)),
                      DeviceRow(2, "workstation", "broken", None),
                      DeviceRow(2, "workstation", "retired", D(2015, 1, 1), D(2020, 6, 1)),
                      DeviceRow(4, "laptop", "in_use", D(2021, 1, 5)),
                      DeviceRow(5, "printer", "in_use", D(2018, 1, 1)),
                      DeviceRow(3, "laptop", "retired", None)])  # retired, date unknown
    fig = year_figures(d, 2020)
    assert fig.devices["by_kind"] == {"server": 2, "workstation": 2, "laptop": 0, "printer": 1}
    assert fig.devices["by_status"]["server"] == {"in_use": 1, "spare": 1}
    assert fig.devices["by_level"]["district"] == {"server": 0, "workstation": 2, "laptop": 0}
    # The workstation retired in June 2020 still counted at the end of 2019.
    assert fig.previous["workstation"] == 2 and fig.changes["workstation"] == 0
    assert year_figures(d, 2021).totals["laptop"] == 1


def cert(unit, kind, serial, start, end, revoked=None):
    return CertificateRow(unit, kind, serial, f"Người giữ {serial}", start, end, revoked)


def test_certificates_in_force_expiring_windows_and_revoked():
    as_of = D(2021, 12, 31)
    d = data(certificates=[
        cert(1, "organisation", "A", D(2019, 1, 1), D(2024, 1, 1)),
        cert(2, "organisation", "B", D(2019, 1, 1), D(2022, 1, 20)),    # 20 days
        cert(2, "individual", "C", D(2019, 1, 1), D(2022, 2, 25)),      # 56 days
        cert(4, "individual", "D", D(2019, 1, 1), D(2022, 3, 31)),      # 90 days exactly
        cert(4, "individual", "E", D(2019, 1, 1), D(2022, 4, 1)),       # 91 days
        cert(3, "individual", "F", D(2019, 1, 1), D(2025, 1, 1), D(2021, 5, 1)),  # revoked
        cert(3, "individual", "G", D(2018, 1, 1), D(2021, 6, 1)),       # expired
        cert(1, "individual", "H", D(2022, 1, 1), D(2027, 1, 1)),       # not yet valid
    ])
    c = year_figures(d, 2021, as_of).certificates
    assert (c["organisation"], c["individual"]) == (2, 3)
    assert c["expiring"] == {"30": 1, "60": 2, "90": 3}
    assert [e["serial"] for e in c["expiring_list"]] == ["B", "C", "D"]
    assert c["revoked"] == 1 and c["revoked_in_year"] == 1
    assert c["by_level"]["affiliated"] == {"organisation": 0, "individual": 2}


def test_video_points_by_level_and_planned():
    d = data(video_points=[VideoPointRow(1, "Tỉnh ủy", "province", "active", D(2017, 1, 1)),
                           VideoPointRow(2, "LS", "district", "active", D(2017, 2, 1)),
                           VideoPointRow(4, "CA", "district", "active", D(2017, 2, 1)),
                           VideoPointRow(5, "Xã", "commune", "planned", None),
                           VideoPointRow(3, "KB", "district", "retired", D(2017, 1, 1),
                                         D(2019, 1, 1))])
    v = year_figures(d, 2020).video
    assert v["by_level"] == {"central": 0, "province": 1, "district": 2, "commune": 0}
    assert v["active"] == 3 and v["planned"] == 1
    assert year_figures(d, 2018).video["by_level"]["district"] == 3


def test_systems_count_users_and_name_units_missing_an_expected_system():
    d = data(systems=[SystemRow(1, "IOFFICE", "VNPT-iOffice", "e_office", D(2018, 7, 1),
                                "month"),
                      SystemRow(2, "PAPERLESS", "Phòng họp không giấy", "paperless_meeting",
                                D(2021, 7, 1), "quarter")],
             system_uses=[SystemUseRow(1, 1, "active", D(2018, 7, 1)),
                          SystemUseRow(2, 1, "active", D(2019, 1, 1)),
                          SystemUseRow(3, 1, "stopped", D(2018, 9, 1), D(2020, 1, 1)),
                          SystemUseRow(1, 2, "active", D(2021, 8, 1))])
    iof, paperless = year_figures(d, 2021).systems
    assert iof["units"] == 2 and iof["by_level"]["district"] == 1
    # Kim Bôi stopped: the other district is expected to use it.
    assert iof["missing"] == ["Huyện ủy Kim Bôi"]
    # Only the Provincial Committee uses the paperless room: nobody else is expected to.
    assert paperless["units"] == 1 and paperless["missing_count"] == 0
    fig = year_figures(d, 2021)
    assert {"kind": "not_using", "system": "VNPT-iOffice", "count": 1,
            "names": ["Huyện ủy Kim Bôi"]} in fig.difficulties


def test_exchange_share_is_computed_from_counts_with_quarters_over_a_year_row():
    d = data(exchange=[ExchangeRow(1, 2021, 0, 999, 999, 999, 999),  # ignored: quarters exist
                       ExchangeRow(1, 2021, 1, 40, 5, 50, 5),
                       ExchangeRow(1, 2021, 2, 45, 0, 45, 10),
                       ExchangeRow(2, 2021, 0, 60, 20, 60, 20),
                       ExchangeRow(2, 2020, 0, 10, 10, 10, 10)],
             settings=Settings(exchange_target_percent=90))
    ex = year_figures(d, 2021).exchange
    # 180 of 200 for the province, 120 of 160 for Lương Sơn: 300 of 360.
    assert (ex["electronic"], ex["total"], ex["paper"]) == (300, 360, 60)
    assert ex["percent"] == 83.3 and not ex["reached"] and ex["gap"] == 6.7
    assert ex["by_quarter"] == {"1": 90.0, "2": 90.0}
    assert ex["by_level"]["district"] == 75.0
    assert ex["below_target"] == ["Huyện ủy Lương Sơn"]
    fig = year_figures(d, 2021)
    assert fig.previous["exchange_percent"] == 50.0 and fig.changes["exchange_percent"] == 33.3
    reached = year_figures(RegistryData(units=units(), exchange=d.exchange,
                                        settings=Settings(exchange_target_percent=80)), 2021)
    assert reached.exchange["reached"]
    assert not [x for x in reached.difficulties if x["kind"] == "below_target"]


def test_budget_and_units_without_one():
    d = data(budgets=[BudgetRow(1, 2021, 500_000_000, 450_000_000),
                      BudgetRow(2, 2021, 100_000_000, 0),
                      BudgetRow(3, 2021, 0, 0),
                      BudgetRow(3, 2020, 50_000_000, 50_000_000)])
    b = year_figures(d, 2021).budget
    assert (b["planned"], b["spent"], b["percent_spent"]) == (600_000_000, 450_000_000, 75.0)
    # Communes are not expected to plan an IT budget (a setting).
    assert b["units_expected"] == 4 and b["without"] == ["Huyện ủy Kim Bôi",
                                                         "Đảng ủy Công an tỉnh"]


def test_security_failing_and_overdue_among_connected_units():
    d = data(links=[LinkRow(u) for u in (1, 2, 3, 4)],
             checks=[CheckRow(1, True, True, True, D(2021, 6, 1), "Sở TT&TT"),
                     CheckRow(2, True, False, True, D(2021, 3, 1)),
                     CheckRow(3, True, True, True, D(2019, 3, 1)),
                     CheckRow(5, False, False, False, D(2022, 3, 1))])  # after the year
    s = year_figures(d, 2021).security
    assert (s["checked"], s["compliant"], s["firewall"]) == (3, 2, 2)
    assert s["failing"] == ["Huyện ủy Lương Sơn"]
    assert s["overdue"] == ["Huyện ủy Kim Bôi", "Đảng ủy Công an tỉnh"]


def test_websites_and_mailboxes():
    d = data(websites=[WebsiteRow(1, "active", D(2010, 1, 1)), WebsiteRow(1, "active"),
                       WebsiteRow(2, "building"), WebsiteRow(4, "closed", D(2010, 1, 1))])
    w = year_figures(d, 2021).web
    assert w == {"websites": 2, "units_with_website": 1, "mailboxes": 47,
                 "units_with_mailboxes": 3}


def test_figures_survive_a_json_round_trip_unchanged():
    d = data(links=[LinkRow(1)], devices=[DeviceRow(1, "server")],
             certificates=[cert(1, "organisation", "A", D(2020, 1, 1), D(2022, 1, 10))],
             budgets=[BudgetRow(1, 2021, 10, 5)])
    fig = year_figures(d, 2021)
    again = YearFigures.from_dict(json.loads(json.dumps(fig.to_dict())))
    assert again == fig
    assert [x["kind"] for x in fig.difficulties] == ["no_budget", "expiring", "security"]


def test_an_empty_registry_gives_zeros_not_errors():
    fig = year_figures(RegistryData(), 2021)
    assert fig.exchange["percent"] is None and fig.budget["percent_spent"] is None
    assert fig.totals["server"] == 0 and fig.difficulties == []


# --- Properties over random registries ----------------------------------------------------

days = st.dates(min_value=D(2015, 1, 1), max_value=D(2023, 12, 31))
unit_ids = st.sampled_from([1, 2, 3, 4, 5])
device_rows = st.builds(DeviceRow, unit_ids, st.sampled_from(["server", "workstation", "laptop"]),
                        st.sampled_from(["in_use", "spare", "broken", "retired"]),
                        st.none() | days, st.none() | days)
cert_rows = st.builds(lambda u, k, s, a, n, r: cert(u, k, s, a, a + timedelta(days=n), r),
                      unit_ids, st.sampled_from(["organisation", "individual"]),
                      st.text("ABC", min_size=1, max_size=4), days,
                      st.integers(0, 2000), st.none() | days)
exchange_rows = st.builds(ExchangeRow, unit_ids, st.sampled_from([2020, 2021]),
                          st.integers(0, 4), *[st.integers(0, 50)] * 4)
link_rows = st.builds(LinkRow, unit_ids, st.sampled_from(["active", "closed", "suspended"]),
                      st.none() | days, st.none() | days)


@settings(max_examples=60, deadline=None)
@given(st.lists(device_rows, max_size=30), st.lists(cert_rows, max_size=20),
       st.lists(exchange_rows, max_size=20), st.lists(link_rows, max_size=8),
       st.sampled_from([2019, 2020, 2021]))
def test_figures_add_up_whatever_the_rows(devices, certificates, exchange, links, year):
    fig = year_figures(data(devices=devices, certificates=certificates, exchange=exchange,
                            links=links), year)
    for kind in ("server", "workstation", "laptop"):
        assert sum(fig.devices["by_level"][lv][kind] for lv in fig.devices["by_level"]) == \
            fig.devices["by_kind"][kind] == fig.totals[kind]
        assert sum(fig.devices["by_status"].get(kind, {}).values()) == fig.totals[kind]
    c = fig.certificates
    assert c["expiring"]["30"] <= c["expiring"]["60"] <= c["expiring"]["90"] \
        <= c["organisation"] + c["individual"]
    ex = fig.exchange
    assert 0 <= ex["electronic"] <= ex["total"]
    assert ex["percent"] is None or 0 <= ex["percent"] <= 100
    assert fig.network["connected"] + fig.network["not_connected_count"] == 5
    for key, now in fig.totals.items():
        before = fig.previous[key]
        assert fig.changes[key] == (None if now is None or before is None
                                    else round(now - before, 1))
    assert YearFigures.from_dict(json.loads(json.dumps(fig.to_dict()))) == fig

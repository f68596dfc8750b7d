"""Devices and certificates counted in groups give the figures of counting them one by one."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.demo import load_registry_demo
from meeting.registry.figures import year_figures
from meeting.registry.figures_counts import count_rows, cut_days
from meeting.registry.figures_data import CertificateRow, DeviceRow, RegistryData, UnitRow
from meeting.registry.figures_load import load_registry_data

D = date
UNITS = [UnitRow(1, "TU", "Tỉnh ủy", "province"), UnitRow(2, "LS", "Lương Sơn", "district"),
         UnitRow(3, "X1", "Hòa Sơn", "commune")]
days = st.dates(min_value=D(2018, 1, 1), max_value=D(2023, 12, 31))
device_rows = st.builds(DeviceRow, st.sampled_from([1, 2, 3, 9]),
                        st.sampled_from(["server", "workstation", "laptop", "printer"]),
                        st.sampled_from(["in_use", "spare", "broken", "retired"]),
                        st.none() | days, st.none() | days)
cert_rows = st.builds(lambda u, k, s, start, n, r: CertificateRow(
                          u, k, s, f"Người giữ {s}", start, start + timedelta(days=n), r),
                      st.sampled_from([1, 2, 3]), st.sampled_from(["organisation", "individual"]),
                      st.text("ABCD", min_size=1, max_size=5), days, st.integers(0, 1500),
                      st.none() | days)


def in_service(d, day):
    started = d.commissioned_on is None or d.commissioned_on <= day
    return started and (d.retired_on > day if d.retired_on else d.status != "retired")


def in_force(c, day):
    return c.valid_from <= day <= c.valid_to and not (c.revoked_on and c.revoked_on <= day)


@settings(max_examples=80, deadline=None)
@given(st.lists(device_rows, max_size=40), st.lists(cert_rows, max_size=30),
       st.sampled_from([2019, 2020, 2021]), st.integers(0, 364))
def test_grouped_counts_equal_counting_each_row(devices, certificates, year, day_of_year):
    as_of = D(year, 1, 1) + timedelta(days=day_of_year)
    data = RegistryData(units=UNITS, devices=devices, certificates=certificates)
    fig = year_figures(data, year, as_of)
    # Counted one by one, straight from the rules.
    for kind in ("server", "workstation", "laptop"):
        assert fig.totals[kind] == sum(d.kind == kind and in_service(d, as_of) for d in devices)
        assert fig.previous[kind] == sum(d.kind == kind and in_service(d, D(year - 1, 12, 31))
                                         for d in devices)
    assert fig.devices["by_kind"].get("printer", 0) == sum(
        d.kind == "printer" and in_service(d, as_of) for d in devices)
    valid = [c for c in certificates if in_force(c, as_of)]
    assert fig.certificates["individual"] == sum(c.holder_kind == "individual" for c in valid)
    for n in (30, 60, 90):
        assert fig.certificates["expiring"][str(n)] == sum(
            c.valid_to <= as_of + timedelta(days=n) for c in valid)
    revoked = [c for c in certificates if c.revoked_on and c.revoked_on <= as_of]
    assert fig.certificates["revoked"] == len(revoked)
    assert fig.certificates["revoked_in_year"] == sum(c.revoked_on.year == year for c in revoked)
    # Groups made for more days than needed (a finer grouping) give the same figures.
    cuts = cut_days(year, as_of, (30, 60, 90))
    finer = cuts._replace(starts=tuple(sorted({*cuts.starts, D(year, 6, 30)})))
    grouped = RegistryData(units=UNITS, certificates=certificates,
                           counted=count_rows(data, finer))
    assert year_figures(grouped, year, as_of) == fig


def test_groups_counted_for_other_days_are_refused():
    data = RegistryData(units=UNITS, devices=[DeviceRow(1, "server")])
    counted = RegistryData(units=UNITS, counted=count_rows(data, cut_days(2020, D(2020, 12, 31),
                                                                          (30, 60, 90))))
    assert year_figures(counted, 2020).totals["server"] == 1
    with pytest.raises(ValueError):
        year_figures(counted, 2021)


@pytest.fixture
def registry(app):
    """The demo registry plus devices and certificates with every kind of date."""
    year = load_registry_demo(date.today())
    units = db.session.scalars(select(Unit.id)).all()
    rnd = random.Random(6)

    def day():
        return rnd.choice([None, D(year - 1, 12, 31), D(year, 12, 31), D(year, 7, 1)]
                          + [D(year - 2, 1, 1) + timedelta(days=rnd.randint(0, 1200))] * 4)

    for i in range(300):
        db.session.add(m.Device(unit_id=rnd.choice(units), serial=f"T{i}",
                                kind=rnd.choice(["server", "workstation", "laptop"]),
                                status=rnd.choice(["in_use", "spare", "retired"]),
                                purchased_on=day(), commissioned_on=day(), retired_on=day()))
        start = D(year - 2, 1, 1) + timedelta(days=rnd.randint(0, 900))
        db.session.add(m.Certificate(
            unit_id=rnd.choice(units), serial=f"C{i}", holder_name=f"Người {i}",
            holder_kind=rnd.choice(["organisation", "individual"]), issuer="Ban Cơ yếu",
            valid_from=start, valid_to=start + timedelta(days=rnd.randint(0, 900)),
            revoked_on=day()))
    db.session.commit()
    return year


def test_sql_groups_equal_the_groups_of_the_rows(registry):
    year, as_of = registry, D(registry, 8, 15)
    loaded = load_registry_data(None, year, as_of)
    rows = load_registry_data()
    expected = count_rows(rows, loaded.counted.cuts)
    assert Counter(loaded.counted.devices) == Counter(expected.devices)
    assert Counter(loaded.counted.certificates) == Counter(expected.certificates)
    assert len(loaded.counted.devices) < len(rows.devices) / 3
    for day in (as_of, D(year, 12, 31)):
        assert year_figures(load_registry_data(None, year, day), year, day) == \
            year_figures(rows, year, day)


def test_sql_groups_keep_to_the_units_asked_for(registry):
    year = registry
    ls = db.session.scalar(select(Unit.id).where(Unit.code == "LS"))
    scope = {ls} | set(db.session.scalars(select(Unit.id).where(Unit.parent_id == ls)))
    assert year_figures(load_registry_data(scope, year), year) == \
        year_figures(load_registry_data(scope), year)

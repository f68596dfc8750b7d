"""The demo registry reproduces the figures of the Provincial Committee's IT report."""

import time
from datetime import date

from sqlalchemy import func, select

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.demo import load_registry_demo
from meeting.registry.figures import year_figures
from meeting.registry.figures_load import load_registry_data

TODAY = date(2026, 11, 25)


def test_demo_year_states_the_reports_figures(app):
    started = time.perf_counter()
    year = load_registry_demo(TODAY)
    assert time.perf_counter() - started < 5  # bulk inserts; a few hundred ms in practice
    assert year == 2025
    fig = year_figures(load_registry_data(), year)
    assert fig.units["total"] >= 220 and fig.network["connected"] > 220
    assert fig.devices["by_kind"] == {"server": 37, "workstation": 509, "laptop": 113}
    assert (fig.certificates["organisation"], fig.certificates["individual"]) == (44, 173)
    assert fig.video["by_level"] == {"central": 0, "province": 1, "district": 12,
                                     "commune": 0}
    assert fig.exchange["percent"] > 85
    systems = {s["code"]: s for s in fig.systems}
    assert systems["IOFFICE"]["launched_on"] == "2018-07-01"
    assert systems["VIDEO"]["launched_on"] == "2017-01-01"
    assert systems["PAPERLESS"]["launched_on"] == "2021-07-01"
    assert {"LOTUS", "NEWSROOM", "EMAIL"} <= set(systems)
    # The report's difficulties are in the data: slow adoption, paper, no budget.
    kinds = {d["kind"] for d in fig.difficulties}
    assert {"not_using", "below_target", "no_budget"} <= kinds
    # The year before had fewer of everything: the report states the change.
    assert all(fig.changes[k] > 0 for k in ("connected", "server", "workstation", "laptop",
                                            "cert_organisation", "cert_individual"))


def test_demo_today_shows_expiring_certificates_and_loads_once(app):
    load_registry_demo(TODAY)
    load_registry_demo(TODAY)
    assert db.session.scalar(select(func.count()).select_from(m.InfoSystem)) == 6
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 228
    fig = year_figures(load_registry_data(), TODAY.year, TODAY)
    assert fig.certificates["expiring"] == {"30": 2, "60": 4, "90": 6}
    assert fig.certificates["organisation"] + fig.certificates["individual"] == 44 + 173

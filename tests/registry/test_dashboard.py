"""Dashboard, expiry panel and report pages: who sees what, and the same SVG as the PDF."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from meeting.core.models import Unit
from meeting.extensions import db
from meeting.registry import models as m
from meeting.registry.demo import load_registry_demo
from meeting.registry.figures import year_figures
from meeting.registry.figures_load import load_registry_data
from meeting.registry.report import render_report_html
from meeting.registry.report_charts import charts
from tests.helpers import actions


@pytest.fixture
def demo(app):
    return load_registry_demo(date.today())


@pytest.fixture
def officer(create_user):
    return create_user("cntt", roles=["it_officer"], full_name="Đinh Quang Huy")


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def test_dashboard_shows_the_demo_years_figures_and_charts(demo, officer, login):
    api = login(officer)
    page = api.page(f"/registry/dashboard?year={demo}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for figure in (">37<", ">509<", ">113<", ">44<", ">173<"):
        assert figure in html, figure
    fig = year_figures(load_registry_data(), demo)
    # The page carries exactly the SVG the PDF report is rendered from.
    expected = charts(fig)
    for name in ("devices_by_level", "year_on_year", "exchange_by_quarter"):
        assert str(expected[name]) in html, name
    report = render_report_html(demo)
    assert str(expected["devices_by_level"]) in svgs(report)
    assert "VNPT-iOffice" in html and "quý I/2017" in html


def test_a_unit_viewer_sees_their_branch_only(demo, create_user, login):
    viewer = create_user(roles=["delegate"])
    kb = db.session.scalar(select(Unit).where(Unit.code == "KB"))
    db.session.add(m.RegistryGrant(user_id=viewer.id, unit_id=kb.id, level="viewer"))
    db.session.commit()
    api = login(viewer)
    html = api.page(f"/registry/dashboard?year={demo}").get_data(as_text=True)
    # Kim Bôi: the committee and its 20 communes on the network, its 2 servers.
    values = re.findall(r'class="dash-value">([^<]*)<', html)
    assert values[:2] == ["21", "2"]
    assert ">37<" not in html
    assert api.page("/registry/reports").status_code == 403
    assert api.page(f"/registry/reports/{demo}.pdf").status_code == 403
    expiry = api.page("/registry/expiry").get_data(as_text=True)
    assert "Huyện ủy Lương Sơn" not in expiry


def test_people_without_registry_access_are_refused(demo, create_user, login):
    api = login(create_user(roles=["delegate"]))
    for url in ("/registry/dashboard", "/registry/expiry", "/registry/reports"):
        assert api.page(url).status_code == 403, url


def test_expiry_page_lists_the_soon_expiring_certificates(demo, officer, login):
    html = login(officer).page("/registry/expiry").get_data(as_text=True)
    assert html.count('class="days-left days-30"') == 2
    assert html.count('class="days-left days-60"') == 2
    assert html.count('class="days-left days-90"') == 2
    assert "Huyện ủy Kim Bôi" in html  # no firewall


def test_report_pages_pdf_and_freeze_through_the_form(demo, officer, login):
    api = login(officer)
    assert f"/registry/reports/{demo}.pdf" in api.page("/registry/reports").get_data(as_text=True)
    pdf = api.page(f"/registry/reports/{demo}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert api.page("/registry/reports/1999.pdf").status_code == 404
    response = api.form(f"/registry/reports/{demo}/freeze", {"note": "Đã trình BTV"})
    assert response.status_code == 302
    row = db.session.scalar(select(m.FrozenFigures).where(m.FrozenFigures.year == demo))
    assert row.note == "Đã trình BTV" and row.frozen_by_id == officer.id
    assert "registry.report.freeze" in actions()
    again = api.form(f"/registry/reports/{demo}/freeze", {"note": ""})
    assert again.status_code == 302  # refused with a message, nothing changed
    assert actions().count("registry.report.freeze") == 1
    api.form(f"/registry/reports/{demo}/freeze", {"action": "unfreeze"})
    db.session.expire_all()
    assert db.session.scalar(select(m.FrozenFigures.id)) is None


def test_dashboard_figures_are_reused_until_the_registry_changes(demo, officer):
    from meeting.registry.figures_cache import cached_year_figures

    first = cached_year_figures(None, demo, date(demo, 12, 31))
    assert cached_year_figures(None, demo, date(demo, 12, 31)) is first
    unit = db.session.scalar(select(Unit.id).where(Unit.code == "KB"))
    db.session.add(m.Device(unit_id=unit, kind="server", serial="NEW-1",
                            commissioned_on=date(demo, 6, 1)))
    db.session.commit()
    again = cached_year_figures(None, demo, date(demo, 12, 31))
    assert again is not first and again.totals["server"] == 38
    # The same rows, another scope: its own entry.
    assert cached_year_figures({unit}, demo, date(demo, 12, 31)).totals["server"] == 3

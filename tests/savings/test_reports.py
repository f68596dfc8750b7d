"""Issued savings reports: built in the background with a visible state, frozen figures."""

from datetime import timedelta

import pytest

from meeting.extensions import db
from meeting.savings import reports
from meeting.savings.models import SavingsReport
from tests.helpers import run_queued
from tests.savings.test_api import API, _setup


def pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


@pytest.fixture
def held_back(monkeypatch):
    """Queue reports without building them, as when the worker has not started yet."""
    queued = []
    monkeypatch.setattr(reports, "run_later", lambda task, *args, **kw: queued.append(args))
    return queued


def test_the_issued_pdf_has_the_party_header_and_the_figures(create_meeting, make_document,
                                                             secretariat, login):
    _setup(create_meeting, make_document)
    api = login(secretariat)
    issued = api.post(f"{API}/reports", {})
    assert issued.status_code == 202 and issued.json["state"] == "done"
    response = api.get(issued.json["pdf_url"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text.upper()
    assert "-BC/" in text  # the number line of a report
    assert "75.650" in text and "Báo cáo chính trị" in text


def test_the_page_shows_the_state_until_the_pdf_is_ready(create_meeting, make_document,
                                                         secretariat, login, held_back):
    _setup(create_meeting, make_document)
    api = login(secretariat)
    response = api.form("/savings/reports", {"year": ""})
    assert response.status_code == 302
    report_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = api.page(f"/savings/reports/{report_id}").get_data(as_text=True)
    assert "job-queued" in page and f"/api/v1/savings/reports/{report_id}" in page
    assert "js/papers.js" in page  # the same polling script as the official papers
    status = api.get(f"{API}/reports/{report_id}").json
    assert status["state"] == "queued" and "pdf_url" not in status
    assert api.get(f"/savings/reports/{report_id}.pdf").status_code == 404
    # The figures are frozen already: the CSV answers at once.
    assert "75650.00" in api.get(f"/savings/reports/{report_id}.csv").get_data(as_text=True)
    # Asking again while it is queued gives the same report, not a second build.
    assert api.post(f"{API}/reports", {}).json["id"] == report_id

    reports.build_report(report_id)  # what the worker does
    status = api.get(f"{API}/reports/{report_id}").json
    assert status["state"] == "done" and status["pdf_url"]
    page = api.page(f"/savings/reports/{report_id}").get_data(as_text=True)
    assert "job-done" in page and "data-job-url" not in page
    assert f"/savings/reports/{report_id}.pdf" in page
    assert api.get(f"/savings/reports/{report_id}.pdf").data.startswith(b"%PDF")


def test_a_failed_build_says_so(create_meeting, make_document, secretariat, login, held_back,
                                monkeypatch):
    _setup(create_meeting, make_document)
    api = login(secretariat)
    report_id = api.post(f"{API}/reports", {}).json["id"]

    def broken(report):
        raise RuntimeError("layout bug")

    monkeypatch.setattr(reports, "render", broken)
    reports.build_report(report_id)
    status = api.get(f"{API}/reports/{report_id}").json
    assert status["state"] == "failed" and status["error"]
    page = api.page(f"/savings/reports/{report_id}")
    assert page.status_code == 200 and "flash-error" in page.get_data(as_text=True)


def test_a_build_cut_short_is_shown_failed_and_can_be_asked_again(
        create_meeting, make_document, secretariat, login, held_back):
    _setup(create_meeting, make_document)
    api = login(secretariat)
    first = api.post(f"{API}/reports", {}).json["id"]
    report = db.session.get(SavingsReport, first)
    report.created_dt -= reports.STALE + timedelta(minutes=1)  # the server restarted
    db.session.commit()
    assert api.get(f"{API}/reports/{first}").json["state"] == "failed"
    assert api.post(f"{API}/reports", {}).json["id"] != first


def test_only_the_requester_and_the_secretariat_open_a_report(create_meeting, make_document,
                                                              secretariat, login):
    _meeting, members, _shared, _private = _setup(create_meeting, make_document)
    delegate = login(members[5])
    report_id = delegate.post(f"{API}/reports", {}).json["id"]
    assert delegate.get(f"/savings/reports/{report_id}.pdf").status_code == 200
    assert login(members[4]).get(f"{API}/reports/{report_id}").status_code == 404
    assert login(members[4]).get(f"/savings/reports/{report_id}.csv").status_code == 404
    assert login(secretariat).get(f"{API}/reports/{report_id}").status_code == 200
    # The delegate's report names only the papers distributed to them.
    text = pdf_text(delegate.get(f"/savings/reports/{report_id}.pdf").data)
    assert "Báo cáo chính trị" in text and "Tờ trình nhân sự" not in text
    assert "75.650" in text  # the totals count every paper


def test_bad_filters_are_refused(secretariat, login):
    api = login(secretariat)
    response = api.post(f"{API}/reports", {"start": "2026-13-01"})
    assert response.status_code == 400 and "start" in response.json["error"]
    assert db.session.query(SavingsReport).count() == 0
    page = api.form("/savings/reports", {"year": "abc"})
    assert page.status_code == 302 and page.headers["Location"].endswith("/savings")


def test_an_issued_report_keeps_its_numbers_after_prices_and_records_change(
        app, create_meeting, make_document, secretariat, login):
    _meeting, _members, shared, _private = _setup(create_meeting, make_document)
    api = login(secretariat)
    issued = api.post(f"{API}/reports", {}).json
    assert issued["settings"]["price_a4_bw"] == "350" and issued["documents"] == 2
    csv_before = api.get(issued["csv_url"]).get_data(as_text=True)
    pdf_before = pdf_text(api.get(issued["pdf_url"]).data)

    # Later: a dearer page, and copies printed after all.
    assert api.patch(f"{API}/settings", {"price_a4_bw": "500"}).status_code == 200
    assert api.post(f"{API}/printed-copies", {"document_id": shared.id, "copies": 2}
                    ).status_code == 201
    assert api.get(API).json["total"]["cost_rounded"] != 75650  # the live figures moved

    assert api.get(issued["csv_url"]).get_data(as_text=True) == csv_before
    report = db.session.get(SavingsReport, issued["id"])
    with app.test_request_context("/"):
        assert pdf_text(reports.render(report)) == pdf_before  # rebuilt: the same text
    assert "75.650" in pdf_before


def test_the_dashboard_says_which_settings_the_figures_use(create_meeting, make_document,
                                                          secretariat, login):
    _setup(create_meeting, make_document)
    api = login(secretariat)
    html = api.page("/savings").get_data(as_text=True)
    assert 'class="card savings-basis"' in html and "350 đ" in html
    api.patch(f"{API}/settings", {"price_a4_bw": "420"})
    report_id = api.post(f"{API}/reports", {}).json["id"]
    html = api.page("/savings").get_data(as_text=True)
    assert "420 đ" in html and f"/savings/reports/{report_id}" in html
    frozen = api.page(f"/savings/reports/{report_id}").get_data(as_text=True)
    assert "420 đ" in frozen


def test_the_build_runs_in_a_worker_not_in_the_request(app, create_meeting, make_document,
                                                        secretariat):
    from meeting.savings.sources import Filters

    _setup(create_meeting, make_document)
    app.config["SAVINGS_BACKGROUND"] = True
    app.config["JOBS_INLINE"] = False
    report = reports.request_report(secretariat, Filters())
    assert report.state == "queued"
    assert run_queued(app) == 1
    db.session.expire_all()
    report = db.session.get(SavingsReport, report.id)
    assert report.state == "done" and report.pdf.startswith(b"%PDF")


def test_a_thawed_snapshot_is_the_same_report(app, create_meeting, make_document, login,
                                              secretariat):
    import json

    from meeting.savings.figures import build, parse_filters
    from meeting.savings.snapshot import freeze, thaw

    meeting, members, shared, private = _setup(create_meeting, make_document)
    api = login(secretariat)
    api.put(f"{API}/print-formats/{shared.id}", {"paper_size": "A3", "colour": "colour"})
    api.post(f"{API}/printed-copies", {"document_id": private.id, "copies": 1})
    with app.test_request_context("/"):
        live = build(members[5], parse_filters({"body": str(meeting.body_id),
                                                "year": str(meeting.start_dt.year)}))
        frozen = thaw(json.loads(json.dumps(freeze(live))))  # as stored and read back
    assert frozen.filters == live.filters
    assert frozen.savings == live.savings  # every breakdown, exact Decimals, document ids
    assert frozen.visible_documents == live.visible_documents == {shared.id}
    assert frozen.rows("meetings")[0][1] == live.rows("meetings")[0][1]  # same label
    assert frozen.inputs.bodies[meeting.body_id].name == live.inputs.bodies[meeting.body_id].name
    assert [d.size for d in frozen.inputs.documents] == ["A3", "A4"]

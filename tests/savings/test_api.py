"""The savings over HTTP: JSON figures, settings, printed copies, pages, CSV, OpenAPI."""

import csv
import io

from meeting.extensions import db
from meeting.savings.models import PrintedCopies
from tests.conftest import isolated

API = "/api/v1/savings"


def _setup(create_meeting, make_document):
    meeting = create_meeting(members=6)
    members = [m.user for m in sorted(meeting.term.memberships, key=lambda m: m.id)]
    shared = make_document(meeting, pages=4, title="Báo cáo chính trị")
    private = make_document(meeting, pages=5, recipients=members[:2], title="Tờ trình nhân sự")
    return meeting, members, shared, private


def test_figures_carry_their_documents(create_meeting, make_document, secretariat, login):
    meeting, _members, shared, private = _setup(create_meeting, make_document)
    data = login(secretariat).get(API).json
    assert data["total"]["cost"] == "75650.00" and data["total"]["cost_rounded"] == 75650
    assert data["total"]["document_ids"] == [shared.id, private.id]
    assert data["meetings"][0]["key"] == meeting.id
    assert data["meetings"][0]["document_ids"] == [shared.id, private.id]
    assert {d["id"]: d["cost"] for d in data["documents"]} == {shared.id: "46400.00",
                                                              private.id: "29250.00"}
    assert data["total"]["paper_kg"] == "0.2"  # (22 + 21) × 4.99 g = 214.57 g


def test_a_delegate_sees_totals_but_only_their_papers(create_meeting, make_document, login):
    _meeting, members, shared, _private = _setup(create_meeting, make_document)
    outsider = members[5]  # not among the two the private paper went to
    data = login(outsider).get(API).json
    assert data["total"]["cost_rounded"] == 75650
    assert data["total"]["document_ids"] == [shared.id]
    assert data["total"]["other_documents"] == 1
    assert [d["id"] for d in data["documents"]] == [shared.id]
    page = login(outsider).page("/savings/documents").get_data(as_text=True)
    assert "Báo cáo chính trị" in page and "Tờ trình nhân sự" not in page


def test_bad_filters_are_refused_with_a_reason(secretariat, login):
    api = login(secretariat)
    response = api.get(f"{API}?start=2026-13-01")
    assert response.status_code == 400 and "start" in response.json["error"]
    assert api.get(f"{API}?start=2026-05-01&end=2026-04-01").status_code == 400
    assert api.get(f"{API}?body=abc").status_code == 400


def test_settings_over_the_api(secretariat, create_user, login):
    api = login(secretariat)
    assert api.get(f"{API}/settings").json["price_a4_bw"] == "350"
    response = api.patch(f"{API}/settings", {"price_a4_bw": "-5"})
    assert response.status_code == 400 and response.json["error"]
    assert api.get(f"{API}/settings").json["price_a4_bw"] == "350"
    response = api.patch(f"{API}/settings", {"price_a4_bw": 420, "spare_copies": 0})
    assert response.status_code == 200 and response.json["price_a4_bw"] == "420"
    assert login(create_user()).patch(f"{API}/settings", {"duplex": False}).status_code == 403
    assert api.patch(f"{API}/settings", {"actor": 1}).status_code == 400


def test_printed_copies_over_the_api(create_meeting, make_document, secretariat, create_user,
                                     login):
    _meeting, _members, shared, _private = _setup(create_meeting, make_document)
    api = login(secretariat)
    response = api.post(f"{API}/printed-copies", {"document_id": shared.id, "copies": 3,
                                                  "printed_on": "2026-03-02", "reason": "Mật"})
    assert response.status_code == 201, response.json
    record_id = response.json["id"]
    assert api.get(API).json["total"]["printed_copies"] == 3
    listed = api.get(f"{API}/printed-copies?document_id={shared.id}").json["printed_copies"]
    assert [r["id"] for r in listed] == [record_id]
    assert api.post(f"{API}/printed-copies", {"document_id": shared.id, "copies": -1}
                    ).status_code == 400
    assert api.post(f"{API}/printed-copies", {"document_id": shared.id, "copies": 1,
                                              "printed_on": "hôm qua"}).status_code == 400
    assert api.post(f"{API}/printed-copies", {"document_id": 999999, "copies": 1}
                    ).status_code == 404
    delegate = login(create_user())
    assert delegate.get(f"{API}/printed-copies").status_code == 403
    assert delegate.delete(f"{API}/printed-copies/{record_id}").status_code == 403
    assert api.delete(f"{API}/printed-copies/{record_id}").status_code == 204
    db.session.expire_all()
    assert db.session.get(PrintedCopies, record_id) is None
    assert api.delete(f"{API}/printed-copies/{record_id}").status_code == 404


def test_every_savings_route_is_in_the_openapi_document(app, login, create_user):
    paths = login(create_user()).get("/api/v1/openapi.json").json["paths"]
    assert set(paths[API]) == {"get"}
    assert set(paths[f"{API}/settings"]) == {"get", "patch"}
    assert set(paths[f"{API}/printed-copies"]) == {"get", "post"}
    assert set(paths[f"{API}/printed-copies/{{printed_id}}"]) == {"delete"}
    assert set(paths[f"{API}/print-formats/{{document_id}}"]) == {"put"}
    assert set(paths[f"{API}/reports"]) == {"post"}
    assert set(paths[f"{API}/reports/{{report_id}}"]) == {"get"}


def test_dashboard_and_trace_pages(create_meeting, make_document, create_user, login):
    meeting, members, shared, private = _setup(create_meeting, make_document)
    api = login(members[0])
    page = api.page("/savings")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "75.650" in html and "<svg" in html
    assert f'/savings/documents?meeting={meeting.id}' in html
    trace = api.page(f"/savings/documents?meeting={meeting.id}").get_data(as_text=True)
    assert "Báo cáo chính trị" in trace and "75.650" in trace
    assert api.page("/savings?year=abc").status_code == 400
    assert api.page("/savings/settings").status_code == 403


def test_settings_page_refuses_a_bad_price_and_keeps_the_old_one(secretariat, login):
    api = login(secretariat)
    assert api.page("/savings/settings").status_code == 200
    form = {"price_a4_bw": "-100", "price_a4_colour": "2500", "price_a3_bw": "700",
            "price_a3_colour": "5000", "price_bound_set": "2000", "price_envelope": "1500",
            "spare_copies": "5", "paper_size": "A4", "colour": "bw", "duplex": "on",
            "show_factors": "on", "sheet_weight_g": "4.99", "sheets_per_tree": "8333",
            "co2_kg_per_kg": "1.1"}
    response = api.form("/savings/settings", form)
    assert response.status_code == 400
    assert api.get(f"{API}/settings").json["price_a4_bw"] == "350"
    response = api.form("/savings/settings", {**form, "price_a4_bw": "1.200"})
    assert response.status_code == 302
    assert api.get(f"{API}/settings").json["price_a4_bw"] == "1200"
    assert api.get(f"{API}/settings").json["duplex"] is True


def test_printed_copies_page(create_meeting, make_document, secretariat, login):
    _meeting, _members, shared, _private = _setup(create_meeting, make_document)
    api = login(secretariat)
    bad = api.form("/savings/printed", {"document_id": str(shared.id), "copies": "0"})
    assert bad.status_code == 400
    ok = api.form("/savings/printed", {"document_id": str(shared.id), "copies": "2",
                                        "printed_on": "2026-03-01", "reason": "Mật"})
    assert ok.status_code == 302
    assert "Mật" in api.page("/savings/printed").get_data(as_text=True)


def test_csv_report_matches_the_figures(create_meeting, make_document, secretariat, login):
    _meeting, _members, shared, _private = _setup(create_meeting, make_document)
    response = login(secretariat).get("/savings/report.csv")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    total = rows[1]
    assert total[0] == "total" and total[10] == "75650.00"
    document_rows = [r for r in rows if r[0] == "document"]
    assert sum(int(r[5]) for r in document_rows) == int(total[5])  # pages add up


def test_csv_neutralises_formulas_in_titles(create_meeting, make_document, secretariat,
                                            login):
    make_document(create_meeting(), title="=HYPERLINK(\"http://x\")")
    text = isolated(login(secretariat).client.get, "/savings/report.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_nothing_published_yet_gives_zeros_not_errors(create_user, login):
    api = login(create_user())
    page = api.page("/savings")
    assert page.status_code == 200
    assert 'class="savings-figure' not in page.get_data(as_text=True)  # no figure cards
    data = api.get(API).json
    assert data["total"]["cost"] == "0.00" and data["meetings"] == [] and data["documents"] == []
    assert api.get("/savings/report.csv").status_code == 200
    issued = api.post(f"{API}/reports", {})
    assert issued.status_code == 202 and issued.json["state"] == "done"
    pdf = api.get(issued.json["pdf_url"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_the_page_and_the_pdf_embed_the_same_charts(app, create_meeting, make_document,
                                                    secretariat, login):
    from flask_babel import force_locale

    from meeting.papers.pdf import render_html
    from meeting.savings.exports import report_context
    from meeting.savings.figures import build
    from meeting.savings.sources import Filters

    _setup(create_meeting, make_document)
    with app.test_request_context("/"), force_locale("vi"):
        context = report_context(build(None, Filters()))
        paper = render_html("savings/report_pdf.html", pdf=True, **context)
    page = login(secretariat).page("/savings").get_data(as_text=True)  # Vietnamese too
    assert context["charts"]
    for _caption, svg in context["charts"]:
        assert str(svg) in paper and str(svg) in page


def test_factors_are_left_out_when_switched_off(create_meeting, make_document, secretariat,
                                                login):
    _setup(create_meeting, make_document)
    api = login(secretariat)
    assert "paper_kg" in api.get(API).json["total"]
    api.patch(f"{API}/settings", {"show_factors": False})
    total = api.get(API).json["total"]
    assert "paper_kg" not in total and "trees" not in total and total["pages"] == 79


def test_print_formats_over_the_api_and_the_page(create_meeting, make_document, secretariat,
                                                 create_user, login):
    _meeting, _members, shared, _private = _setup(create_meeting, make_document)
    api = login(secretariat)
    response = api.put(f"{API}/print-formats/{shared.id}", {"paper_size": "A3",
                                                            "colour": "bw"})
    assert response.status_code == 200 and response.json["paper_size"] == "A3"
    # 44 pages × 700 instead of × 350
    assert api.get(API).json["total"]["cost_rounded"] == 75650 + 44 * 350
    assert api.get(f"{API}/print-formats").json["print_formats"][0]["document_id"] == shared.id
    assert api.put(f"{API}/print-formats/{shared.id}", {"paper_size": "B5", "colour": "bw"}
                   ).status_code == 400
    assert login(create_user()).put(f"{API}/print-formats/{shared.id}",
                                    {"paper_size": "A3", "colour": "bw"}).status_code == 403
    reset = api.form("/savings/formats", {"document_id": str(shared.id), "paper_size": "A4",
                                          "colour": "bw"})
    assert reset.status_code == 302
    assert api.get(API).json["total"]["cost_rounded"] == 75650
    page = api.page("/savings/printed")
    assert page.status_code == 200
    assert page.get_data(as_text=True).count('class="savings-format"') == 1

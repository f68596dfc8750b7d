"""Printing savings in a real browser, against the real server with the demo data.

The demo publishes today's four papers (1, 12, 6 and 4 pages, for everyone) and records
copies printed of two of them. On a 1024×768 tablet the secretariat mistypes a price
(refused with the field's name, nothing changes), then doubles the A4 price and records
copies printed of the draft resolution; the dashboard's figures move by the amounts
worked out by hand. A figure opens to the papers behind it, with the same total. The CSV
downloads at once; the PDF report is built in the background and then downloaded.
Screenshots of each savings page, landscape and portrait, go to docs/screenshots/.
"""

import re

import pytest

from tests.browser.test_delegate_flow import log_in, shot

pytestmark = pytest.mark.browser

BUILD_MS = 60_000  # the report laid out by WeasyPrint on a busy 2-core machine
DRAFT = "Dự thảo Nghị quyết về chuyển đổi số"  # the demo's 6-page paper, nothing printed


def dots(n: int) -> str:
    """A whole number the way the pages write it: 1.234.500."""
    return f"{n:,}".replace(",", ".")


def totals(page, base):
    """The figures the API gives, as the browser's session sees them."""
    response = page.context.request.get(base + "/api/v1/savings")
    assert response.ok
    return response.json()["total"]


def dashboard_cost(page, base) -> str:
    page.goto(base + "/savings")
    return page.locator(".savings-figure .figure-value").first.inner_text().strip()


def test_secretariat_changes_prices_and_records_copies(live_server, new_context,
                                                       screenshot_dir, tmp_path):
    from playwright.sync_api import expect

    office = log_in(new_context(1024, 768), live_server, "thuky")
    before = totals(office, live_server)
    assert before["document_count"] == 4 and before["pages"] > 0
    assert dashboard_cost(office, live_server) == dots(before["cost_rounded"])
    expect(office.locator(".savings-basis")).to_be_visible()  # which settings are used

    # A negative price is refused, with the field named, and nothing is stored.
    office.get_by_role("link", name=re.compile("Prices and constants|Đơn giá")).first.click()
    office.wait_for_url(live_server + "/savings/settings")
    office.fill("#price_a4_bw", "-700")
    office.locator(".savings-settings button[type=submit]").click()
    error = office.locator(".flash-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(re.compile("A4"))
    expect(office.locator("#price_a4_bw")).to_have_value("-700")  # what was typed stays
    assert totals(office, live_server)["cost_rounded"] == before["cost_rounded"]

    # Typed the Vietnamese way: "700" a page instead of 350, every page costs 350 more.
    office.fill("#price_a4_bw", "700")
    office.locator(".savings-settings button[type=submit]").click()
    expect(office.locator(".flash-success")).to_be_visible()
    dearer = before["cost_rounded"] + before["pages"] * 350
    assert dashboard_cost(office, live_server) == dots(dearer)
    expect(office.locator(".savings-basis")).to_contain_text(re.compile(r"\d\d/\d\d/\d{4}"))

    # Three copies of the 6-page draft were printed after all: 3 × (6 pages × 700 đ
    # + a bound set 2.000 đ + an envelope 1.500 đ) = 23.100 đ less, 18 pages less.
    office.get_by_role("link", name=re.compile("Copies printed|Số bản đã in")).first.click()
    office.wait_for_url(live_server + "/savings/printed")
    draft_id = office.locator("#document_id option", has_text=DRAFT).get_attribute("value")
    office.select_option("#document_id", draft_id)
    office.fill("#copies", "3")
    office.fill("#reason", "Đại biểu xin bản giấy")
    office.locator("form.card button[type=submit]").click()
    expect(office.locator(".flash-success")).to_be_visible()
    expect(office.locator(".savings-table tbody")).to_contain_text("Đại biểu xin bản giấy")
    assert dashboard_cost(office, live_server) == dots(dearer - 23_100)
    after = totals(office, live_server)
    assert after["pages"] == before["pages"] - 18
    assert after["printed_copies"] == before["printed_copies"] + 3

    # The total opens to the four papers behind it, adding up to the same figure.
    office.locator(".savings-figure").first.click()
    office.wait_for_url(re.compile(r"/savings/documents"))
    rows = office.locator(".savings-table tbody tr")
    expect(rows).to_have_count(4)
    expect(office.locator(".savings-table tfoot td").last).to_have_text(dots(dearer - 23_100))
    expect(rows.filter(has_text=DRAFT).locator("td").nth(2)).to_have_text("3")  # printed

    # So does one meeting's row of the "by meeting" table.
    office.goto(live_server + "/savings")
    trace = office.locator("a.trace[href*='meeting=']").first
    expect(trace).to_have_text("4")
    trace.click()
    office.wait_for_url(re.compile(r"/savings/documents\?meeting=\d+"))
    expect(office.locator(".savings-summary strong")).to_have_text(
        dots(dearer - 23_100) + " đ")

    # The CSV downloads at once, with the same total.
    office.goto(live_server + "/savings")
    with office.expect_download() as download:
        office.get_by_role("link", name=re.compile("CSV")).click()
    csv_text = (tmp_path / "savings.csv")
    download.value.save_as(csv_text)
    lines = csv_text.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("total,") and f",{dearer - 23_100}," in lines[1]

    # The PDF is built in the background; the report page follows it, then offers it.
    office.get_by_role("button", name=re.compile("PDF")).click()
    office.wait_for_url(re.compile(r"/savings/reports/\d+$"))
    expect(office.locator(".savings-report .job-state")).to_be_visible()
    expect(office.locator(".savings-report.job-done")).to_have_count(1, timeout=BUILD_MS)
    with office.expect_download() as download:
        office.locator(".savings-report a.btn-primary").click()
    pdf_path = tmp_path / "savings.pdf"
    download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    expect(office.locator(".settings-used")).to_contain_text("700")  # frozen settings
    report_url = office.url

    screens(new_context, live_server, screenshot_dir, {
        "savings-dashboard": "/savings", "savings-documents": "/savings/documents",
        "savings-settings": "/savings/settings", "savings-printed": "/savings/printed",
        "savings-report": report_url.removeprefix(live_server)})


def screens(new_context, base, directory, pages):
    """Screenshots of the savings pages at both tablet sizes; no side scrolling on either."""
    for width, height in ((1024, 768), (800, 1280)):
        page = log_in(new_context(width, height), base, "thuky")
        for name, url in pages.items():
            page.goto(base + url)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width}×{height}"
            shot(page, directory, f"{name}-{width}x{height}.png")
        page.context.close()

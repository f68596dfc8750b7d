"""Official papers in a real browser, against the real server with the demo data.

The secretariat issues today's invitation (built in the background, the page follows the
build until it is done) and signs it with the organisation's key, here a test PKI's
certificate; anyone can upload the signed file to the verification page and see who
signed and that it did not change, and a tampered copy is reported. The secretariat
writes the minutes, the chair approves them, and from then on the page refuses changes.
Screenshots of each page, landscape and portrait, go to docs/screenshots/.
"""

import re

import pytest

from tests.browser.conftest import serve_demo
from tests.browser.test_delegate_flow import log_in, shot, today_meeting_id
from tests.papers.pki import PASSWORD, TestPKI

pytestmark = pytest.mark.browser

BUILD_MS = 60_000  # a paper built by WeasyPrint on a busy 2-core machine
YES = re.compile(r"^\s*(Yes|Có)\s*$")
NO = re.compile(r"^\s*(No|Không)\s*$")
SIGNER = "Văn phòng Tỉnh ủy"  # common name of the test PKI's signer


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return TestPKI(tmp_path_factory.mktemp("papers-pki"))


@pytest.fixture(scope="module")
def live_server(chromium_path, tmp_path_factory, pki):
    """The real server, whose organisation key is the test PKI's signer."""
    yield from serve_demo(tmp_path_factory, "papers-server",
                          SIGNING_PKCS12_PATH=str(pki.p12_path("signer")),
                          SIGNING_PKCS12_PASSWORD=PASSWORD.decode(),
                          SIGNING_TRUST_ROOTS=str(pki.ca_path),
                          SIGNING_CRL_PATHS=str(pki.crl_path))


def confirm_click(page, button):
    """Buttons that ask first (data-confirm) take a second tap."""
    button.click()
    button.click()


def screens(new_context, base_url, username, url, directory, name):
    """Screenshots of one page at both tablet sizes; no side scrolling on either."""
    for width, height in ((1024, 768), (800, 1280)):
        page = log_in(new_context(width, height), base_url, username)
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width}×{height}"
        shot(page, directory, f"{name}-{width}x{height}.png")
        page.context.close()


def test_issue_sign_and_verify_the_invitation(live_server, new_context, screenshot_dir,
                                              tmp_path):
    from playwright.sync_api import expect

    office = log_in(new_context(), live_server, "thuky")
    meeting_id = today_meeting_id(office)
    office.goto(f"{live_server}/meetings/{meeting_id}/build")
    office.get_by_role("link", name=re.compile("Official papers|Văn bản hội nghị"))\
        .first.click()
    office.wait_for_url(f"{live_server}/meetings/{meeting_id}/papers")
    expect(office.locator(".issued-paper")).to_have_count(0)  # nothing issued yet

    invitation = office.locator(".paper-kind", has_text="(GM)")
    confirm_click(office, invitation.locator("form button"))
    # The build runs in the background; the page shows it and follows it until done.
    job = office.locator(".job").first
    expect(job).to_be_visible()
    expect(office.locator(".job.job-done")).to_have_count(1, timeout=BUILD_MS)
    row = office.locator(".issued-paper")
    expect(row).to_have_count(1)
    expect(row.locator(".issued-number")).to_have_text("Số 1-GM/TU")

    # Sign with the organisation's key: the row then names the signer.
    row.locator("form.inline button").click()
    expect(office.locator(".flash-success")).to_be_visible()
    expect(row.locator(".issued-signature")).to_contain_text(SIGNER)
    pdf_url = row.get_by_role("link").first.get_attribute("href")
    signed = office.context.request.get(live_server + pdf_url)
    assert signed.ok and signed.headers["content-type"] == "application/pdf"
    signed_path = tmp_path / "giay-moi-1.pdf"
    signed_path.write_bytes(signed.body())

    screens(new_context, live_server, "thuky", f"{live_server}/meetings/{meeting_id}/papers",
            screenshot_dir, "papers-meeting")

    # Anyone, without logging in, checks the signed file.
    visitor = new_context(800, 1280).new_page()
    visitor.goto(f"{live_server}/papers/verify")
    visitor.set_input_files("#file", str(signed_path))
    visitor.locator(".verify-form button[type=submit]").click()
    result = visitor.locator("section.verify-result")
    expect(result).to_have_class(re.compile("verify-ok"))
    details = result.locator(".verify-details dd")
    expect(details.nth(0)).to_contain_text(SIGNER)
    expect(details.nth(3)).to_have_text(YES)  # certificate valid at that time
    expect(details.nth(4)).to_have_text(YES)  # issued by the configured test CA
    expect(details.nth(5)).to_have_text(YES)  # unchanged since signing
    expect(result).to_contain_text(signed_path.name)
    visitor.evaluate("window.scrollTo(0, 0)")
    visitor.screenshot(path=str(screenshot_dir / "papers-verify-800x1280.png"))

    # A copy changed after signing (one byte inside the signed range) is reported.
    data = signed_path.read_bytes()
    assert b"WeasyPrint" in data
    tampered = tmp_path / "giay-moi-1-sua.pdf"
    tampered.write_bytes(data.replace(b"WeasyPrint", b"WeasyPrinT", 1))
    visitor.set_input_files("#file", str(tampered))
    visitor.locator(".verify-form button[type=submit]").click()
    bad = visitor.locator("section.verify-result")
    expect(bad).to_have_class(re.compile("verify-bad"))
    expect(bad.locator(".verify-details dd").nth(0)).to_contain_text(SIGNER)
    expect(bad.locator(".verify-details dd").nth(5)).to_have_text(NO)

    # Landscape verification page, for the screenshot.
    landscape = new_context(1024, 768).new_page()
    landscape.goto(f"{live_server}/papers/verify")
    landscape.set_input_files("#file", str(signed_path))
    landscape.locator(".verify-form button[type=submit]").click()
    expect(landscape.locator("section.verify-result.verify-ok")).to_be_visible()
    assert landscape.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(landscape, screenshot_dir, "papers-verify-1024x768.png")


def test_minutes_written_approved_and_locked(live_server, new_context, screenshot_dir):
    from playwright.sync_api import expect

    office = log_in(new_context(), live_server, "thuky")
    meeting_id = today_meeting_id(office)
    office.goto(f"{live_server}/meetings/{meeting_id}/build")
    office.locator("button[name=status][value=in_session]").click()
    expect(office.locator(".flash-error")).to_have_count(0)

    office.goto(f"{live_server}/meetings/{meeting_id}/papers")
    office.locator(".status-actions a", has_text=re.compile("Minutes|Biên bản")).click()
    office.wait_for_url(f"{live_server}/meetings/{meeting_id}/minutes")
    note = office.locator(".minutes-item textarea").nth(1)
    text = "Đồng chí Chánh Văn phòng trình bày báo cáo; hội nghị thống nhất nội dung."
    office.fill("#secretary_name", "Lê Thị Thu Trang")
    note.fill(text)
    office.locator(".minutes-form button[type=submit]").click()
    expect(office.locator(".flash-success")).to_be_visible()
    office.reload()
    expect(office.locator(".minutes-item textarea").nth(1)).to_have_value(text)
    expect(office.locator(".minutes-form button[type=submit]")).to_be_visible()
    # The secretariat writes; approving is the chair's.
    expect(office.locator(".status-actions form button")).to_have_count(0)
    screens(new_context, live_server, "thuky", f"{live_server}/meetings/{meeting_id}/minutes",
            screenshot_dir, "papers-minutes")

    chair = log_in(new_context(), live_server, "bithu")
    chair.goto(f"{live_server}/meetings/{meeting_id}/minutes")
    expect(chair.locator(".minutes-item textarea").nth(1)).to_have_value(text)
    expect(chair.locator(".minutes-item textarea").nth(1)).to_be_disabled()
    confirm_click(chair, chair.locator(".status-actions form button.btn-primary"))
    expect(chair.locator(".notice-ok")).to_be_visible()
    expect(chair.locator(".status-actions form button")).to_have_count(0)

    # The secretariat's page now shows the minutes locked: nothing to type, no Save.
    office.reload()
    expect(office.locator(".notice-ok")).to_be_visible()
    expect(office.locator(".minutes-item textarea").nth(1)).to_be_disabled()
    expect(office.locator(".minutes-form button[type=submit]")).to_have_count(0)
    # Even a form forced open is refused by the server, and nothing changes.
    office.evaluate("""() => {
        document.querySelector('.minutes-form fieldset').disabled = false;
        const b = document.createElement('button');
        b.type = 'submit'; b.id = 'forced'; b.textContent = 'save';
        document.querySelector('.minutes-form').append(b);
    }""")
    office.locator(".minutes-item textarea").nth(1).fill("Sửa sau khi đã duyệt")
    office.click("#forced")
    expect(office.locator(".flash-error")).to_be_visible()
    office.goto(f"{live_server}/meetings/{meeting_id}/minutes")
    expect(office.locator(".minutes-item textarea").nth(1)).to_have_value(text)

    # Approved minutes can now be issued with the next number of their kind.
    office.goto(f"{live_server}/meetings/{meeting_id}/papers")
    confirm_click(office, office.locator(".paper-kind", has_text="(BB)").locator("form button"))
    expect(office.locator(".job").first).to_have_class(re.compile("job-done"), timeout=BUILD_MS)
    expect(office.locator(".issued-number", has_text="Số 1-BB/TU")).to_have_count(1)

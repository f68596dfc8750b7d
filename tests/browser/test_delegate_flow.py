"""The delegate's flow in a real browser, against the real server with the demo data.

A delegate logs in on a 1024×768 tablet, opens today's meeting and checks in; the chair,
on another tablet, sees the quorum count go up, opens the meeting and moves the agenda;
the delegate's screen follows without a reload. The delegate asks to speak, the chair
gives the floor, and the projector shows the current item and the speaker. Screenshots
of each screen, in landscape and portrait, go to docs/screenshots/.
"""

import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "demo12345"
TODAY = "lần thứ 25"  # the demo meeting held today
LIVE_MS = 5_000  # a live change must reach the other screens within this time


def log_in(context, base_url, username):
    page = context.new_page()
    page.goto(base_url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(r"/meetings$"))
    return page


def today_meeting_id(page):
    href = page.get_by_role("link", name=re.compile(TODAY)).first.get_attribute("href")
    return int(re.search(r"/meetings/(\d+)", href).group(1))


def wait_live(page):
    """Wait until the page's live channel reports itself connected."""
    page.wait_for_selector("#conn.conn-online", timeout=LIVE_MS)


def shot(page, directory, name):
    """Save what the screen shows now, from the top of the page."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)  # let the last live redraw settle
    page.screenshot(path=str(directory / name), full_page=False)


def shot_of(page, locator, directory, name):
    """Save one part of the page, whole, even where it is taller than the screen."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=str(directory / name), full_page=True, clip=locator.bounding_box())


def test_delegate_follows_the_meeting(live_server, new_context, screenshot_dir):
    from playwright.sync_api import expect

    # The login screen, as a delegate first sees it.
    anonymous = new_context().new_page()
    anonymous.goto(live_server + "/login")
    expect(anonymous.locator("#username")).to_be_visible()
    shot(anonymous, screenshot_dir, "login-1024x768.png")

    # The delegate logs in, finds today's meeting and opens it.
    delegate = log_in(new_context(), live_server, "daibieu01")
    meeting_id = today_meeting_id(delegate)
    base = f"{live_server}/meetings/{meeting_id}"
    delegate.get_by_role("link", name=re.compile(TODAY)).first.click()
    delegate.wait_for_url(base)
    wait_live(delegate)

    # The chair opens the console; nobody has checked in yet.
    chair_context = new_context()
    chair = log_in(chair_context, live_server, "bithu")
    chair.goto(base + "/chair")
    wait_live(chair)
    count = chair.locator("#quorum .quorum-count")
    expect(count).to_have_text(re.compile(r"^0/\d+$"))
    total = count.inner_text().split("/")[1]

    # The delegate checks in; the chair's quorum count goes up without a reload.
    shot(delegate, screenshot_dir, "delegate-check-in-1024x768.png")
    delegate.click("#check-in")
    expect(delegate.locator("#check-in")).to_have_count(0, timeout=LIVE_MS)
    expect(count).to_have_text(f"1/{total}", timeout=LIVE_MS)
    chair.click("#check-in")  # the chair is a member too
    expect(count).to_have_text(f"2/{total}", timeout=LIVE_MS)
    expect(chair.locator("#check-in")).to_have_count(0)

    # The chair opens the meeting and moves to the first item; the delegate's screen follows.
    chair.click("button[name=status][value=in_session]")
    chair.wait_for_url(base + "/chair")
    wait_live(chair)
    expect(chair.locator("#meeting-status")).to_have_class(re.compile("badge-in_session"))
    expect(delegate.locator("#meeting-status")).to_have_class(re.compile("badge-in_session"),
                                                              timeout=LIVE_MS)
    current_row = delegate.locator(".agenda-item.is-current")
    detail = delegate.locator("#item-detail")
    chair.click("[data-step='1']")
    expect(current_row).to_contain_text("Khai mạc", timeout=LIVE_MS)
    expect(detail).to_contain_text("1. Khai mạc", timeout=LIVE_MS)

    # "Next item" and "make current" both move every tablet along.
    chair.click("[data-step='1']")
    expect(current_row).to_contain_text("Báo cáo tình hình", timeout=LIVE_MS)
    expect(detail).to_contain_text("2. Báo cáo tình hình", timeout=LIVE_MS)
    chair.locator(".agenda-item").nth(2).locator("[data-make-current]").click()
    expect(current_row).to_contain_text("Dự thảo Nghị quyết", timeout=LIVE_MS)
    expect(detail).to_contain_text("3. Dự thảo Nghị quyết", timeout=LIVE_MS)
    expect(delegate.locator(".agenda-item.status-done")).to_have_count(2)

    # The delegate reads a later item; a banner keeps the current one in view, and follows
    # the chair while the delegate reads; one tap brings the delegate back.
    banner = delegate.locator("#current-banner")
    back = delegate.locator("#back-to-current")
    expect(banner).to_be_hidden()
    delegate.locator(".agenda-item").nth(4).locator(".agenda-open").click()
    expect(detail).to_contain_text("5. Thảo luận")
    expect(back).to_be_visible()
    expect(banner).to_contain_text("3. Dự thảo Nghị quyết")
    chair.click("[data-step='1']")
    expect(banner).to_contain_text("4. Báo cáo kết quả", timeout=LIVE_MS)
    expect(detail).to_contain_text("5. Thảo luận")
    shot(delegate, screenshot_dir, "delegate-browsing-1024x768.png")
    back.click()
    expect(banner).to_be_hidden()
    expect(detail).to_contain_text("4. Báo cáo kết quả")

    # The delegate asks to speak; the chair sees them waiting and gives the floor.
    delegate_name = delegate.locator(".topbar .who").inner_text()
    delegate.click("#ask-to-speak")
    queue = chair.locator("#speakers .queue-item")
    expect(queue).to_have_count(1, timeout=LIVE_MS)
    expect(queue.first).to_contain_text(delegate_name)
    expect(delegate.locator("#withdraw")).to_be_visible(timeout=LIVE_MS)
    queue.first.locator("[data-give-floor]").click()
    expect(chair.locator("#speakers .speaker-name")).to_have_text(delegate_name,
                                                                  timeout=LIVE_MS)
    expect(delegate.locator("#my-speech .notice-ok")).to_be_visible(timeout=LIVE_MS)
    expect(delegate.locator("#speakers .speaking.is-me [data-timer]")).to_have_text(
        re.compile(r"\d:\d\d"), timeout=LIVE_MS)

    # The projector shows the current item, the speaker and the timer.
    projector = chair_context.new_page()
    projector.goto(base + "/projector")
    wait_live(projector)
    expect(projector.locator("#proj-item")).to_contain_text("4. Báo cáo kết quả")
    expect(projector.locator("#proj-speaker")).to_have_text(delegate_name)
    expect(projector.locator("#proj-speaker-box [data-timer]")).to_have_text(
        re.compile(r"\d:\d\d"))

    # A second delegate waits, so the screenshots show a queue as well.
    other = log_in(new_context(), live_server, "daibieu02")
    other.goto(base)
    wait_live(other)
    other.click("#check-in")
    other.click("#ask-to-speak")
    expect(queue).to_have_count(1, timeout=LIVE_MS)
    expect(projector.locator("#proj-queue")).not_to_be_empty(timeout=LIVE_MS)

    shot(delegate, screenshot_dir, "delegate-1024x768.png")
    shot(chair, screenshot_dir, "chair-1024x768.png")
    # The attendance list opens with a tap (no hover), members not present first.
    chair.click(".people-details > summary")
    expect(chair.locator("#people .people-group").last).to_contain_text(delegate_name)
    shot_of(chair, chair.locator(".people-details").locator("xpath=.."), screenshot_dir,
            "chair-attendance-1024x768.png")
    shot(projector, screenshot_dir, "projector-1024x768.png")
    projector.set_viewport_size({"width": 1920, "height": 1080})
    shot(projector, screenshot_dir, "projector-1920x1080.png")

    # The same screens on a tablet held upright.
    for page in (delegate, chair):
        page.set_viewport_size({"width": 800, "height": 1280})
    shot(delegate, screenshot_dir, "delegate-800x1280.png")
    shot(chair, screenshot_dir, "chair-800x1280.png")
    delegate.goto(live_server + "/meetings")
    shot(delegate, screenshot_dir, "my-meetings-800x1280.png")

    # The secretariat's agenda and attendance builder.
    secretariat = log_in(new_context(), live_server, "thuky")
    shot(secretariat, screenshot_dir, "my-meetings-secretariat-1024x768.png")
    secretariat.goto(base + "/build")
    expect(secretariat.locator(".builder-item")).to_have_count(6)
    shot(secretariat, screenshot_dir, "builder-1024x768.png")


def test_a_tablet_that_lost_wifi_catches_up(live_server, new_context):
    """Changes made while a tablet is offline reach it when it reconnects (snapshot on gap)."""
    from playwright.sync_api import expect

    chair = log_in(new_context(), live_server, "bithu")
    meeting_id = today_meeting_id(chair)
    base = f"{live_server}/meetings/{meeting_id}"
    chair.goto(base + "/chair")
    wait_live(chair)
    open_button = chair.locator("button[name=status][value=in_session]")
    if open_button.count():
        open_button.click()
        chair.wait_for_url(base + "/chair")
        wait_live(chair)

    tablet_context = new_context()
    tablet = log_in(tablet_context, live_server, "daibieu03")
    tablet.goto(base)
    wait_live(tablet)
    chair.locator(".agenda-item").nth(0).locator("[data-make-current]").click()
    detail = tablet.locator("#item-detail")
    expect(detail).to_contain_text("1. Khai mạc", timeout=LIVE_MS)

    # Wi-Fi drops: the tablet says so at once, and misses two moves of the agenda.
    tablet_context.set_offline(True)
    expect(tablet.locator("#conn")).to_have_class(re.compile("conn-offline"), timeout=LIVE_MS)
    chair_current = chair.locator(".agenda-item.is-current")
    chair.click("[data-step='1']")
    expect(chair_current).to_contain_text("Báo cáo tình hình", timeout=LIVE_MS)
    chair.click("[data-step='1']")
    expect(chair_current).to_contain_text("Dự thảo", timeout=LIVE_MS)
    expect(detail).to_contain_text("1. Khai mạc")

    # Back online: the tablet reconnects, sees it is behind and loads the snapshot.
    tablet_context.set_offline(False)
    wait_live(tablet)
    expect(detail).to_contain_text("3. Dự thảo", timeout=LIVE_MS)
    expect(tablet.locator(".agenda-item.is-current")).to_contain_text("Dự thảo")

"""A vote in real browsers: the chair opens it, three delegates vote, everyone sees the result.

The server runs with VOTE_QUORUM_POLICY=warn: only four of the fifty demo members check
in, and the vote opens with a warning instead of being refused. Screenshots of the ballot
(landscape and portrait), the chair's panel and the projector go to docs/screenshots/.
"""

import re

import pytest

from tests.browser.conftest import serve_demo
from tests.browser.test_delegate_flow import (
    LIVE_MS,
    log_in,
    shot,
    shot_of,
    today_meeting_id,
    wait_live,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(chromium_path, tmp_path_factory):
    yield from serve_demo(tmp_path_factory, "voting-server", VOTE_QUORUM_POLICY="warn")


def test_chair_opens_three_delegates_vote_everyone_sees_the_result(
        live_server, new_context, screenshot_dir):
    from playwright.sync_api import expect

    chair = log_in(new_context(1024, 768), live_server, "bithu")
    meeting_id = today_meeting_id(chair)
    base = f"{live_server}/meetings/{meeting_id}"
    chair.goto(base + "/chair")
    wait_live(chair)
    chair.click("#check-in")
    chair.click("button[name=status][value=in_session]")
    wait_live(chair)

    delegates = []
    for i, size in zip((1, 2, 3), ((1024, 768), (800, 1280), (1024, 768)), strict=True):
        page = log_in(new_context(*size), live_server, f"daibieu{i:02d}")
        page.goto(base)
        wait_live(page)
        page.click("#check-in")
        expect(page.locator("#check-in")).to_have_count(0, timeout=LIVE_MS)
        delegates.append(page)
    projector = chair.context.new_page()
    projector.goto(base + "/projector")
    wait_live(projector)

    # The chair prepares a named motion and opens it.
    chair.click("#poll-new summary")
    chair.fill("#poll-form [name=title]", "Thông qua Nghị quyết về nhiệm vụ năm 2027")
    chair.check("#poll-form [name=allow_abstain]")
    chair.click("#poll-form button[type=submit]")
    chair.click("#poll-chair [data-action=open]")
    panel = chair.locator("#poll-chair .poll-active")
    expect(panel.locator(".poll-received")).to_have_text("0", timeout=LIVE_MS)

    # Every delegate's tablet shows the ballot at once; tap, confirm, "đã biểu quyết".
    for page in delegates:
        expect(page.locator("#poll-card .poll-option-yes")).to_be_visible(timeout=LIVE_MS)
    shot(delegates[0], screenshot_dir, "voting-ballot-1024x768.png")
    shot(delegates[1], screenshot_dir, "voting-ballot-800x1280.png")
    for n, (page, option) in enumerate(zip(delegates, ("yes", "yes", "no"), strict=True), 1):
        page.click(f"#poll-card .poll-option-{option}")
        expect(page.locator("#poll-card .poll-confirm")).to_be_visible()
        if n == 1:
            shot(page, screenshot_dir, "voting-confirm-1024x768.png")
        page.click("#poll-card .poll-confirm")
        expect(page.locator("#poll-voted")).to_be_visible(timeout=LIVE_MS)
        # The chair's count fills up live, with the named breakdown as it comes.
        expect(panel.locator(".poll-received")).to_have_text(str(n), timeout=LIVE_MS)
        expect(panel.locator(".poll-voters li")).to_have_count(n, timeout=LIVE_MS)
    expect(projector.locator("#proj-poll .poll-received")).to_have_text("3", timeout=LIVE_MS)
    shot(delegates[0], screenshot_dir, "voting-voted-1024x768.png")
    shot(chair, screenshot_dir, "voting-chair-open-1024x768.png")
    shot(projector, screenshot_dir, "voting-projector-open-1024x768.png")

    # Closing asks for a second tap; then the result with its explanation everywhere.
    close = panel.locator("[data-action=close]")
    close.click()
    close.click()
    # Vietnamese once the catalog has the voting strings (English msgids before that).
    words = re.compile(r"2/50 (thành viên đồng ý|members agree) — (chưa đạt quá nửa tổng số "
                       r"thành viên|short of more than half of the total members of) "
                       r"Ban Chấp hành.*\(26\)")
    expect(chair.locator("#poll-chair .poll-result")).to_contain_text(words, timeout=LIVE_MS)
    for page in delegates:
        expect(page.locator("#poll-card .poll-result")).to_contain_text(words, timeout=LIVE_MS)
    expect(projector.locator("#proj-poll .poll-result")).to_contain_text(words, timeout=LIVE_MS)
    shot(chair, screenshot_dir, "voting-chair-result-1024x768.png")
    shot(projector, screenshot_dir, "voting-projector-result-1024x768.png")
    shot(delegates[1], screenshot_dir, "voting-result-800x1280.png")

    # The member who voted against keeps the opinion on record, from the tablet's result.
    dissenter = delegates[2]
    dissenter.click("#poll-card #poll-reserve")
    reason = "Đề nghị lùi thời hạn thực hiện sang quý II năm 2027."
    dissenter.fill("#reservation-text", reason)
    dissenter.click("button[name=action][value=save]")
    expect(dissenter.locator(".poll-reservations li")).to_contain_text(reason)
    expect(dissenter.locator("#reservation-text")).to_have_value(reason)
    # The page comes back at its reservations (the redirect's #reservations-h).
    dissenter.wait_for_timeout(300)
    dissenter.screenshot(path=str(screenshot_dir / "voting-reservation-1024x768.png"))


def test_a_secret_election_on_the_tablets(live_server, new_context, screenshot_dir):
    """Runs after the motion above (same server): the meeting is in session, four present."""
    from playwright.sync_api import expect

    chair = log_in(new_context(1024, 768), live_server, "bithu")
    base = f"{live_server}/meetings/{today_meeting_id(chair)}"
    chair.goto(base + "/chair")
    wait_live(chair)
    delegates = []
    for i, size in zip((1, 2), ((800, 1280), (1024, 768)), strict=True):
        page = log_in(new_context(*size), live_server, f"daibieu{i:02d}")
        page.goto(base)
        wait_live(page)
        delegates.append(page)

    chair.click("#poll-new summary")
    chair.fill("#poll-form [name=title]", "Bầu bổ sung Ủy viên Ban Thường vụ Tỉnh ủy")
    chair.select_option("#poll-form [name=kind]", "election")
    chair.fill("#poll-form [name=seats]", "2")
    chair.fill("#poll-form [name=candidates]", "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường")
    chair.click("#poll-form button[type=submit]")
    chair.click("#poll-chair [data-action=open]")
    panel = chair.locator("#poll-chair .poll-active")
    expect(panel).to_contain_text("Bầu bổ sung", timeout=LIVE_MS)

    for n, page in enumerate(delegates, 1):
        rows = page.locator("#poll-card .poll-person")
        expect(rows).to_have_count(3, timeout=LIVE_MS)
        # All three kept is one too many for two seats: the tablet says so, counts nothing.
        page.locator("#poll-card .btn-big").click()
        page.click("#poll-card .poll-confirm")
        expect(page.locator("#toast")).to_be_visible(timeout=LIVE_MS)
        page.click("#poll-card .poll-change")
        rows.nth(2).locator(".poll-level").nth(1).click()  # strike the third name
        # Struck as on paper, and the pressed button says which choice is in force.
        expect(rows.nth(2)).to_have_class(re.compile(r"\bpoll-person-struck\b"))
        expect(rows.nth(2).locator(".poll-level-strike")).to_have_attribute("aria-pressed",
                                                                           "true")
        expect(rows.nth(0)).not_to_have_class(re.compile(r"\bpoll-person-struck\b"))
        if n == 1:
            shot(page, screenshot_dir, "voting-election-800x1280.png")
        page.locator("#poll-card .btn-big").click()
        page.click("#poll-card .poll-confirm")
        expect(page.locator("#poll-voted")).to_be_visible(timeout=LIVE_MS)
        expect(page.locator("#poll-card .poll-receipt b")).to_have_text(
            re.compile(r"^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$"))
        expect(panel.locator(".poll-received")).to_have_text(str(n), timeout=LIVE_MS)
    # A secret vote: the chair sees the count, never who chose what.
    expect(panel.locator(".poll-voters li")).to_have_count(0)
    close = panel.locator("[data-action=close]")
    close.click()
    close.click()
    result = chair.locator("#poll-chair .poll-result").first
    expect(result).to_contain_text(re.compile("Nguyễn Văn An: 2/50"), timeout=LIVE_MS)
    shot(chair, screenshot_dir, "voting-election-result-1024x768.png")

    # The secretariat issues the counting minutes as a numbered paper of the meeting.
    details = chair.locator("#poll-chair .poll-done").first.locator("a.btn").first
    result_url = live_server + details.get_attribute("href")
    secretariat = log_in(new_context(1024, 768), live_server, "thuky")
    secretariat.goto(result_url)
    issue = secretariat.locator("form.poll-issue button")
    expect(issue).to_be_visible()
    shot_of(secretariat, secretariat.locator(".poll-result-card"), screenshot_dir,
            "voting-result-page-1024x768.png")
    issue.click()
    expect(secretariat).to_have_url(re.compile(r"/meetings/\d+/papers$"), timeout=LIVE_MS)
    issued = secretariat.locator(".issued-number", has_text=re.compile(r"Số \d+-BB/"))
    expect(issued).to_have_count(1)
    shot_of(secretariat, secretariat.locator("li.issued-paper", has=issued),
            screenshot_dir, "voting-minutes-issued-1024x768.png")

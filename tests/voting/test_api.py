"""The voting API: casting over HTTP with CSRF and an Idempotency-Key; live announcements."""

from meeting.voting.models import PollBallot, PollParticipation
from tests.conftest import isolated, members_of

API = "/api/v1"


def cast(api, meeting_id, poll_id, choice, key="tablet-key-0001", csrf=True):
    headers = {"Accept": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    if csrf:
        headers["X-CSRFToken"] = api.token
    return isolated(api.client.post, f"{API}/meetings/{meeting_id}/polls/{poll_id}/ballots",
                    json={"choice": choice}, headers=headers)


def _open_motion(login, meeting, **settings):
    chair = login(members_of(meeting)[0])
    body = {"kind": "motion", "title": "Thông qua Nghị quyết", **settings}
    created = chair.post(f"{API}/meetings/{meeting.id}/polls", json=body)
    assert created.status_code == 201, created.json
    poll_id = created.json["id"]
    opened = chair.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/open")
    assert opened.status_code == 200 and opened.json["state"] == "open"
    return chair, poll_id


def test_cast_over_http_replay_and_refusals(app, login, voting_meeting, create_user):
    meeting = voting_meeting(members=4)
    chair, poll_id = _open_motion(login, meeting, is_secret=True)
    voter = login(members_of(meeting)[1])
    assert cast(voter, meeting.id, poll_id, "yes", csrf=False).status_code == 400
    missing = cast(voter, meeting.id, poll_id, "yes", key=None)
    assert missing.status_code == 400 and "Idempotency-Key" in missing.json["error"]
    unknown = cast(voter, meeting.id, poll_id, "maybe")
    assert unknown.status_code == 400
    first = cast(voter, meeting.id, poll_id, "yes")
    assert first.status_code == 200 and first.json["receipt"]
    replay = cast(voter, meeting.id, poll_id, "yes")
    assert replay.status_code == 200 and replay.json == first.json
    other_tablet = cast(voter, meeting.id, poll_id, "no", key="tablet-key-0002")
    assert other_tablet.status_code == 409
    assert cast(voter, meeting.id, 999_999, "yes").status_code == 404
    guest = create_user("khach")
    from meeting.meetings import operations
    operations.invite_guest(None, meeting, guest)
    assert cast(login(guest), meeting.id, poll_id, "yes").status_code == 403
    assert PollParticipation.query.filter_by(poll_id=poll_id).count() == 1
    assert PollBallot.query.filter_by(poll_id=poll_id).count() == 1
    # After reconnecting, the snapshot says this person has voted.
    snap = voter.get(f"{API}/meetings/{meeting.id}/snapshot").json
    assert snap["polls"]["voted"] == [poll_id] and snap["polls"]["active"][0]["received"] == 1
    # A delegate may not see a draft nor open or close a vote.
    assert voter.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/close").status_code == 403
    closed = chair.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/close")
    assert closed.status_code == 200 and closed.json["result"]["counts"]["yes"] == 1
    assert cast(login(members_of(meeting)[2]), meeting.id, poll_id, "yes").status_code == 409
    receipts = voter.get(f"{API}/meetings/{meeting.id}/polls/{poll_id}/receipts").json
    from meeting.voting.ballots import receipt_hash
    assert receipts["receipt_hashes"] == [receipt_hash(first.json["receipt"])]
    assert voter.get(f"{API}/meetings/{meeting.id}/polls/{poll_id}/verify").json["ok"]


def test_live_events_numbered_and_secret_counts_only(app, login, voting_meeting, socket_for):
    meeting = voting_meeting(members=3)
    people = members_of(meeting)
    chair_api = login(people[0])
    delegate_api = login(people[1])
    chair_sock, delegate_sock = socket_for(chair_api), socket_for(delegate_api)
    for sock in (chair_sock, delegate_sock):
        assert sock.emit("join", {"meeting_id": meeting.id}, callback=True)["ok"]
        sock.get_received()
    created = chair_api.post(f"{API}/meetings/{meeting.id}/polls",
                             json={"kind": "motion", "title": "Kín", "is_secret": True})
    poll_id = created.json["id"]
    assert delegate_sock.events("poll.drafted") == []  # drafts are the chair's business
    chair_api.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/open")
    opened = delegate_sock.events("poll.opened")
    assert len(opened) == 1 and opened[0]["id"] == poll_id and "seq" in opened[0]
    seq = opened[0]["seq"]
    assert cast(delegate_api, meeting.id, poll_id, "no").status_code == 200
    counted = delegate_sock.events("poll.counted")
    assert counted == [{"poll_id": poll_id, "received": 1, "eligible": 3,
                        "meeting_id": meeting.id, "seq": seq + 1}]
    assert chair_sock.events("poll.breakdown") == []  # never for a secret vote
    chair_api.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/close")
    closed = delegate_sock.events("poll.closed")[0]
    assert closed["seq"] == seq + 2 and closed["result"]["counts"]["no"] == 1
    assert closed["explanation"]["vi"][0].startswith("0/3")


def test_named_breakdown_reaches_the_chair_only(app, login, voting_meeting, socket_for):
    meeting = voting_meeting(members=3)
    people = members_of(meeting)
    chair_api, delegate_api = login(people[0]), login(people[1])
    chair_sock, delegate_sock = socket_for(chair_api), socket_for(delegate_api)
    for sock in (chair_sock, delegate_sock):
        sock.emit("join", {"meeting_id": meeting.id}, callback=True)
    _, poll_id = _open_motion(login, meeting)
    chair_sock.get_received()
    delegate_sock.get_received()
    cast(delegate_api, meeting.id, poll_id, "yes")
    breakdown = chair_sock.events("poll.breakdown")
    assert breakdown[0]["voters"][0]["user_id"] == people[1].id
    assert breakdown[0]["counts"]["yes"] == 1
    assert delegate_sock.events("poll.breakdown") == []


def test_pages_csv_and_result(app, login, voting_meeting):
    meeting = voting_meeting(members=3)
    chair, poll_id = _open_motion(login, meeting)
    voter = login(members_of(meeting)[1])
    cast(voter, meeting.id, poll_id, "yes")
    chair.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/close")
    page = voter.page(f"/meetings/{meeting.id}/polls/{poll_id}")
    assert page.status_code == 200
    csv = voter.get(f"/meetings/{meeting.id}/polls/{poll_id}/export.csv")
    text = csv.get_data(as_text=True)
    assert csv.status_code == 200 and "1/3" in text


def test_counting_minutes_pdf(app, login, voting_meeting, tmp_path):
    meeting = voting_meeting(members=3)
    chair, poll_id = _open_motion(login, meeting, allow_abstain=True)
    cast(login(members_of(meeting)[1]), meeting.id, poll_id, "abstain")
    chair.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/close")
    pdf = chair.get(f"/meetings/{meeting.id}/polls/{poll_id}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    (tmp_path / "minutes.pdf").write_bytes(pdf.data)
    import pypdfium2
    text = pypdfium2.PdfDocument(str(tmp_path / "minutes.pdf"))[0].get_textpage().get_text_range()
    assert "BIÊN BẢN" in text.upper() and "SHA-256" in text
    # Only whoever chairs or members of the body: not an outsider.


def test_counts_are_coalesced_and_the_last_one_is_always_announced(app, login, voting_meeting,
                                                                    socket_for):
    import time

    app.config["VOTE_COUNT_INTERVAL"] = 0.5
    meeting = voting_meeting(members=6)
    people = members_of(meeting)
    watcher = socket_for(login(people[0]))
    watcher.emit("join", {"meeting_id": meeting.id}, callback=True)
    chair, poll_id = _open_motion(login, meeting)
    voters = [login(user) for user in people]
    watcher.get_received()
    for voter in voters:
        assert cast(voter, meeting.id, poll_id, "yes",
                    key=f"tablet-key-{voter.user.id:04d}").status_code == 200
    deadline = time.monotonic() + 3
    counted = []
    while time.monotonic() < deadline and not (counted and counted[-1]["received"] == 6):
        time.sleep(0.05)
        counted += watcher.events("poll.counted")
    assert counted and counted[-1]["received"] == 6
    assert len(counted) < 6  # fewer announcements than ballots
    seqs = [c["seq"] for c in counted]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_a_voter_checks_the_receipt_on_the_result_page(app, login, voting_meeting):
    meeting = voting_meeting(members=3)
    chair, poll_id = _open_motion(login, meeting, is_secret=True)
    voter = login(members_of(meeting)[1])
    receipt = cast(voter, meeting.id, poll_id, "no").json["receipt"]
    chair.post(f"{API}/meetings/{meeting.id}/polls/{poll_id}/close")
    url = f"/meetings/{meeting.id}/polls/{poll_id}"
    found = voter.form(url, {"receipt": receipt}).get_data(as_text=True)
    assert "poll-ok" in found and "poll-bad" not in found
    wrong = voter.form(url, {"receipt": "AAAA-BBBB-CCCC"}).get_data(as_text=True)
    assert "poll-bad" in wrong
    # The CSV of a secret vote never lists voters.
    export = voter.get(f"{url}/export.csv")
    csv = export.get_data(as_text=True)
    assert export.status_code == 200 and "SHA-256" in csv
    assert members_of(meeting)[1].full_name not in csv

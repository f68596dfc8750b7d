"""The papers API and pages: issue in the background, poll, download, sign, verify."""

import io

from sqlalchemy import select

from meeting.extensions import db
from meeting.papers.models import IssuedPaper, PaperJob
from tests.conftest import isolated
from tests.helpers import run_queued


def test_issue_poll_download_sign_verify_by_api(held_meeting, secretariat, login):
    api = login(secretariat)
    job = api.post(f"/api/v1/meetings/{held_meeting.id}/papers/agenda").get_json()
    assert job["state"] == "done" and job["paper_id"]  # inline in tests
    polled = api.get(f"/api/v1/meetings/{held_meeting.id}/paper-jobs/{job['id']}").get_json()
    assert polled["state"] == "done"
    listed = api.get(f"/api/v1/meetings/{held_meeting.id}/papers").get_json()
    assert listed["papers"][0]["number_line"] == "Số 1-CTr/TU"
    pdf = api.get(f"/api/v1/papers/{job['paper_id']}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    signed = api.post(f"/api/v1/papers/{job['paper_id']}/sign", json={}).get_json()
    assert signed["signed"] and signed["signer"] == "Văn phòng Tỉnh ủy"
    data = api.get(f"/api/v1/papers/{job['paper_id']}/pdf").data
    checked = isolated(api.client.post, "/api/v1/papers/verify",
                       data={"file": (io.BytesIO(data), "a.pdf")},
                       headers={"X-CSRFToken": api.token, "Accept": "application/json"})
    assert checked.status_code == 200 and checked.get_json()["ok"]


def test_refusals_are_clear_json(held_meeting, secretariat, login, create_user):
    api = login(secretariat)
    refused = api.post(f"/api/v1/meetings/{held_meeting.id}/papers/minutes")
    assert refused.status_code == 409 and refused.get_json()["error"]
    assert api.post(f"/api/v1/meetings/{held_meeting.id}/papers/nonsense").status_code == 404
    bad = isolated(api.client.post, "/api/v1/papers/verify",
                   data={"file": (io.BytesIO(b"hello"), "a.txt")},
                   headers={"X-CSRFToken": api.token, "Accept": "application/json"})
    assert bad.status_code == 400 and bad.get_json()["error"]
    stranger = login(create_user())
    assert stranger.get(f"/api/v1/meetings/{held_meeting.id}/papers").status_code == 404
    assert stranger.get(f"/api/v1/meetings/{held_meeting.id}/minutes").status_code == 404
    assert db.session.scalar(select(IssuedPaper.id)) is None


def test_minutes_by_api(held_meeting, secretariat, login):
    api = login(secretariat)
    item = held_meeting.items[0]
    saved = api.put(f"/api/v1/meetings/{held_meeting.id}/minutes",
                    json={"notes": {str(item.id): "Ghi chép"}, "conclusions": "Kết luận"})
    body = saved.get_json()
    assert saved.status_code == 200 and body["items"][0]["text"] == "Ghi chép"
    assert len(body["items"][0]["speakers"]) == 2
    chair = login(held_meeting.chair)
    approved = chair.post(f"/api/v1/meetings/{held_meeting.id}/minutes/approve").get_json()
    assert approved["locked"]
    again = api.put(f"/api/v1/meetings/{held_meeting.id}/minutes", json={"conclusions": "x"})
    assert again.status_code == 409


def test_background_job_runs_in_a_worker_not_in_the_request(held_meeting, secretariat, app):
    from meeting.core.jobs import Job
    from meeting.papers import jobs

    app.config["PAPERS_BACKGROUND"] = True
    app.config["JOBS_INLINE"] = False
    job = jobs.request_paper(secretariat, held_meeting, "invitation")
    assert job.state == "queued"
    queued = db.session.scalar(select(Job).where(Job.kind == "paper.build"))
    assert queued.state == "queued" and queued.args == [job.id]  # waiting for a worker
    assert run_queued(app) == 1
    db.session.expire_all()
    assert db.session.get(Job, queued.id).state == "done"
    job = db.session.get(PaperJob, job.id)
    assert job.state == "done" and job.paper.number == 1


def test_failed_job_keeps_the_reason(held_meeting, secretariat, app):
    from meeting.papers import jobs

    job = PaperJob(meeting_id=held_meeting.id, kind="minutes",
                   requested_by_id=secretariat.id)
    db.session.add(job)
    db.session.commit()
    jobs.run_job(job.id)  # minutes not approved: the worker refuses like the request would
    db.session.expire_all()
    job = db.session.get(PaperJob, job.id)
    assert job.state == "failed" and job.error


def test_pages(held_meeting, secretariat, login):
    api = login(secretariat)
    page = api.page(f"/meetings/{held_meeting.id}/papers")
    assert page.status_code == 200 and "papers.js" in page.get_data(as_text=True)
    issued = api.form(f"/meetings/{held_meeting.id}/papers/invitation", {})
    assert issued.status_code == 302
    item = held_meeting.items[0]
    saved = api.form(f"/meetings/{held_meeting.id}/minutes",
                     {f"note-{item.id}": "Viết trong trang", "conclusions": "Kết"})
    assert saved.status_code == 302
    editor = api.page(f"/meetings/{held_meeting.id}/minutes").get_data(as_text=True)
    assert "Viết trong trang" in editor
    preview = api.page(f"/meetings/{held_meeting.id}/papers/minutes/preview")
    assert "Viết trong trang" in preview.get_data(as_text=True)


def test_verify_page_is_open_to_anyone(app):
    client = app.test_client()
    page = isolated(client.get, "/papers/verify")
    assert page.status_code == 200


def test_verify_page_answers_a_non_pdf_and_a_signed_file(app, held_meeting):
    import re

    from meeting.papers import issue, sign_ops
    from meeting.papers.storage import load

    paper = issue.issue_paper(None, held_meeting, "agenda")
    sign_ops.sign_paper(None, paper)
    signed = load(paper.signed_path, paper.signed_sha256)
    client = app.test_client()  # nobody logged in
    form = isolated(client.get, "/papers/verify").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)

    def upload(data, name):
        return isolated(client.post, "/papers/verify", data={
            "csrf_token": token, "file": (io.BytesIO(data), name)},
            headers={"Accept": "text/html"}).get_data(as_text=True)

    assert "verify-bad" in upload(b"not a pdf", "x.doc")
    page = upload(signed, "ct.pdf")
    assert "verify-ok" in page and "Văn phòng Tỉnh ủy" in page


def test_sign_with_own_key_by_api(held_meeting, login, pki):
    from meeting.papers import issue
    from tests.papers.pki import PASSWORD

    paper = issue.issue_paper(None, held_meeting, "agenda")
    chair = login(held_meeting.chair)

    def sign(name, password):
        return isolated(chair.client.post, f"/api/v1/papers/{paper.id}/sign", data={
            "p12": (io.BytesIO(pki.p12_path(name).read_bytes()), f"{name}.p12"),
            "password": password},
            headers={"X-CSRFToken": chair.token, "Accept": "application/json"})

    refused = sign("expired", PASSWORD.decode())
    assert refused.status_code == 409 and "hết hạn" in refused.get_json()["error"]  # expired
    assert sign("signer", "wrong").status_code == 400
    done = sign("signer", PASSWORD.decode())
    assert done.status_code == 200 and done.get_json()["signed"]


def test_the_requester_hears_when_the_paper_is_ready(held_meeting, secretariat, login,
                                                     socket_for):
    api = login(secretariat)
    sock = socket_for(api)
    sock.get_received()
    job = api.post(f"/api/v1/meetings/{held_meeting.id}/papers/invitation").get_json()
    heard = sock.events("paper.job")
    assert [(e["id"], e["state"], e["paper_id"]) for e in heard] == [
        (job["id"], "done", job["paper_id"])]


def test_drafts_are_for_the_secretariat_and_the_chair(held_meeting, login):
    from tests.conftest import members_of

    delegate = login(members_of(held_meeting)[3])
    m = held_meeting.id
    assert delegate.get(f"/api/v1/meetings/{m}/papers/minutes/draft").status_code == 404
    assert delegate.page(f"/meetings/{m}/papers/minutes/preview").status_code == 404
    assert delegate.page(f"/meetings/{m}/minutes").status_code == 404
    assert delegate.get(f"/api/v1/meetings/{m}/papers").status_code == 200  # issued: visible
    chair = login(held_meeting.chair)
    draft = chair.get(f"/api/v1/meetings/{m}/papers/minutes/draft")
    assert draft.status_code == 200 and draft.data.startswith(b"%PDF-")

"""Jobs: recorded, queued, run once by a worker process, reported, and failed when a worker dies."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from meeting import create_app
from meeting.core import jobs
from meeting.core.jobs import Job
from meeting.core.unit_of_work import commit
from meeting.extensions import db
from meeting.live.outbox import OutboxMessage, relay_once
from tests.conftest import _config
from tests.helpers import run_queued

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60


def _queue(task, *args, user=None, run_inline=False):
    job = jobs.enqueue("test", f"tests.core.job_tasks:{task}", *args, user=user,
                       run_inline=run_inline)
    commit()
    return job.id


def _job(job_id) -> Job:
    db.session.expire_all()
    return db.session.get(Job, job_id)


def test_a_job_runs_once_and_keeps_its_result(app, create_user):
    app.config["JOBS_INLINE"] = False
    user = create_user()
    job_id = _queue("square", 7, user=user)
    assert _job(job_id).state == "queued"  # committed, waiting for a worker
    assert run_queued(app) == 1
    job = _job(job_id)
    assert job.state == "done" and job.result["square"] == 49 and job.progress == 100
    jobs.execute(job_id)  # a second delivery of the same message does nothing
    assert _job(job_id).finished_dt == job.finished_dt


def test_a_refusal_keeps_its_reason_and_a_bug_a_plain_message(app):
    refused, crashed = _queue("refuse", run_inline=True), _queue("crash", run_inline=True)
    assert (_job(refused).state, _job(refused).message) == ("failed", "Tệp không hợp lệ.")
    assert _job(crashed).state == "failed"
    assert "Không hoàn thành" in _job(crashed).message


def test_a_job_whose_worker_is_gone_is_failed_with_a_message(app, tmp_path):
    app.config["JOBS_INLINE"] = False
    flag = str(tmp_path / "flag")
    job_id = _queue("wait_for", flag)
    db.session.execute(Job.__table__.update().where(Job.id == job_id).values(
        state="running", worker=f"{os.uname().nodename}:999999999"))
    db.session.commit()
    assert jobs.reap() == [job_id]
    job = _job(job_id)
    assert job.state == "failed" and "dừng giữa chừng" in job.message
    assert Path(flag + ".died").exists()  # the domain's own row is failed too (on_died)


def test_only_the_person_who_asked_sees_the_job(app, create_user):
    app.config["JOBS_INLINE"] = False
    owner, other = create_user(), create_user()
    admin = create_user(roles=["admin"])
    job_id = _queue("square", 2, user=owner)
    assert jobs.get_job(owner, job_id).id == job_id
    assert jobs.get_job(other, job_id) is None
    assert jobs.get_job(admin, job_id).id == job_id


def test_a_worker_s_announcements_reach_the_sockets_through_the_outbox(app, create_user):
    user = create_user()
    app.config["LIVE_OUTBOX"] = True  # as in a worker without Redis
    _queue("square", 3, user=user, run_inline=True)
    app.config["LIVE_OUTBOX"] = False
    events = [m.event for m in db.session.scalars(select(OutboxMessage))]
    assert events.count("job.changed") >= 3  # running, 50 %, done
    assert relay_once() == len(events)
    assert db.session.scalar(select(OutboxMessage)) is None


# A real worker process --------------------------------------------------------------------

@pytest.fixture
def worker_env(tmp_path, empty_database):
    env = dict(os.environ, DATABASE_URL=empty_database, MEETING_INSTANCE=str(tmp_path / "i"),
               JOB_STALE_SECONDS="5", PYTHONPATH=str(ROOT))
    env.pop("REDIS_URL", None)
    done = subprocess.run([sys.executable, "-m", "meeting", "db", "upgrade"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return env


def _worker(env):
    return subprocess.Popen([sys.executable, "-m", "meeting", "worker", "--workers", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _until(check, seconds=WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_a_worker_process_runs_jobs_and_fails_those_it_dies_in(worker_env, tmp_path):
    app = create_app(_config(worker_env["DATABASE_URL"], Path(worker_env["MEETING_INSTANCE"])))
    flag = str(tmp_path / "flag")
    with app.app_context():
        queued_early = _queue("square", 5)  # no worker yet: it waits in the queue
        worker = _worker(worker_env)
        try:
            _until(lambda: _job(queued_early).state == "done")
            assert _job(queued_early).result["pid"] != os.getpid()  # another process ran it
            stuck = _queue("wait_for", flag)
            pid = int(_until(lambda: Path(flag + ".started").exists()
                             and Path(flag + ".started").read_text()))
            os.kill(pid, signal.SIGKILL)  # the process running the job dies mid-job
        finally:
            worker.terminate()
            worker.wait(30)
        worker = _worker(worker_env)  # a new worker reaps what the dead one held
        try:
            job = _until(lambda: _job(stuck).state == "failed" and _job(stuck))
            assert "dừng giữa chừng" in job.message
            assert Path(flag + ".died").exists()
            after = _queue("square", 6)  # and goes on working
            done = _until(lambda: _job(after).state == "done" and _job(after))
            assert done.result["square"] == 36
        finally:
            worker.send_signal(signal.SIGINT)
            worker.wait(30)
        db.session.remove()
        db.engine.dispose()

"""Jobs: heavy work recorded in the database and run by a worker process, never by a web one.

A job is a row (``jobs``) and a message on the queue (core/queue.py). The row is what people
see: state, progress, the reason it failed. The message only says "run job N". A domain's
job functions live in its ``jobs.py``, take ids, and call the same operations as everyone.

    job = jobs.enqueue("paper.build", "meeting.papers.jobs:run_job", 12, user=actor)
    commit()          # the job is sent to the queue only once the row is committed

States: queued → running → done | failed. A worker that dies leaves its job "running"
with a stale heartbeat; ``reap`` fails it with a message and calls the task's ``on_died``.
"""

import contextvars
import importlib
import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from meeting.core import unit_of_work
from meeting.core.errors import OperationError
from meeting.core.time import utcnow
from meeting.extensions import db

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
STATES = ("queued", "running", "done", "failed")
_current = contextvars.ContextVar("current_job", default=None)

DIED = _l("The work stopped half-way: the process doing it ended. Please try again.")
FAILED = _l("The work could not be finished. Please try again.")


class Job(db.Model):
    """One piece of heavy work: who asked, how far it got, how it ended."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    task: Mapped[str] = mapped_column(String(200))  # "package.module:function"
    args: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    progress: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(String(500), default="")
    result: Mapped[dict | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    meeting_id: Mapped[int | None]
    worker: Mapped[str] = mapped_column(String(100), default="")  # host:pid
    created_dt: Mapped[datetime] = mapped_column(default=utcnow)
    started_dt: Mapped[datetime | None]
    heartbeat_dt: Mapped[datetime | None]
    finished_dt: Mapped[datetime | None]

    def as_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "state": self.state,
                "progress": self.progress, "message": self.message, "result": self.result}


class Submit:
    """Staged like an announcement: hand the job to the queue once its row is committed."""

    def __init__(self, job_id: int, inline: bool):
        self.job_id, self.inline = job_id, inline

    def send(self):
        if self.inline:
            execute(self.job_id)
        else:
            from meeting.core.queue import submit

            submit(self.job_id)


def inline() -> bool:
    """Run jobs in the calling process (tests set JOBS_INLINE; nothing else should)."""
    return bool(current_app.config.get("JOBS_INLINE"))


def enqueue(kind: str, task: str, *args, user=None, meeting_id=None,
            run_inline: bool | None = None) -> Job:
    """Record a job in the current transaction; it is queued when the transaction commits."""
    job = Job(kind=kind, task=task, args=list(args), user_id=getattr(user, "id", user),
              meeting_id=meeting_id)
    db.session.add(job)
    db.session.flush()
    unit_of_work.stage(Submit(job.id, inline() if run_inline is None else run_inline))
    return job


def _function(task: str):
    module, _, name = task.partition(":")
    return getattr(importlib.import_module(module), name)


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def execute(job_id: int):
    """Run job ``job_id`` once (a second delivery finds it taken and does nothing)."""
    now = utcnow()
    claimed = db.session.execute(
        update(Job).where(Job.id == job_id, Job.state == "queued")
        .values(state="running", started_dt=now, heartbeat_dt=now, worker=_worker_name()))
    db.session.commit()
    if claimed.rowcount != 1:
        return
    job = db.session.get(Job, job_id)
    _announce(job)
    token = _current.set(job_id)
    beat = _Heartbeat(job_id)
    beat.start()
    try:
        result = _function(job.task)(*job.args)
    except OperationError as exc:
        db.session.rollback()
        _finish(job_id, "failed", str(exc.message))
    except Exception:  # a bug must never leave the job "running"
        db.session.rollback()
        log.exception("job %s (%s) failed", job_id, job.task)
        _finish(job_id, "failed", str(FAILED))
    else:
        _finish(job_id, "done", "", result if isinstance(result, dict) else None)
    finally:
        beat.stop()
        _current.reset(token)


def _finish(job_id, state, message="", result=None):
    job = db.session.get(Job, job_id)
    job.state, job.message, job.result = state, message[:500], result
    job.progress = 100 if state == "done" else job.progress
    job.finished_dt = utcnow()
    _announce(job)
    unit_of_work.commit()


def _announce(job: Job):
    if job.user_id:
        from meeting.live import announce

        announce.to_user(job.user_id, "job.changed", job.as_json())


def progress(percent: int, message: str = ""):
    """Tell the person waiting how far the current job got (no-op outside a job).

    Written on a connection of its own, so call it between the task's transactions:
    it must not commit half of the task's own work.
    """
    job_id = _current.get()
    if job_id is None:
        return
    percent = max(0, min(99, int(percent)))
    with db.engine.begin() as conn:
        conn.execute(update(Job).where(Job.id == job_id)
                     .values(progress=percent, message=str(message)[:500],
                             heartbeat_dt=utcnow()))
    # The same event, with the same shape, as every other change of the job; sent at once
    # (the update above is committed), never through the task's own unfinished transaction.
    job = db.session.get(Job, job_id, populate_existing=True)
    if job.user_id:
        from meeting.live.announce import Announcement, user_room

        Announcement(user_room(job.user_id), "job.changed", job.as_json()).send()


class _Heartbeat:
    """Stamp the job every few seconds while it runs, so a dead worker shows."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.stopped = threading.Event()
        self.app = current_app._get_current_object()
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"job-{job_id}")

    def start(self):
        if not self.app.config.get("JOBS_INLINE"):
            self.thread.start()

    def stop(self):
        self.stopped.set()

    def _run(self):
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            try:
                with self.app.app_context(), db.engine.begin() as conn:
                    conn.execute(update(Job).where(Job.id == self.job_id,
                                                   Job.state == "running")
                                 .values(heartbeat_dt=utcnow()))
            except Exception:  # SQLite busy under the job's own write: try at the next beat
                log.warning("job %s: heartbeat not written", self.job_id, exc_info=True)


def _alive(worker: str) -> bool | None:
    """Whether the worker process of this host named ``host:pid`` still runs (None: elsewhere)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap(stale_seconds: int | None = None) -> list[int]:
    """Fail the running jobs whose worker is gone; return their ids."""
    stale_seconds = stale_seconds or current_app.config.get("JOB_STALE_SECONDS", 60)
    cutoff = utcnow() - timedelta(seconds=stale_seconds)
    dead = []
    for job in db.session.scalars(select(Job).where(Job.state == "running")):
        alive = _alive(job.worker)
        if alive is False or (alive is None and (job.heartbeat_dt or job.created_dt) < cutoff):
            dead.append(job)
    for job in dead:
        log.warning("job %s (%s) died with its worker %s", job.id, job.task, job.worker)
        hook = getattr(_function(job.task), "on_died", None)
        if hook is not None:
            hook(*job.args)
        _finish(job.id, "failed", str(DIED))
    return [job.id for job in dead]


def get_job(user, job_id) -> Job | None:
    """A job the person may see: their own (the admin: any)."""
    job = db.session.get(Job, job_id) if isinstance(job_id, int) else None
    if job is None or (job.user_id != getattr(user, "id", None) and not user.has_role("admin")):
        return None
    return job

"""Build papers in the background: a 300-page minutes takes longer than a request should.

``request_paper`` records a queued job and starts a worker; the worker issues the paper
and tells the requester (``paper.job`` to their devices); the page also polls the job.
The build runs in a worker process (core/jobs.py), never in a web process: WeasyPrint
laying out 300 pages would hold every tablet's requests.
"""

import logging
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from meeting.auth.models import User
from meeting.core.background import run_later, start_build
from meeting.core.errors import NotFound, OperationError
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.live import announce
from meeting.papers.issue import check_can_issue, issue_paper
from meeting.papers.models import PaperJob

log = logging.getLogger(__name__)


def request_paper(actor, meeting, kind: str) -> PaperJob:
    """Queue the issue of a paper; refuse at once what the worker would refuse."""
    check_can_issue(actor, meeting, kind)
    job = PaperJob(meeting_id=meeting.id, kind=kind, requested_by_id=getattr(actor, "id", None))
    db.session.add(job)
    db.session.flush()
    audit(actor, "paper.request", job, after=job.as_json(), meeting_id=meeting.id)
    commit()
    start(job.id)
    return job


def start(job_id: int):
    """Queue the build for a worker, or run it inline when PAPERS_BACKGROUND is off (tests)."""
    return run_later(run_job, job_id, name="paper.build", setting="PAPERS_BACKGROUND")


def run_job(job_id: int):
    """queued → running → done | failed, each state committed so the page can show it."""
    job = start_build(PaperJob, job_id)
    if job is None:
        return
    actor = db.session.get(User, job.requested_by_id) if job.requested_by_id else None
    try:
        paper = issue_paper(actor, _meeting(job), job.kind)
    except OperationError as exc:
        db.session.rollback()
        _finish(job_id, "failed", str(exc.message))
    except Exception:  # a bug must not leave the job "running" forever
        db.session.rollback()
        log.exception("paper job %s failed", job_id)
        _finish(job_id, "failed", str(_l("The paper could not be built.")))
    else:
        _finish(job_id, "done", paper_id=paper.id)


def _died(job_id: int):
    _finish(job_id, "failed", str(_l("The paper could not be built.")))


run_job.on_died = _died  # its worker died (core/jobs.py reap)


def _meeting(job):
    from meeting.meetings.models import Meeting

    return db.session.get(Meeting, job.meeting_id)


def _finish(job_id, state, error="", paper_id=None):
    job = db.session.get(PaperJob, job_id)
    job.state, job.error, job.paper_id = state, error[:500], paper_id
    job.finished_dt = utcnow()
    if job.requested_by_id:
        announce.to_user(job.requested_by_id, "paper.job", job.as_json())
    commit()


def get_job(meeting, job_id) -> PaperJob:
    job = db.session.get(PaperJob, job_id)
    if job is None or job.meeting_id != meeting.id:
        raise NotFound()
    return job


def recent_jobs(meeting, minutes=15) -> list[PaperJob]:
    """Builds the page shows: those still going, and those ended in the last minutes."""
    since = utcnow() - timedelta(minutes=minutes)
    return [job for job in jobs_of(meeting, 5)
            if job.state in ("queued", "running") or (job.finished_dt or since) > since]


def jobs_of(meeting, limit=20) -> list[PaperJob]:
    return list(db.session.scalars(select(PaperJob).where(PaperJob.meeting_id == meeting.id)
                                   .order_by(PaperJob.id.desc()).limit(limit)))

"""Slow builds after the request: a job for a worker process, and the build row's states.

Under gevent a thread is a greenlet, so a build in the web process held every tablet's
requests while WeasyPrint laid out a paper; builds now run in `meeting worker`
(core/jobs.py, core/queue.py). Each domain keeps a setting (``PAPERS_BACKGROUND``,
``SAVINGS_BACKGROUND``) that, when off (tests), runs the task inline, before the response.
"""

from flask import current_app

from meeting.core import jobs
from meeting.core.unit_of_work import commit
from meeting.extensions import db


def run_later(task, *args, name, setting, user=None, meeting_id=None):
    """Queue ``task(*args)`` as a job and commit; the task commits its own changes."""
    config = current_app.config
    job = jobs.enqueue(name, f"{task.__module__}:{task.__name__}", *args, user=user,
                       meeting_id=meeting_id,
                       run_inline=config.get("JOBS_INLINE") or not config.get(setting, True))
    commit()
    return job


def start_build(model, row_id):
    """Move a queued build (a row with ``state``) to running and commit, so its page shows it.

    Return the row, or None when it is gone or already taken: only a queued build starts.
    """
    row = db.session.get(model, row_id)
    if row is None or row.state != "queued":
        return None
    row.state = "running"
    db.session.commit()
    return row

"""The queue between web processes and worker processes (Huey).

Why Huey, not RQ, Dramatiq or Celery: the product has two shapes. A province's server runs
several web processes on Redis; a single server (and `make run`) has no Redis at all, yet
must never draw a page or convert a file in its web process. RQ and Dramatiq need Redis (or
RabbitMQ) for any worker in another process: their in-memory stubs cannot cross a process.
Celery can use a database through kombu's SQLAlchemy transport, at the cost of a large
framework whose own docs call that transport experimental. Huey keeps one API over Redis
(``RedisHuey``, blocking pops) and an SQLite file (``SqliteHuey``, in the instance folder,
so queued work survives a restart), runs its workers as processes, and schedules the
periodic reaper; the job's state lives in our own ``jobs`` table either way (core/jobs.py).

Web processes only ``submit``; `meeting worker` consumes. Without REDIS_URL, `meeting run`
starts `meeting worker` beside itself, and the worker's announcements reach the tablets
through the live outbox (live/outbox.py).
"""

import os
import signal
import threading
from pathlib import Path

from flask import current_app, has_app_context
from huey import RedisHuey, SqliteHuey, crontab

WORKER_NICE = 10
_queues = {}  # (redis url, instance folder) -> (huey, its execute task)
_app = None


def _where() -> tuple[str, str, str]:
    """Redis URL, channel and instance folder: the app's settings, else the environment."""
    if has_app_context():
        config = current_app.config
        return (config.get("REDIS_URL") or "", config.get("SOCKETIO_CHANNEL") or "",
                current_app.instance_path)
    from meeting.config import ROOT

    return (os.environ.get("REDIS_URL", ""), os.environ.get("SOCKETIO_CHANNEL", ""),
            os.environ.get("MEETING_INSTANCE", str(ROOT / "instance")))


def get_huey():
    """The queue this app or process uses: Redis when configured, else the instance's file."""
    return _queue()[0]


def _queue():
    """The queue and its ``execute`` task, made once per Redis URL or instance folder."""
    url, channel, instance = _where()
    key = (url, instance if not url else "")
    if key not in _queues:
        if url:
            huey = RedisHuey(f"meeting-jobs-{channel or 'flask-socketio'}", url=url,
                             blocking=True, read_timeout=1, results=False)
        else:
            Path(instance).mkdir(parents=True, exist_ok=True)
            huey = SqliteHuey("meeting-jobs", filename=str(Path(instance) / "jobs.sqlite3"),
                              results=False)
        execute_task = huey.task(name="execute")(_execute)
        huey.periodic_task(crontab(minute="*"), name="reap")(_reap)
        _queues[key] = (huey, execute_task)
    return _queues[key]


def submit(job_id: int):
    """Put "run job N" on the queue (the job's row is already committed)."""
    _queue()[1](job_id)


def worker_app():
    """The app of this worker process, made on first use (after the fork, never before)."""
    global _app
    if _app is None:
        from meeting import create_app
        from meeting.config import Config

        # Without Redis a worker has no way to the tablets' sockets: its announcements
        # go to the live outbox, which the web process relays (live/outbox.py).
        _app = create_app(Config(LIVE_OUTBOX=not os.environ.get("REDIS_URL")))
    return _app


def _execute(job_id: int):
    from meeting.core.jobs import execute
    from meeting.extensions import db

    with worker_app().app_context():
        try:
            execute(job_id)
        finally:
            db.session.remove()


def _reap():
    from meeting.core.jobs import reap
    from meeting.extensions import db

    with worker_app().app_context():
        try:
            reap()
        finally:
            db.session.remove()


def _reap_before_fork():
    """Reap once in the consumer, then drop its app: forked workers must open their own
    connections, never share the parent's."""
    global _app
    _reap()
    from meeting.extensions import db

    with _app.app_context():
        db.engine.dispose()
    _app = None


def run_worker(workers: int, parent_pid: int | None = None):
    """Consume the queue with ``workers`` processes until stopped (SIGTERM or SIGINT)."""
    huey = get_huey()
    # Below the web processes: on a small server the room's requests come first, and the
    # jails this worker starts inherit the same lower priority.
    os.nice(WORKER_NICE)
    _reap_before_fork()  # jobs left running by a worker that died before this one started
    if parent_pid:
        _follow_parent(parent_pid)
    # Poll an idle SQLite queue every half second at most (Huey's default backs off to 10 s,
    # a long wait for a delegate who just uploaded a paper). Redis blocks on its list.
    consumer = huey.create_consumer(workers=workers, worker_type="process", periodic=True,
                                    initial_delay=0.05, backoff=1.5, max_delay=0.5,
                                    check_worker_health=True)
    consumer.run()


def _follow_parent(parent_pid: int):
    """Stop when the `meeting run` that started this worker is gone (even by kill -9)."""
    def watch():
        while True:
            threading.Event().wait(2)
            if os.getppid() != parent_pid:
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()

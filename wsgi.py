"""WSGI entry point for a process manager, e.g. ``gunicorn -k gevent -w 1 wsgi:app``.

Several such processes share live rooms when REDIS_URL is set (see docs/DEPLOYMENT.md).
"""

import os

if os.environ.setdefault("SOCKETIO_ASYNC_MODE", "gevent") == "gevent":
    from gevent import monkey

    monkey.patch_all()

from meeting import create_app  # noqa: E402

app = create_app()

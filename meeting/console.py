"""Entry point of the ``meeting`` console script.

Kept free of imports: ``meeting run`` serves with gevent, whose monkey-patching must
happen before Flask, Redis or psycopg are imported, so their sockets yield to other
greenlets instead of blocking the whole server.
"""

import os
import sys


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        os.environ.setdefault("SOCKETIO_ASYNC_MODE", "gevent")
        if os.environ["SOCKETIO_ASYNC_MODE"] == "gevent":
            from gevent import monkey

            monkey.patch_all()
    from meeting.cli import cli

    cli.main(prog_name="meeting")
